package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import toynn.data.Normalizer;

/** The exporters' copy of the normalizer's map is the map {@link Normalizer} applies, constant and subnormal columns included. */
class NormalizerMathTest {
    @Test
    void sameMapAsNormalizer() {
        double[] x = {3, 3, 3};
        for (Normalizer n : new Normalizer[] {
            Normalizer.minMax(new double[] {2, 0, 5}, new double[] {4, 1e-320, 5}),
            Normalizer.zScore(new double[] {2, 0, 5}, new double[] {2, 1e-320, 0})}) {
            double[] shift = NormalizerMath.shift(n);
            double[] scale = NormalizerMath.scale(n);
            double[] width = NormalizerMath.width(n);
            double[] viaScale = new double[3];
            double[] viaWidth = new double[3];
            for (int c = 0; c < 3; c++) {
                viaScale[c] = (x[c] - shift[c]) * scale[c];
                viaWidth[c] = (x[c] - shift[c]) / width[c];
            }
            assertArrayEquals(n.normalize(x), viaScale, n.toString());
            assertArrayEquals(n.normalize(x), viaWidth, n.toString());
        }
    }
}
