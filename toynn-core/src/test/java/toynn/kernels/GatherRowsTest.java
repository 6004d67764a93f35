package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Gathering a shuffled batch: exact copies of the indexed rows, on one thread and split over two; bad indices refused. */
class GatherRowsTest {
    private static final TestEngines ENGINES = new TestEngines();

    @AfterAll
    static void stop() {
        ENGINES.shutdown();
    }

    @Test
    void copiesTheIndexedRowsOnOneAndTwoThreads() {
        Random r = new Random(9);
        int rows = 3000;
        for (int cols : new int[] {1, 10, 784}) {
            float[] src = randomRows(r, rows, cols);
            int[] order = randomOrder(r, rows);
            for (int n : new int[] {0, 1, 32, 256, 1000}) {           // 256 × 784 and up are split over two threads
                int from = 7;
                float[] want = expected(src, order, from, n, cols);
                for (int threads : new int[] {1, 2}) {
                    KernelEngine e = ENGINES.engine(TestEngines.backends().get(0), threads);
                    float[] got = new float[n * cols];
                    e.gatherRows(src, order, from, n, cols, got);
                    assertArrayEquals(want, got, "cols " + cols + ", n " + n + ", threads " + threads);
                }
            }
        }
    }

    /**
     * The copy started on the kernel threads: the same rows once it is finished, whether the caller waits
     * for it, does small kernel calls meanwhile, or makes a split call (which finishes the copy first and
     * must not run alone because of it); and with one thread it copies at once.
     */
    @Test
    void aStartedCopyHasTheSameRowsOnceFinished() {
        Random r = new Random(11);
        int rows = 2000;
        int cols = 784;
        float[] src = randomRows(r, rows, cols);
        int[] order = randomOrder(r, rows);
        int k = 300;
        int n = 200;
        float[] a = new float[64 * k];
        float[] w = new float[n * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextFloat() - 0.5f;
        }
        for (Backend b : TestEngines.backends()) {
            float[] wantProduct = new float[64 * n];
            ENGINES.engine(b, 1).gemm(false, true, 64, n, k, 1f, a, w, 0f, wantProduct);
            for (int threads : new int[] {1, 2, 3}) {
                KernelEngine e = ENGINES.engine(b, threads);
                for (int batch : new int[] {1, 32, 256}) {
                    for (int meanwhile = 0; meanwhile < 3; meanwhile++) {
                        int from = 13 + batch;
                        float[] want = expected(src, order, from, batch, cols);
                        float[] got = new float[batch * cols];
                        boolean inFlight = e.startGatherRows(src, order, from, batch, cols, got);
                        float[] product = new float[64 * n];
                        if (meanwhile == 1) {                         // small, unsplit kernel calls meanwhile
                            e.gemm(false, true, 1, n, k, 1f, a, w, 0f, product);
                        } else if (meanwhile == 2) {                  // a split call: finishes the copy first
                            e.gemm(false, true, 64, n, k, 1f, a, w, 0f, product);
                            assertArrayEquals(wantProduct, product, "the product beside the copy");
                        }
                        e.finishGather();
                        e.finishGather();                             // again: nothing left to finish
                        String where = b.name() + ", threads " + threads + ", batch " + batch + ", meanwhile " + meanwhile;
                        assertArrayEquals(want, got, where);
                        assertTrue(!inFlight || (threads > 1 && batch * cols * KernelEngine.GATHER_COST
                                >= KernelEngine.PARALLEL_MIN_WORK), where + ": in flight only when split");
                    }
                }
            }
        }
    }

    /** A thread that turned splitting off still hands a large copy to the kernel threads: it runs beside it. */
    @Test
    void aCallerRunningAloneStillHandsTheCopyOver() {
        int rows = 400;
        int cols = 784;
        float[] src = numbered(rows * cols, 1013);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = (i * 37) % rows;
        }
        float[] want = expected(src, order, 0, 256, cols);
        KernelEngine e = ENGINES.engine(TestEngines.backends().get(0), 2);
        boolean before = Kernels.allowSplit(false);
        try {
            float[] got = new float[256 * cols];
            assertTrue(e.startGatherRows(src, order, 0, 256, cols, got), "in flight although this thread runs alone");
            e.finishGather();
            assertArrayEquals(want, got);
        } finally {
            Kernels.allowSplit(before);
        }
    }

    /** Through {@link Kernels}: finishing with nothing started is a no-op, and bad indices are refused before anything starts. */
    @Test
    void kernelsStartAndFinish() {
        int rows = 600;
        int cols = 784;
        float[] src = numbered(rows * cols, 977);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = rows - 1 - i;
        }
        Kernels.finishGatherRows();
        float[] got = new float[256 * cols];
        Kernels.startGatherRows(src, order, 5, 256, cols, got);
        float[] other = new float[256 * cols];
        Kernels.startGatherRows(src, order, 300, 256, cols, other);   // finishes the first one itself
        Kernels.finishGatherRows();
        assertArrayEquals(expected(src, order, 5, 256, cols), got);
        assertArrayEquals(expected(src, order, 300, 256, cols), other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.startGatherRows(src, new int[] {0, rows}, 0, 2, cols, got));
        assertTrue(e.getMessage().contains("startGatherRows: row index " + rows), e.getMessage());
    }

    private static float[] randomRows(Random r, int rows, int cols) {
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat();
        }
        return a;
    }

    /** Row indices drawn with repeats, as a bootstrap sample would have them. */
    private static int[] randomOrder(Random r, int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = r.nextInt(rows);
        }
        return order;
    }

    /** {@code 0, 1, …, period − 1, 0, 1, …}: every row of a source different from its neighbours. */
    private static float[] numbered(int length, int period) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = i % period;
        }
        return a;
    }

    /** Rows {@code order[from..from+n)} of {@code src}, copied one by one. */
    private static float[] expected(float[] src, int[] order, int from, int n, int cols) {
        float[] want = new float[n * cols];
        for (int q = 0; q < n; q++) {
            System.arraycopy(src, order[from + q] * cols, want, q * cols, cols);
        }
        return want;
    }

    @Test
    void refusesIndicesOutsideTheSource() {
        float[] src = new float[4 * 3];
        float[] dst = new float[2 * 3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.gatherRows(src, new int[] {0, 4}, 0, 2, 3, dst));
        assertTrue(e.getMessage().contains("row index 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.gatherRows(src, new int[] {-1, 0}, 0, 2, 3, dst));
        assertThrows(IllegalArgumentException.class, () -> Kernels.gatherRows(src, new int[] {0}, 0, 2, 3, dst));
        assertThrows(IllegalArgumentException.class, () -> Kernels.gatherRows(src, new int[] {0, 1}, 0, 2, 3, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> Kernels.gatherRows(null, new int[] {0, 1}, 0, 2, 3, dst));
    }
}
