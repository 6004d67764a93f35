package toynn;

/**
 * Thrown when training produces NaN or infinite values: the learning rate is usually too high
 * (or the data holds huge values). {@link NeuralNetwork#train(double[], double[])} checks every
 * error, gradient and update before it changes a weight, so the step that diverges leaves the
 * network as it was before that step (earlier steps may already have pushed it far off).
 */
public class TrainingDivergedException extends ArithmeticException {
    /** An exception with the given message; the message should say where and suggest a fix. */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
