package toynn.train;

/**
 * What one epoch of {@code fit} did; {@link History#epochs()} keeps one per epoch. Epochs are counted
 * from 1 over the network's whole training, so after {@code FitOptions.initialEpoch(2)} the first event
 * says epoch 3. Losses are means per sample, without the weight-decay term; the training loss and
 * accuracy are averaged over the epoch's batches as they were trained (as Keras reports them).
 */
public final class EpochEvent {
    private final StopSignal signal;
    private final int epoch;
    private final int epochs;
    private final double trainLoss;
    private final double trainAccuracy;
    private final double valLoss;
    private final double valAccuracy;
    private final double samplesPerSecond;
    private final double seconds;
    private final double learningRate;
    private final EarlyStoppingState early;     // without best weights (those are read live, see below)
    private final boolean keepsBest;            // restoreBestWeights: the state has best weights
    private float[][] liveBest;                 // the trainer's best weights during onEpochEnd, then null

    EpochEvent(StopSignal signal, int epoch, int epochs, double trainLoss, double trainAccuracy, double valLoss,
               double valAccuracy, double samplesPerSecond, double seconds, double learningRate,
               EarlyStoppingState early, float[][] liveBest) {
        this.signal = signal;
        this.epoch = epoch;
        this.epochs = epochs;
        this.trainLoss = trainLoss;
        this.trainAccuracy = trainAccuracy;
        this.valLoss = valLoss;
        this.valAccuracy = valAccuracy;
        this.samplesPerSecond = samplesPerSecond;
        this.seconds = seconds;
        this.learningRate = learningRate;
        this.early = early;
        this.keepsBest = liveBest != null;
        this.liveBest = liveBest;
    }

    /** This epoch's number, from 1. */
    public int epoch() {
        return epoch;
    }

    /** The epoch {@code fit} will stop after (its {@code epochs} option). */
    public int epochs() {
        return epochs;
    }

    /** Mean training loss over the epoch. */
    public double trainLoss() {
        return trainLoss;
    }

    /** Training accuracy over the epoch; NaN for regression. */
    public double trainAccuracy() {
        return trainAccuracy;
    }

    /** Mean loss on the validation data after the epoch; NaN without validation data. */
    public double valLoss() {
        return valLoss;
    }

    /** Accuracy on the validation data after the epoch; NaN without validation data or for regression. */
    public double valAccuracy() {
        return valAccuracy;
    }

    /** Training speed over the epoch (without validation), samples per second. */
    public double samplesPerSecond() {
        return samplesPerSecond;
    }

    /** Wall-clock seconds of the epoch, validation included. */
    public double seconds() {
        return seconds;
    }

    /** The learning rate used in this epoch (after the schedule). */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Early stopping's state after this epoch — what {@code FitOptions.resumeEarlyStopping} needs to carry
     * on from here — or null when fit has no early stopping. With {@code restoreBestWeights} the state
     * holds a copy of the best weights, taken when this is called; they are only at hand during
     * {@link TrainingListener#onEpochEnd}, so call it there (as a checkpoint writer does).
     *
     * @throws IllegalStateException when called after {@code onEpochEnd} while best weights are kept
     */
    public EarlyStoppingState earlyStoppingState() {
        if (early == null) {
            return null;
        }
        if (!keepsBest) {
            return early;
        }
        if (liveBest == null) {
            throw new IllegalStateException("the best weights of epoch " + epoch + "'s early-stopping state are only "
                    + "at hand during onEpochEnd; call earlyStoppingState() there, or use History.earlyStoppingState()");
        }
        return new EarlyStoppingState(early.bestValue(), early.bestEpoch(), early.sinceBest(), liveBest);
    }

    /** Called by the trainer once the listeners have seen this event: the live best weights move on. */
    void endOfEpoch() {
        liveBest = null;
    }

    /** Ends training after this epoch (works only during {@link TrainingListener#onEpochEnd}). */
    public void stop() {
        signal.requested = true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("epoch ").append(epoch).append('/').append(epochs)
                .append(": loss ").append(String.format(java.util.Locale.ROOT, "%.4f", trainLoss));
        if (!Double.isNaN(trainAccuracy)) {
            sb.append(String.format(java.util.Locale.ROOT, ", accuracy %.4f", trainAccuracy));
        }
        if (!Double.isNaN(valLoss)) {
            sb.append(String.format(java.util.Locale.ROOT, ", val loss %.4f", valLoss));
        }
        if (!Double.isNaN(valAccuracy)) {
            sb.append(String.format(java.util.Locale.ROOT, ", val accuracy %.4f", valAccuracy));
        }
        return sb.append(String.format(java.util.Locale.ROOT, ", %.0f samples/s", samplesPerSecond)).toString();
    }
}
