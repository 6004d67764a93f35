package toynn;

/**
 * Called after every epoch of {@link NeuralNetwork#train(int, EpochCallback)} — ml5.js's
 * {@code whileTraining}, e.g. {@code nn.train(50, (epoch, loss) -> println(epoch + ": " + loss))}.
 */
@FunctionalInterface
public interface EpochCallback {
    /**
     * @param epoch the epoch just finished, counting from 1
     * @param loss  the mean training loss of that epoch
     */
    void onEpoch(int epoch, double loss);
}
