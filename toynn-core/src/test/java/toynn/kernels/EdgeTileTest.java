package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An element in an edge tile (the last rows or columns, fewer than a whole register tile) is summed
 * exactly as the same element in a whole tile: a product whose last row of A repeats its first and
 * whose last columns of B repeat its first ones must give bit-identical rows and columns of C, on
 * every path (packed micro-kernel, dot tiles, transposed tiles) and both backends, at every
 * transposition.
 */
class EdgeTileTest {
    private static final TestEngines ENGINES = new TestEngines();

    @AfterAll
    static void stop() {
        ENGINES.shutdown();
    }

    @Test
    void edgeTilesSumLikeWholeTiles() {
        Random r = new Random(5);
        for (Backend backend : TestEngines.backends()) {
            KernelEngine e = ENGINES.engine(backend, 1);
            int nr = backend.nr();
            int mr = backend.mr();
            // m: whole tiles plus one edge row (14·MR + 1 rows also takes the packed micro-kernel for A·Bᵀ), small m
            // the dot tiles, 40 the transposed tiles of A·Bᵀ on the Vector API path (B's rows in place); n: a
            // panel plus an edge.
            for (int m : new int[] {2 * mr + 1, 14 * mr + 1, 3, 5, 40}) {
                for (int k : new int[] {1, 17, 300}) {
                    int n = nr + 5;
                    for (int op = 0; op < 3; op++) {                   // A·B, Aᵀ·B, A·Bᵀ
                        boolean ta = op == 1;
                        boolean tb = op == 2;
                        float[][] a = new float[m][k];
                        float[][] b = new float[k][n];
                        for (int i = 0; i < m; i++) {
                            for (int p = 0; p < k; p++) {
                                a[i][p] = i == m - 1 ? a[0][p] : (float) r.nextGaussian();
                            }
                        }
                        for (int p = 0; p < k; p++) {
                            for (int j = 0; j < n; j++) {
                                b[p][j] = j >= nr ? b[p][j - nr] : (float) r.nextGaussian();
                            }
                        }
                        float[] c = new float[m * n];
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                int si = i == m - 1 ? 0 : i;
                                int sj = j >= nr ? j - nr : j;
                                c[i * n + j] = (float) Math.sin(si * 31 + sj);   // the same start where the sums must agree
                            }
                        }
                        e.gemm(ta, tb, m, n, k, 0.75f, store(a, ta), store(b, tb), 1f, c);
                        String where = backend.name() + " m=" + m + " k=" + k + " op=" + op;
                        for (int j = 0; j < n; j++) {
                            assertBits(c[j], c[(m - 1) * n + j], where + ": edge row, column " + j);
                        }
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < 5; j++) {
                                assertBits(c[i * n + j], c[i * n + nr + j], where + ": edge column " + (nr + j) + ", row " + i);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Row-major (rows, cols) of x, or of xᵀ when transposed (the stored operand of op(X) = Xᵀ). */
    private static float[] store(float[][] x, boolean transposed) {
        int rows = x.length;
        int cols = x[0].length;
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (transposed) {
                    out[j * rows + i] = x[i][j];
                } else {
                    out[i * cols + j] = x[i][j];
                }
            }
        }
        return out;
    }

    private static void assertBits(float want, float got, String what) {
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), what + ": " + want + " vs " + got);
    }
}
