package toynn.cli.progress;

/** Shows training as it happens: a progress bar per epoch, JSON lines, or nothing. */
public interface TrainingReporter extends AutoCloseable {
    /**
     * A batch finished: {@code batch} of {@code batches} (1-based) in epoch {@code epoch} of {@code epochs};
     * loss and accuracy are the epoch's running means so far.
     */
    void batch(int epoch, int epochs, int batch, int batches, double loss, double accuracy, double samplesPerSecond);

    /** An epoch finished. */
    void epoch(EpochSummary summary);

    /** Training ended (normally or not): finish any open display. */
    @Override
    void close();

    /** A reporter that shows nothing ({@code --quiet}). */
    static TrainingReporter quiet() {
        return new TrainingReporter() {
            @Override
            public void batch(int epoch, int epochs, int batch, int batches, double loss, double accuracy, double sps) {
            }

            @Override
            public void epoch(EpochSummary summary) {
            }

            @Override
            public void close() {
            }
        };
    }
}
