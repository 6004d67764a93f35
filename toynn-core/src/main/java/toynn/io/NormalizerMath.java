package toynn.io;

import toynn.data.Normalizer;

/**
 * The affine map {@code y = (x − shift) · scale} a {@link Normalizer} applies, recomputed from its
 * public {@link Normalizer#offsets()} and {@link Normalizer#spreads()} exactly as Normalizer computes it
 * (a constant column, or one with a subnormal range, has scale 1), for writers that must reproduce it: generated code that has to be
 * bit-identical, and formats that store a min and a max.
 */
final class NormalizerMath {
    private NormalizerMath() {
    }

    /** Per column: the value subtracted, {@code shift} (the min or the mean). */
    static double[] shift(Normalizer n) {
        return n.offsets();
    }

    /** Per column: the factor applied after the shift, {@code 1 / range} (1 for a constant or subnormal range). */
    static double[] scale(Normalizer n) {
        double[] first = n.offsets();
        double[] second = n.spreads();
        double[] scale = new double[first.length];
        for (int c = 0; c < scale.length; c++) {
            double range = n.method() == Normalizer.Method.MIN_MAX ? second[c] - first[c] : second[c];
            scale[c] = range >= Double.MIN_NORMAL ? 1 / range : 1;
        }
        return scale;
    }

    /** Per column: the range as a width {@code max − min} that ml5's {@code (x − min) / (max − min)} divides by. */
    static double[] width(Normalizer n) {
        double[] first = n.offsets();
        double[] second = n.spreads();
        double[] w = new double[first.length];
        for (int c = 0; c < w.length; c++) {
            double range = n.method() == Normalizer.Method.MIN_MAX ? second[c] - first[c] : second[c];
            w[c] = range >= Double.MIN_NORMAL ? range : 1;
        }
        return w;
    }
}
