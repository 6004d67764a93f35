package toynn.layers;

import toynn.ActivationFunction;
import toynn.util.Rng;

/**
 * How a {@link Dense} layer's weights and biases start, drawn from a seeded {@link Rng}.
 * {@code fanIn} is the layer's number of inputs, {@code fanOut} its number of outputs.
 *
 * <p>{@link #defaultFor(ActivationFunction)} picks He for the ReLU family and Glorot otherwise,
 * the usual pairing: both keep the variance of the signal roughly constant from layer to layer.
 */
public enum Initializer {
    /**
     * Glorot/Xavier uniform (Glorot &amp; Bengio 2010, "Understanding the difficulty of training deep
     * feedforward neural networks"): {@code W ~ U(−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut)))}, {@code b = 0}.
     * The default for sigmoid, tanh, linear and softmax layers.
     */
    GLOROT_UNIFORM,
    /**
     * He normal (He et al. 2015, "Delving deep into rectifiers"): {@code W ~ N(0, 2/fanIn)} (a plain,
     * untruncated normal), {@code b = 0}. The default for ReLU, leaky ReLU and ELU layers.
     */
    HE_NORMAL,
    /** He uniform (He et al. 2015): {@code W ~ U(−√(6/fanIn), +√(6/fanIn))}, the same variance as {@link #HE_NORMAL}; {@code b = 0}. */
    HE_UNIFORM,
    /** The lecture's {@code randomize()}: weights and biases uniform in [−1, 1), whatever the layer size. */
    LECTURE_UNIFORM;

    /** He normal for ReLU, leaky ReLU and ELU; Glorot uniform for everything else. */
    public static Initializer defaultFor(ActivationFunction f) {
        if (f == ActivationFunction.RELU || f == ActivationFunction.LEAKY_RELU || f == ActivationFunction.ELU) {
            return HE_NORMAL;
        }
        return GLOROT_UNIFORM;
    }

    /** Fills {@code layer}'s weights and biases, drawing from {@code rng} (weights row by row, then biases). */
    public void initialize(Dense layer, Rng rng) {
        float[] w = layer.weights();                      // (out, in)
        float[] b = layer.bias();                         // (out)
        int fanIn = layer.inputs();
        int fanOut = layer.outputs();
        switch (this) {
            case GLOROT_UNIFORM -> {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                fillUniform(w, rng, limit);
                java.util.Arrays.fill(b, 0f);
            }
            case HE_NORMAL -> {
                double std = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (std * rng.nextGaussian());
                }
                java.util.Arrays.fill(b, 0f);
            }
            case HE_UNIFORM -> {
                fillUniform(w, rng, Math.sqrt(6.0 / fanIn));
                java.util.Arrays.fill(b, 0f);
            }
            case LECTURE_UNIFORM -> layer.initUniform(rng, -1, 1);
            default -> throw new AssertionError(this);
        }
    }

    private static void fillUniform(float[] w, Rng rng, double limit) {
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.uniform(-limit, limit);
        }
    }

    /** The name used in files and on the command line, e.g. {@code "he_normal"}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
