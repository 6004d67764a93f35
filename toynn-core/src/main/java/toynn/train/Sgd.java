package toynn.train;

import java.util.List;
import java.util.Map;

/**
 * Plain stochastic gradient descent (Robbins &amp; Monro 1951, "A stochastic approximation method"):
 * {@code w ← w − lr·g}. No state.
 *
 * <p>With batch size 1, squared error and sigmoid everywhere this is exactly the lecture's step on the
 * exact gradient ({@code NeuralNetwork.train} with {@code setExactGradient(true)}), bit for bit.
 */
public final class Sgd extends Optimizer {
    private Sgd(double learningRate) {
        super(learningRate);
    }

    /**
     * SGD with learning rate {@code lr}.
     *
     * @throws IllegalArgumentException unless {@code lr} is finite and positive
     */
    public static Sgd of(double lr) {
        return new Sgd(lr);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected void addHyperParameters(Map<String, Double> m) {
    }

    @Override
    public List<String> slotNames() {
        return List.of();
    }

    @Override
    public Sgd withLearningRate(double lr) {
        return new Sgd(lr);
    }

    @Override
    protected Optimizer withHyperParameters(Map<String, Double> hp) {
        return new Sgd(get(hp, "learningRate", learningRate()));
    }

    @Override
    protected void update(float[] w, float[] g, float[][] slots, float lr, long t) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * g[i];                          // w ← w − lr·g
        }
    }
}
