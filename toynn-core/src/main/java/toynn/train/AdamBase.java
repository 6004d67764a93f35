package toynn.train;

import java.util.List;
import java.util.Map;

/**
 * What {@link Adam} and {@link AdamW} share: β₁, β₂, ε, the {@code m} and {@code v} slots and the step
 * itself; plain Adam is the step with decoupled decay λ = 0.
 */
abstract class AdamBase extends Optimizer {
    final double beta1;
    final double beta2;
    final double epsilon;
    final double decay;

    /** Checks, in this order: lr, decay, β₁, β₂, ε. */
    AdamBase(double lr, double decay, double beta1, double beta2, double epsilon) {
        super(lr);
        this.decay = checkNonNegative(decay, "weight decay");
        this.beta1 = checkFraction(beta1, "beta1");
        this.beta2 = checkFraction(beta2, "beta2");
        this.epsilon = checkPositive(epsilon, "epsilon");
    }

    /** β₁, β₂ and ε; {@link AdamW} adds its decay after them. */
    @Override
    protected void addHyperParameters(Map<String, Double> m) {
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("epsilon", epsilon);
    }

    @Override
    public final List<String> slotNames() {
        return List.of("m", "v");
    }

    @Override
    protected final void update(float[] w, float[] g, float[][] slots, float lr, long t) {
        adamStep(w, g, slots, lr, t, beta1, beta2, epsilon, (float) decay);
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
