package toynn.train;

/**
 * What one batch of {@code fit} did. The training loop reuses one instance for all batches (no
 * allocation per batch): read it inside {@link TrainingListener#onBatchEnd}, do not keep it.
 * Epochs and batches are counted from 1.
 */
public final class BatchEvent {
    private final StopSignal signal;
    int epoch;
    int epochs;
    int batch;
    int batches;
    int size;
    double loss;
    double accuracy;
    double samplesPerSecond;
    double learningRate;

    BatchEvent(StopSignal signal) {
        this.signal = signal;
    }

    /** The epoch this batch belongs to, from 1. */
    public int epoch() {
        return epoch;
    }

    /** The epoch {@code fit} will stop after (its {@code epochs} option). */
    public int epochs() {
        return epochs;
    }

    /** This batch's number within the epoch, from 1. */
    public int batch() {
        return batch;
    }

    /** The number of batches in an epoch. */
    public int batches() {
        return batches;
    }

    /** The number of samples in this batch. */
    public int size() {
        return size;
    }

    /** The batch's mean loss, before the update (without the weight-decay term). */
    public double loss() {
        return loss;
    }

    /** The fraction of the batch classified correctly before the update; NaN for regression. */
    public double accuracy() {
        return accuracy;
    }

    /** Training speed so far in this epoch, samples per second. */
    public double samplesPerSecond() {
        return samplesPerSecond;
    }

    /** The learning rate used for this batch. */
    public double learningRate() {
        return learningRate;
    }

    /** Ends training after this batch (the epoch is then reported as it stands). */
    public void stop() {
        signal.requested = true;
    }

    @Override
    public String toString() {
        return "epoch " + epoch + "/" + epochs + ", batch " + batch + "/" + batches + ": loss " + loss
                + (Double.isNaN(accuracy) ? "" : ", accuracy " + accuracy);
    }
}
