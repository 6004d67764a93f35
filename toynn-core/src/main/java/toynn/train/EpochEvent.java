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

    EpochEvent(StopSignal signal, int epoch, int epochs, double trainLoss, double trainAccuracy, double valLoss,
               double valAccuracy, double samplesPerSecond, double seconds, double learningRate) {
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
