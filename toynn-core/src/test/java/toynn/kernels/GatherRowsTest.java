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
            float[] src = new float[rows * cols];
            for (int i = 0; i < src.length; i++) {
                src[i] = r.nextFloat();
            }
            int[] order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = r.nextInt(rows);
            }
            for (int n : new int[] {0, 1, 32, 256, 1000}) {           // 256 × 784 and up are split over two threads
                int from = 7;
                float[] want = new float[n * cols];
                for (int k = 0; k < n; k++) {
                    System.arraycopy(src, order[from + k] * cols, want, k * cols, cols);
                }
                for (int threads : new int[] {1, 2}) {
                    KernelEngine e = ENGINES.engine(TestEngines.backends().get(0), threads);
                    float[] got = new float[n * cols];
                    e.gatherRows(src, order, from, n, cols, got);
                    assertArrayEquals(want, got, "cols " + cols + ", n " + n + ", threads " + threads);
                }
            }
        }
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
