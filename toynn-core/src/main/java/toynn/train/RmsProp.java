package toynn.train;

import java.util.List;
import java.util.Map;

/**
 * RMSProp (Tieleman &amp; Hinton 2012, "Lecture 6.5 — rmsprop: divide the gradient by a running average
 * of its recent magnitude", COURSERA Neural Networks for Machine Learning):
 * {@code s ← ρ·s + (1 − ρ)·g²}, {@code w ← w − lr·g / (√s + ε)}. Defaults ρ = 0.9 (the lecture's),
 * ε = 1e-8. State: the running mean square {@code s} per parameter.
 */
public final class RmsProp extends Optimizer {
    private final double rho;
    private final double epsilon;

    private RmsProp(double lr, double rho, double epsilon) {
        super(lr);
        this.rho = checkFraction(rho, "rho");
        this.epsilon = checkPositive(epsilon, "epsilon");
    }

    /**
     * RMSProp with learning rate {@code lr} (1e-3 is the usual start), ρ = 0.9, ε = 1e-8.
     *
     * @throws IllegalArgumentException unless {@code lr} is finite and positive
     */
    public static RmsProp of(double lr) {
        return new RmsProp(lr, 0.9, 1e-8);
    }

    /** The same with decay rate ρ in [0, 1). */
    public RmsProp withRho(double rho) {
        return new RmsProp(learningRate(), rho, epsilon);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected void addHyperParameters(Map<String, Double> m) {
        m.put("rho", rho);
        m.put("epsilon", epsilon);
    }

    @Override
    public List<String> slotNames() {
        return List.of("meanSquare");
    }

    @Override
    public RmsProp withLearningRate(double lr) {
        return new RmsProp(lr, rho, epsilon);
    }

    @Override
    protected Optimizer withHyperParameters(Map<String, Double> hp) {
        return new RmsProp(get(hp, "learningRate", learningRate()), get(hp, "rho", rho), get(hp, "epsilon", epsilon));
    }

    @Override
    protected void update(float[] w, float[] g, float[][] slots, float lr, long t) {
        float[] s = slots[0];
        float r = (float) rho;
        float c = (float) (1 - rho);
        float eps = (float) epsilon;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            s[i] = r * s[i] + c * gi * gi;                          // s ← ρ·s + (1 − ρ)·g²
            w[i] -= lr * gi / ((float) Math.sqrt(s[i]) + eps);      // w ← w − lr·g / (√s + ε)
        }
    }
}
