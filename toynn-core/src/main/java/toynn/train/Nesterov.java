package toynn.train;

/**
 * SGD with Nesterov's accelerated gradient (Nesterov 1983, "A method for solving the convex programming
 * problem with convergence rate O(1/k²)"; for deep nets, Sutskever, Martens, Dahl &amp; Hinton 2013), in
 * PyTorch's form, which looks ahead along the velocity without a second gradient evaluation:
 * {@code v ← μ·v + g}, {@code w ← w − lr·(g + μ·v)}. State: the velocity {@code v} per parameter.
 */
public final class Nesterov extends VelocityOptimizer {
    private Nesterov(double lr, double momentum) {
        super(lr, momentum);
    }

    /**
     * Nesterov momentum with learning rate {@code lr} and momentum {@code mu} (typically 0.9).
     *
     * @throws IllegalArgumentException unless {@code lr > 0} and {@code 0 ≤ mu < 1}
     */
    public static Nesterov of(double lr, double mu) {
        return new Nesterov(lr, mu);
    }

    @Override
    public String name() {
        return "nesterov";
    }

    @Override
    public Nesterov withLearningRate(double lr) {
        return new Nesterov(lr, momentum());
    }

    @Override
    Nesterov with(double lr, double mu) {
        return new Nesterov(lr, mu);
    }

    @Override
    protected void update(float[] w, float[] g, float[][] slots, float lr, long t) {
        float[] v = slots[0];
        float mu = (float) momentum();
        for (int i = 0; i < w.length; i++) {
            v[i] = mu * v[i] + g[i];                    // v ← μ·v + g
            w[i] -= lr * (g[i] + mu * v[i]);            // w ← w − lr·(g + μ·v)
        }
    }
}
