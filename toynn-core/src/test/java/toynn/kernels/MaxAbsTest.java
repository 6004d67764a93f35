package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code maxAbs} on both backends against a plain loop: every length and offset class (empty, tails,
 * whole vector blocks), the largest value in each position, NaN and infinities wherever they sit.
 */
class MaxAbsTest {
    private static final int[] LENGTHS = {0, 1, 3, 7, 15, 16, 17, 31, 63, 64, 65, 127, 129, 1023, 1025};

    private static float reference(float[] a, int from, int len) {
        float m = 0f;
        for (int i = from; i < from + len; i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return m;
    }

    @Test
    void equalsThePlainLoopForEveryLengthOffsetAndPosition() {
        Random r = new Random(11);
        for (Backend b : TestEngines.backends()) {
            for (int len : LENGTHS) {
                for (int from : new int[] {0, 1, 5}) {
                    float[] a = new float[from + len + 3];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (float) r.nextGaussian();
                    }
                    if (from > 0) {
                        a[from - 1] = 1e6f;                          // just outside [from, from+len) on both sides
                    }
                    a[from + len] = -1e6f;
                    for (int peak = from; peak < from + len; peak += Math.max(1, len / 7)) {
                        float saved = a[peak];
                        a[peak] = -100f;                             // the largest magnitude, negative
                        assertEquals(reference(a, from, len), b.maxAbs(a, from, len),
                                b.getClass().getSimpleName() + " len " + len + " from " + from + " peak " + peak);
                        assertEquals(100f, b.maxAbs(a, from, len));
                        a[peak] = saved;
                    }
                    assertEquals(reference(a, from, len), b.maxAbs(a, from, len));
                }
            }
        }
    }

    @Test
    void nanAnywhereGivesNanAndInfinityGivesInfinity() {
        for (Backend b : TestEngines.backends()) {
            for (int len : LENGTHS) {
                for (int at = 0; at < len; at += Math.max(1, len / 5)) {
                    float[] a = new float[len];
                    java.util.Arrays.fill(a, 0.5f);
                    a[at] = Float.NaN;
                    assertTrue(Float.isNaN(b.maxAbs(a, 0, len)), b.getClass().getSimpleName() + " NaN at " + at + " of " + len);
                    a[at] = Float.NEGATIVE_INFINITY;
                    assertEquals(Float.POSITIVE_INFINITY, b.maxAbs(a, 0, len));
                    if (len > 1) {
                        a[len - 1 - at] = Float.NaN;                 // NaN after an infinity still wins
                        assertTrue(Float.isNaN(b.maxAbs(a, 0, len)));
                    }
                }
            }
        }
    }

    /**
     * Every position of every length up to 130 (so the scalar tail after whole unrolled vector blocks, at
     * 8 and 16 lanes), after enough calls for the JIT to compile the vector loop: Trainer.allFinite
     * ({@code maxAbs ≤ Float.MAX_VALUE}) must never call a NaN or infinite array finite.
     */
    @Test
    void nonFiniteInAnyPositionIsSeenOnceCompiledToo() {
        for (Backend b : TestEngines.backends()) {
            float[] warm = new float[130];
            java.util.Arrays.fill(warm, 0.25f);
            float sink = 0;
            for (int i = 0; i < 30_000; i++) {
                sink += b.maxAbs(warm, i % 3, 127);
            }
            assertEquals(30_000 * 0.25f, sink, 1f);
            for (int len = 1; len <= 130; len++) {
                float[] a = new float[len + 2];
                java.util.Arrays.fill(a, -0.5f);
                for (int at = 1; at <= len; at++) {
                    for (float v : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                        a[at] = v;
                        float m = b.maxAbs(a, 1, len);
                        assertTrue(Float.isNaN(v) ? Float.isNaN(m) : m == Float.POSITIVE_INFINITY,
                                b.getClass().getSimpleName() + " " + v + " at " + (at - 1) + " of " + len + " gave " + m);
                        assertTrue(!(m <= Float.MAX_VALUE), "allFinite's test would pass it");
                    }
                    a[at] = -0.5f;
                }
            }
        }
    }

    @Test
    void kernelsRefusesBadRangesWithTheirSizes() {
        float[] a = new float[10];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.maxAbs(a, 4, 7));
        assertTrue(e.getMessage().contains("maxAbs") && e.getMessage().contains("10") && e.getMessage().contains("11"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.maxAbs(a, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> Kernels.maxAbs(null, 0, 0));
        assertEquals(0f, Kernels.maxAbs(a, 10, 0));
    }
}
