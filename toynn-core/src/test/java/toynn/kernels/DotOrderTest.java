package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Dot products and matrix–vector rows sum in one documented order on each path, written out here
 * independently, and give the same bits before and after HotSpot has compiled them. The scalar order
 * is the one exported Java code repeats (JavaExporterTest checks that end to end); on the Vector API
 * path a fixed order keeps training bit-identical run to run, whenever the JIT happens to compile.
 */
class DotOrderTest {
    private static final int[] LENGTHS = {0, 1, 3, 15, 16, 17, 31, 33, 63, 64, 65, 784, 1023};

    /** Scalar path: 16 partial sums (lane j: p ≡ j mod 16 of whole blocks), the tail into lane 0, then pairwise. */
    static float scalarOrder(float[] x, int xo, float[] y, int yo, int len) {
        float[] s = new float[16];
        int blocks = len / 16 * 16;
        for (int p = 0; p < blocks; p++) {
            s[p % 16] += x[xo + p] * y[yo + p];
        }
        for (int p = blocks; p < len; p++) {
            s[0] += x[xo + p] * y[yo + p];
        }
        return fold(s);
    }

    /** Vector path with L lanes: fused multiply–adds per lane over whole vectors, lanes pairwise, then the tail fused in order. */
    static float vectorOrder(float[] x, int xo, float[] y, int yo, int len, int lanes) {
        float[] s = new float[lanes];
        int blocks = len / lanes * lanes;
        for (int p = 0; p < blocks; p++) {
            s[p % lanes] = Math.fma(x[xo + p], y[yo + p], s[p % lanes]);
        }
        float d = fold(s);
        for (int p = blocks; p < len; p++) {
            d = Math.fma(x[xo + p], y[yo + p], d);
        }
        return d;
    }

    /** s[j] += s[j + h] for h = n/2, n/4, …, 1; returns s[0]. */
    private static float fold(float[] s) {
        for (int h = s.length / 2; h > 0; h /= 2) {
            for (int j = 0; j < h; j++) {
                s[j] += s[j + h];
            }
        }
        return s[0];
    }

    private static float expected(Backend b, float[] x, int xo, float[] y, int yo, int len) {
        return b.name().equals("scalar") ? scalarOrder(x, xo, y, yo, len) : vectorOrder(x, xo, y, yo, len, b.nr() / 2);
    }

    private static void assertBits(float want, float got, String what) {
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), what + ": want " + want + ", got " + got);
    }

    @Test
    void dotAndMatvecSumInTheDocumentedOrder() {
        Random r = new Random(21);
        for (Backend b : KernelEngineTest.backends()) {
            for (int len : LENGTHS) {
                float[] x = Reference.random(r, len + 3);
                float[] y = Reference.random(r, len + 1);
                float want = expected(b, x, 3, y, 1, len);
                assertBits(want, b.dot(x, 3, y, 1, len), b.name() + " dot len " + len);

                int rows = 7;                                            // 4-row groups plus a rest
                float[] w = Reference.random(r, rows * len);
                float[] v = Reference.random(r, len);
                float[] out = new float[rows];
                b.matvec(w, v, out, 0, rows, len, 1f);
                for (int i = 0; i < rows; i++) {
                    assertBits(expected(b, w, i * len, v, 0, len), out[i], b.name() + " matvec row " + i + " len " + len);
                }
            }
        }
    }

    /** Many calls, so that HotSpot compiles the kernels part-way through: every call gives the first call's bits. */
    @Test
    void compiledKernelsGiveTheSameBitsAsTheFirstCalls() {
        Random r = new Random(22);
        for (Backend b : KernelEngineTest.backends()) {
            float[] w = Reference.random(r, 8 * 100);
            float[] x = Reference.random(r, 100);
            float[] first = new float[8];
            b.matvec(w, x, first, 0, 8, 100, 1f);
            float firstDot = b.dot(w, 100, x, 0, 100);
            for (int call = 0; call < 20_000; call++) {
                float[] y = new float[8];
                b.matvec(w, x, y, 0, 8, 100, 1f);
                float d = b.dot(w, 100, x, 0, 100);
                if (Float.floatToRawIntBits(d) != Float.floatToRawIntBits(firstDot)) {
                    assertBits(firstDot, d, b.name() + " dot, call " + call);
                }
                for (int i = 0; i < 8; i++) {
                    if (Float.floatToRawIntBits(y[i]) != Float.floatToRawIntBits(first[i])) {
                        assertBits(first[i], y[i], b.name() + " matvec row " + i + ", call " + call);
                    }
                }
            }
        }
    }
}
