package toynn.train;

import java.util.Map;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay
 * Regularization"). The decay shrinks the weights directly instead of being added to the gradient,
 * so Adam's per-parameter scaling does not weaken it:
 * {@code w ← w − lr·(m̂/(√v̂ + ε) + λ·w)} with {@code m̂, v̂} as in {@link Adam}. As in PyTorch the decay is
 * scaled by the (scheduled) learning rate and applies to every parameter array the optimizer updates,
 * biases included. Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 */
public final class AdamW extends AdamBase {
    /** The decay {@link Optimizer#byName} uses. */
    public static final double DEFAULT_DECAY = 0.01;

    private AdamW(double lr, double decay, double beta1, double beta2, double epsilon) {
        super(lr, decay, beta1, beta2, epsilon);
    }

    /**
     * AdamW with learning rate {@code lr} and decoupled weight decay {@code decay} (λ, e.g. 0.01).
     *
     * @throws IllegalArgumentException unless {@code lr > 0} and {@code decay ≥ 0}, both finite
     */
    public static AdamW of(double lr, double decay) {
        return new AdamW(lr, decay, 0.9, 0.999, 1e-8);
    }

    /** The same with decay rates β₁ and β₂ (each in [0, 1)). */
    public AdamW withBetas(double beta1, double beta2) {
        return new AdamW(learningRate(), decay, beta1, beta2, epsilon);
    }

    /** The decoupled weight decay λ. */
    public double decay() {
        return decay;
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    protected void addHyperParameters(Map<String, Double> m) {
        super.addHyperParameters(m);
        m.put("decay", decay);
    }

    @Override
    public AdamW withLearningRate(double lr) {
        return new AdamW(lr, decay, beta1, beta2, epsilon);
    }

    @Override
    protected Optimizer withHyperParameters(Map<String, Double> hp) {
        return new AdamW(get(hp, "learningRate", learningRate()), get(hp, "decay", decay), get(hp, "beta1", beta1),
                get(hp, "beta2", beta2), get(hp, "epsilon", epsilon));
    }
}
