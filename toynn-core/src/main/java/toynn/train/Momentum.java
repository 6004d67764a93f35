package toynn.train;

/**
 * SGD with (heavy-ball) momentum (Polyak 1964; as used for deep nets by Sutskever, Martens, Dahl &amp;
 * Hinton 2013, "On the importance of initialization and momentum in deep learning"), in PyTorch's form:
 * {@code v ← μ·v + g}, {@code w ← w − lr·v}. State: the velocity {@code v} per parameter.
 */
public final class Momentum extends VelocityOptimizer {
    /** The momentum {@link Optimizer#byName} uses. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private Momentum(double lr, double momentum) {
        super(lr, momentum);
    }

    /**
     * Momentum SGD with learning rate {@code lr} and momentum {@code mu} (typically 0.9).
     *
     * @throws IllegalArgumentException unless {@code lr > 0} and {@code 0 ≤ mu < 1}
     */
    public static Momentum of(double lr, double mu) {
        return new Momentum(lr, mu);
    }

    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public Momentum withLearningRate(double lr) {
        return new Momentum(lr, momentum());
    }

    @Override
    Momentum with(double lr, double mu) {
        return new Momentum(lr, mu);
    }

    @Override
    protected void update(float[] w, float[] g, float[][] slots, float lr, long t) {
        float[] v = slots[0];
        float mu = (float) momentum();
        for (int i = 0; i < w.length; i++) {
            v[i] = mu * v[i] + g[i];                    // v ← μ·v + g
            w[i] -= lr * v[i];                          // w ← w − lr·v
        }
    }
}
