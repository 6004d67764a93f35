package toynn.train;

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
public final class Adam extends AdamBase {
    Adam(double lr, double beta1, double beta2, double epsilon) {
        super(lr, 0, beta1, beta2, epsilon);
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
    public Adam withLearningRate(double lr) {
        return new Adam(lr, beta1, beta2, epsilon);
    }

    @Override
    protected Optimizer withHyperParameters(Map<String, Double> hp) {
        return new Adam(get(hp, "learningRate", learningRate()), get(hp, "beta1", beta1), get(hp, "beta2", beta2),
                get(hp, "epsilon", epsilon));
    }
}
