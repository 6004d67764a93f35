package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The start-up preparation calls every backend method in range on both backends, runs at most once
 * in the background, and changes no result: a product computed while it runs, and after, is the
 * product computed without it.
 */
class KernelPreparationTest {
    @Test
    void exercisesEveryBackendInRange() {
        for (Backend b : TestEngines.backends()) {
            KernelPreparation.exercise(b);                           // throws if an operand were too short
        }
    }

    @Test
    void prepareStartsOneDaemonAtMostAndLeavesResultsAlone() throws InterruptedException {
        Random r = new Random(3);
        int m = 37;
        int k = 300;
        int n = 45;
        float[] a = new float[m * k];
        float[] w = new float[n * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        float[] before = new float[m * n];
        Kernels.gemmABt(a, w, before, m, k, n, 1f, 0f);
        Kernels.prepare();
        Kernels.prepare();
        float[] during = new float[m * n];
        Kernels.gemmABt(a, w, during, m, k, n, 1f, 0f);
        long preparing = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("toynn-kernel-prepare")).peek(t -> assertTrue(t.isDaemon())).count();
        assertTrue(preparing <= 1, preparing + " preparation threads");
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("toynn-kernel-prepare")) {
                t.join(30_000);
            }
        }
        float[] after = new float[m * n];
        Kernels.gemmABt(a, w, after, m, k, n, 1f, 0f);
        assertArrayEquals(before, during);
        assertArrayEquals(before, after);
    }
}
