package toynn.train;

import java.util.List;

/**
 * What {@code NeuralNetwork.fit} did: one {@link EpochEvent} per epoch trained, whether training ended
 * early, and the best epoch by the monitored loss (the validation loss when there is validation data,
 * else the training loss).
 */
public final class History {
    private final List<EpochEvent> epochs;
    private final boolean stoppedEarly;
    private final int bestEpoch;
    private final boolean restoredBestWeights;
    private final EarlyStoppingState earlyStoppingState;

    History(List<EpochEvent> epochs, boolean stoppedEarly, int bestEpoch, boolean restoredBestWeights,
            EarlyStoppingState earlyStoppingState) {
        this.epochs = List.copyOf(epochs);
        this.stoppedEarly = stoppedEarly;
        this.bestEpoch = bestEpoch;
        this.restoredBestWeights = restoredBestWeights;
        this.earlyStoppingState = earlyStoppingState;
    }

    /** One event per epoch trained, in order. */
    public List<EpochEvent> epochs() {
        return epochs;
    }

    /** The last epoch's event. */
    public EpochEvent last() {
        return epochs.get(epochs.size() - 1);
    }

    /** True when training ended before the requested epochs: by early stopping or a listener's {@code stop()}. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /**
     * The epoch number (from 1) with the lowest monitored loss in this fit — or, when it continued an
     * earlier run's early stopping ({@code FitOptions.resumeEarlyStopping}), possibly an earlier epoch.
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** True when early stopping put back the best epoch's weights at the end. */
    public boolean restoredBestWeights() {
        return restoredBestWeights;
    }

    /**
     * Early stopping's state after the last epoch trained (before any best weights were put back), for
     * {@code FitOptions.resumeEarlyStopping} in a later fit; null when this fit had no early stopping.
     * Resuming also needs the weights of that last epoch: when {@link #restoredBestWeights()} is true the
     * network holds the best ones instead, so save it in {@code onEpochEnd} (with
     * {@link EpochEvent#earlyStoppingState()}) to resume from there.
     */
    public EarlyStoppingState earlyStoppingState() {
        return earlyStoppingState;
    }

    @Override
    public String toString() {
        return "History(" + epochs.size() + " epochs, best " + bestEpoch + (stoppedEarly ? ", stopped early" : "") + ")";
    }
}
