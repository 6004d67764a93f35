package toynn.train;

/**
 * Called by {@code NeuralNetwork.fit} after every batch and every epoch — for progress bars, plots,
 * logging, or stopping: call {@code event.stop()} to end training after the current batch or epoch.
 *
 * <pre>{@code
 * nn.fit(train, FitOptions.create().epochs(10).listener(new TrainingListener() {
 *     public void onEpochEnd(EpochEvent e) {
 *         System.out.printf("epoch %d: loss %.4f, accuracy %.3f%n", e.epoch(), e.trainLoss(), e.trainAccuracy());
 *     }
 * }));
 * }</pre>
 * Listeners run on the training thread; a slow listener slows training.
 */
public interface TrainingListener {
    /** After each batch's update. The event object is reused: read it during the call, do not keep it. */
    default void onBatchEnd(BatchEvent e) {
    }

    /** After each epoch (and its validation). */
    default void onEpochEnd(EpochEvent e) {
    }
}
