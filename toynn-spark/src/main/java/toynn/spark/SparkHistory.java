package toynn.spark;

import java.util.List;
import toynn.train.EarlyStoppingState;

/**
 * What {@link SparkTraining#fit} did: one {@link SparkEpoch} per epoch trained, and how it ended.
 *
 * @param epochs              the epochs trained, in order
 * @param stoppedEarly        whether early stopping ended training before the last epoch
 * @param bestEpoch           the epoch with the lowest monitored loss (validation loss when there is
 *                            validation data, else training loss)
 * @param restoredBestWeights whether the network was set back to the weights of {@code bestEpoch}
 * @param earlyStoppingState  early stopping's state at the end, to carry on with
 *                            ({@code SparkTraining.resumeEarlyStopping}); null without early stopping
 */
public record SparkHistory(List<SparkEpoch> epochs, boolean stoppedEarly, int bestEpoch, boolean restoredBestWeights,
                           EarlyStoppingState earlyStoppingState) {
    /** Copies the list. */
    public SparkHistory {
        epochs = List.copyOf(epochs);
    }

    /** A history without early-stopping state. */
    public SparkHistory(List<SparkEpoch> epochs, boolean stoppedEarly, int bestEpoch, boolean restoredBestWeights) {
        this(epochs, stoppedEarly, bestEpoch, restoredBestWeights, null);
    }

    /** The last epoch trained. */
    public SparkEpoch last() {
        return epochs.get(epochs.size() - 1);
    }
}
