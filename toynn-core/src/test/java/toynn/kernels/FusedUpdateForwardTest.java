package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The one-sweep step of per-sample training — apply the pending update {@code W += rate·(g·uᵀ)}, then
 * {@code a = f(W·x + b)} — gives exactly the bits of the two separate calls, rank-1 update then dense
 * forward pass, on both backends, at one and two threads, for row counts around the four-row blocks and
 * column counts around the vector widths.
 */
class FusedUpdateForwardTest {
    private static final TestEngines ENGINES = new TestEngines();

    @AfterAll
    static void stop() {
        ENGINES.shutdown();
    }

    @Test
    void oneSweepEqualsUpdateThenForward() {
        Random r = new Random(11);
        for (Backend backend : TestEngines.backends()) {
            for (int threads : new int[] {1, 2}) {
                KernelEngine e = ENGINES.engine(backend, threads);
                for (int n : new int[] {1, 3, 4, 5, 10, 17, 64, 130}) {
                    for (int k : new int[] {1, 3, 7, 8, 15, 16, 17, 33, 63, 65, 784, 1023}) {
                        for (FusedActivation f : new FusedActivation[] {FusedActivation.IDENTITY, FusedActivation.RELU,
                            FusedActivation.SIGMOID}) {
                            check(e, backend, r, n, k, f);
                        }
                    }
                }
                // large enough to be split over the threads (rows·cols·4 ≥ 2^19)
                check(e, backend, r, 256, 784, FusedActivation.SIGMOID);
            }
        }
    }

    private static void check(KernelEngine e, Backend backend, Random r, int n, int k, FusedActivation f) {
        float[] w = random(r, n * k);
        float[] x = random(r, k);
        float[] u = random(r, k);
        float[] g = random(r, n);
        float[] bias = random(r, n);
        float rate = 0.1f + r.nextFloat();
        float[] wWant = w.clone();
        float[] zWant = new float[n];
        float[] aWant = new float[n];
        e.rank1(g, u, wWant, n, k, rate);
        e.denseForward(x, wWant, bias, zWant, aWant, 1, k, n, f);
        float[] z = new float[n];
        float[] a = new float[n];
        e.denseForwardUpdating(x, w, bias, z, a, k, n, f, rate, g, u);
        String where = backend.name() + " n=" + n + " k=" + k + " " + f;
        assertArrayEquals(wWant, w, "updated W, " + where);
        assertArrayEquals(zWant, z, "z, " + where);
        assertArrayEquals(aWant, a, "a, " + where);
    }

    @Test
    void badArgumentsAreNamed() {
        float[] w = new float[12];
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Kernels.denseForwardUpdating(
                new float[4], w, new float[3], null, new float[3], 4, 3, FusedActivation.RELU, 0.1f, new float[3],
                new float[2]));
        org.junit.jupiter.api.Assertions.assertTrue(ex.getMessage().contains("u has 2 values"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> Kernels.denseForwardUpdating(
                new float[4], w, new float[3], null, new float[3], 0, 3, FusedActivation.RELU, 0.1f, new float[3],
                new float[4]));
        org.junit.jupiter.api.Assertions.assertTrue(ex.getMessage().contains("at least 1"), ex.getMessage());
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
