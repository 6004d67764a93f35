package toynn.layers;

import toynn.util.Rng;

/**
 * Inverted dropout (Srivastava et al. 2014, "Dropout: a simple way to prevent neural networks from
 * overfitting"): during training each value is kept with probability {@code 1 − rate} and scaled by
 * {@code 1/(1 − rate)}, or set to 0; at prediction time nothing happens, because the scaling already
 * kept the expected value the same. Forward and backward multiply by the same mask.
 */
public final class Dropout {
    private Dropout() {
    }

    /**
     * Checks a dropout rate.
     *
     * @throws IllegalArgumentException unless {@code 0 ≤ rate < 1}
     */
    public static double checkRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1) (the fraction of values dropped), got "
                    + rate);
        }
        return rate;
    }

    /**
     * Draws a mask: {@code mask[i] = 0} with probability {@code rate}, else {@code 1/(1 − rate)}.
     *
     * @param mask (len); modified
     * @param rng  advanced by exactly {@code len} draws
     */
    public static void sampleMask(float[] mask, int len, double rate, Rng rng) {
        float keep = (float) (1.0 / (1.0 - rate));
        for (int i = 0; i < len; i++) {
            mask[i] = rng.nextDouble() < rate ? 0f : keep;
        }
    }

    /** Forward: {@code out = a ⊙ mask} over {@code len} values; {@code out} may be {@code a}. */
    public static void forward(float[] a, float[] mask, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = a[i] * mask[i];
        }
    }

    /** Backward: {@code dA = dOut ⊙ mask} over {@code len} values; {@code dA} may be {@code dOut}. */
    public static void backward(float[] dOut, float[] mask, float[] dA, int len) {
        for (int i = 0; i < len; i++) {
            dA[i] = dOut[i] * mask[i];
        }
    }
}
