package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code Kernels.sigmoid} on each path against {@code 1/(1+e^(−z))} in double: the plain path is that
 * formula rounded once; the Vector API path's float32 polynomial is within a few ulps of it (and of 1
 * and 0 at the ends), keeps NaN, and gives a value the same bits in a vector lane as in the scalar
 * tail, and before and after HotSpot compiles it (the {@code lanewise(EXP)} it replaced did not).
 */
class VectorSigmoidTest {
    private static double exact(float z) {
        return 1.0 / (1.0 + Math.exp(-(double) z));
    }

    private static float[] inputs(int n, long seed) {
        Random r = new Random(seed);
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = switch (i % 4) {
                case 0 -> (float) r.nextGaussian();
                case 1 -> (float) (r.nextGaussian() * 10);
                case 2 -> (float) ((r.nextDouble() - 0.5) * 240);      // past both clamps
                default -> (float) (r.nextDouble() * 1e-3);
            };
        }
        return z;
    }

    @Test
    void closeToTheExactFunctionOnBothPaths() {
        float[] z = inputs(100_003, 1);
        float[] a = new float[z.length];
        for (Backend b : TestEngines.backends()) {
            b.sigmoid(z, a, 0, z.length);
            for (int i = 0; i < z.length; i++) {
                double want = exact(z[i]);
                if (b.name().equals("scalar")) {
                    assertEquals((float) want, a[i], 0f, "scalar path: the double formula rounded once, z = " + z[i]);
                } else {
                    double ulps = Math.abs(a[i] - want) / Math.ulp((float) want);
                    assertTrue(ulps <= 4 || Math.abs(a[i] - want) < 1e-37, "z = " + z[i] + ": " + a[i] + " vs " + want
                            + " (" + ulps + " ulps)");
                }
            }
        }
    }

    @Test
    void endsNaNAndInfinities() {
        float[] z = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e30f, -1e30f, 0f, -0f};
        for (Backend b : TestEngines.backends()) {
            float[] a = new float[z.length];
            b.sigmoid(z, a, 0, z.length);
            assertTrue(Float.isNaN(a[0]), b.name() + ": NaN stays NaN");
            assertEquals(1f, a[1], b.name());
            assertEquals(0f, a[2], 1e-37f, b.name());
            assertEquals(1f, a[3], b.name());
            assertEquals(0f, a[4], 1e-37f, b.name());
            assertEquals(0.5f, a[5], b.name());
            assertEquals(0.5f, a[6], b.name());
        }
    }

    @Test
    void sameBitsInALaneAndInTheTailCompiledOrNot() {
        for (Backend b : TestEngines.backends()) {
            int lanes = b.nr() / 2;
            float[] z = inputs(lanes * 8 + 5, 2);
            for (int t = 0; t < 5; t++) {
                z[lanes * 8 + t] = z[t];                                 // the tail repeats the first lanes
            }
            float[] first = new float[z.length];
            b.sigmoid(z, first, 0, z.length);
            for (int t = 0; t < 5; t++) {
                assertEquals(Float.floatToRawIntBits(first[t]), Float.floatToRawIntBits(first[lanes * 8 + t]),
                        b.name() + ": lane " + t + " vs tail");
            }
            float[] many = inputs(4096, 3);                              // enough values to meet a last-bit difference
            float[] once = new float[many.length];
            b.sigmoid(many, once, 0, many.length);
            float[] a = new float[many.length];
            for (int rep = 0; rep < 3000; rep++) {                        // through the JIT's tiers
                b.sigmoid(many, a, 0, many.length);
            }
            for (int i = 0; i < many.length; i++) {
                if (Float.floatToRawIntBits(once[i]) != Float.floatToRawIntBits(a[i])) {
                    throw new AssertionError(b.name() + ", z = " + many[i] + ": " + a[i] + " compiled vs " + once[i] + " at first");
                }
            }
        }
    }
}
