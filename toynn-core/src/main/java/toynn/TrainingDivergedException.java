package toynn;

/**
 * Thrown when training produces NaN or infinite values: the learning rate is usually too high
 * (or the data holds huge values). The network's weights are left as they were when it was
 * detected, so they may already be unusable.
 */
public class TrainingDivergedException extends ArithmeticException {
    /** An exception with the given message; the message should say where and suggest a fix. */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
