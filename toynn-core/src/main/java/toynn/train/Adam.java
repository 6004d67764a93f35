package toynn.train;

import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization"), with bias correction:
 * <pre>
 * m ← β₁·m + (1 − β₁)·g          v ← β₂·v + (1 − β₂)·g²
 * m̂ = m / (1 − β₁ᵗ)              v̂ = v / (1 − β₂ᵗ)
 * w ← w − lr·m̂ / (√v̂ + ε)
 * </pre>
 * Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (the paper's). State: {@code m} and {@code v} per parameter,
 * plus the step count {@code t}.
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    Adam(double lr, double beta1, double beta2, double epsilon) {
        super(lr);
        this.beta1 = checkFraction(beta1, "beta1");
        this.beta2 = checkFraction(beta2, "beta2");
        this.epsilon = checkPositive(epsilon, "epsilon");
    }

    /**
     * Adam with learning rate {@code lr} (1e-3 is the usual start) and the paper's β₁, β₂, ε.
     *
     * @throws IllegalArgumentException unless {@code lr} is finite and positive
     */
    public static Adam of(double lr) {
        return new Adam(lr, 0.9, 0.999, 1e-8);
    }

    /** The same with decay rates β₁ and β₂ (each in [0, 1)). */
    public Adam withBetas(double beta1, double beta2) {
        return new Adam(learningRate(), beta1, beta2, epsilon);
    }

    /** The same with ε (added to √v̂ so the step stays finite). */
    public Adam withEpsilon(double epsilon) {
        return new Adam(learningRate(), beta1, beta2, epsilon);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected void addHyperParameters(Map<String, Double> m) {
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("epsilon", epsilon);
    }

    @Override
    public List<String> slotNames() {
        return List.of("m", "v");
    }

    @Override
    public Adam withLearningRate(double lr) {
        return new Adam(lr, beta1, beta2, epsilon);
    }

    @Override
    protected Optimizer withHyperParameters(Map<String, Double> hp) {
        return new Adam(get(hp, "learningRate", learningRate()), get(hp, "beta1", beta1), get(hp, "beta2", beta2),
                get(hp, "epsilon", epsilon));
    }

    @Override
    protected void update(float[] w, float[] g, float[][] slots, float lr, long t) {
        adamStep(w, g, slots, lr, t, beta1, beta2, epsilon, 0f);
    }

    /** The Adam step; with {@code decay > 0} also {@code w ← w − lr·decay·w} (AdamW), using w before the step. */
    static void adamStep(float[] w, float[] g, float[][] slots, float lr, long t, double beta1, double beta2,
                         double epsilon, float decay) {
        float[] m = slots[0];
        float[] v = slots[1];
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float bias1 = (float) (1 - Math.pow(beta1, t));           // 1 − β₁ᵗ
        float bias2 = (float) (1 - Math.pow(beta2, t));           // 1 − β₂ᵗ
        float eps = (float) epsilon;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            m[i] = b1 * m[i] + c1 * gi;                            // m ← β₁·m + (1 − β₁)·g
            v[i] = b2 * v[i] + c2 * gi * gi;                       // v ← β₂·v + (1 − β₂)·g²
            float mHat = m[i] / bias1;
            float vHat = v[i] / bias2;
            float step = mHat / ((float) Math.sqrt(vHat) + eps);   // m̂ / (√v̂ + ε)
            w[i] -= lr * (step + decay * w[i]);                    // w ← w − lr·(m̂/(√v̂+ε) + λ·w)
        }
    }
}
