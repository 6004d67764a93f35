package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The public entry points of {@link Kernels} on whichever path this JVM runs. */
class KernelsTest {

    @Test
    void publicProductsMatchTheReference() {
        Random r = new Random(1);
        int m = 33;
        int k = 70;
        int n = 19;
        float[] a = Reference.random(r, m * k);
        float[] bt = Reference.random(r, n * k);
        float[] c0 = Reference.random(r, m * n);
        float[] c = c0.clone();
        Kernels.gemmABt(a, bt, c, m, k, n, 2f, -1f);
        Reference.assertGemm("gemmABt", false, true, m, n, k, 2f, a, bt, -1f, c0, c);
        float[] at = Reference.random(r, k * m);
        float[] b = Reference.random(r, k * n);
        c = c0.clone();
        Kernels.gemmAtB(at, b, c, m, k, n, 0.5f, 1f);
        Reference.assertGemm("gemmAtB", true, false, m, n, k, 0.5f, at, b, 1f, c0, c);
        c = c0.clone();
        Kernels.gemmAB(a, b, c, m, k, n, 1f, 0f);
        Reference.assertGemm("gemmAB", false, false, m, n, k, 1f, a, b, 0f, c0, c);
    }

    @Test
    void matrixVectorEntryPointsApplyAlphaAndBeta() {
        Random r = new Random(2);
        int rows = 21;
        int cols = 37;
        float[] w = Reference.random(r, rows * cols);
        float[] x = Reference.random(r, cols);
        float[] y0 = Reference.random(r, rows);
        float[] y = y0.clone();
        Kernels.matvec(w, x, y, rows, cols, 3f, 0.5f);
        Reference.assertGemm("matvec", false, false, rows, 1, cols, 3f, w, x, 0.5f, y0, y);
        float[] e = Reference.random(r, rows);
        float[] h0 = Reference.random(r, cols);
        float[] h = h0.clone();
        java.util.Arrays.fill(h, Float.NaN);
        Kernels.matvecT(w, e, h, rows, cols, 1f, 0f);
        Reference.assertGemm("matvecT", true, false, cols, 1, rows, 1f, w, e, 0f, h0, h);
        float[] w2 = w.clone();
        Kernels.rank1Update(w2, e, x, rows, cols, -0.1f);
        Reference.assertGemm("rank1Update", false, false, rows, cols, 1, -0.1f, e, x, 1f, w, w2);
    }

    @Test
    void rowVectorsColumnSumsAndAxpy() {
        Random r = new Random(4);
        int rows = 9;
        int cols = 13;
        float[] z = Reference.random(r, rows * cols);
        float[] b = Reference.random(r, cols);
        float[] zb = z.clone();
        Kernels.addRowVector(zb, b, rows, cols);
        float[] s = Reference.random(r, cols);
        float[] s0 = s.clone();
        Kernels.columnSums(z, s, rows, cols, 0.25f, 2f);
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                assertEquals(z[i * cols + j] + b[j], zb[i * cols + j], 1e-6);
                sum += z[i * cols + j];
            }
            assertEquals(0.25 * sum + 2 * s0[j], s[j], 1e-5);
        }
        float[] y = Reference.random(r, 20);
        float[] y0 = y.clone();
        float[] x = Reference.random(r, 20);
        Kernels.axpy(-0.5f, x, y, 19);
        for (int i = 0; i < 20; i++) {
            assertEquals(i < 19 ? y0[i] - 0.5 * x[i] : y0[i], y[i], 1e-6);
        }
        assertEquals(0.0, Kernels.dot(x, x, 0));
    }

    @Test
    void interleavedNetworksMatchOneByOne() {
        Random r = new Random(6);
        int count = 37;                                    // not a multiple of the vector width
        int in = 5;
        int out = 8;
        float[] w = Reference.random(r, in * out * count);
        float[] b = Reference.random(r, out * count);
        float[] x = Reference.random(r, in * count);
        float[] y = new float[out * count];
        Kernels.denseInterleaved(w, b, x, y, in, out, count);
        Kernels.sigmoid(y, y, y.length);
        for (int net = 0; net < count; net++) {
            for (int o = 0; o < out; o++) {
                double z = b[o * count + net];
                for (int i = 0; i < in; i++) {
                    z += (double) w[(o * in + i) * count + net] * x[i * count + net];
                }
                assertEquals(1 / (1 + Math.exp(-z)), y[o * count + net], 1e-6, "net " + net + " unit " + o);
            }
        }
    }

    @Test
    void badShapesAreRejectedWithTheirNames() {
        float[] a = new float[6];
        float[] b = new float[6];
        float[] c = new float[3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.gemmABt(a, b, c, 2, 3, 2, 1f, 0f));
        assertTrue(e.getMessage().contains("gemmABt") && e.getMessage().contains("C has 3 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Kernels.gemmAB(a, null, c, 1, 1, 1, 1f, 0f));
        assertTrue(e.getMessage().contains("B must not be null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Kernels.gemmAtB(a, b, c, -1, 1, 1, 1f, 0f));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Kernels.matvec(a, b, c, 4, 2, 1f, 0f));
        assertTrue(e.getMessage().contains("matvec: W has 6 values but the shapes need 8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.setThreads(0));
        int before = Kernels.threads();
        e = assertThrows(IllegalArgumentException.class, () -> Kernels.setThreads(100_000));
        assertTrue(e.getMessage().contains("from 1 to " + Kernels.MAX_THREADS + ", got 100000"), e.getMessage());
        assertEquals(before, Kernels.threads(), "no thread was started");
    }

    @Test
    void threadCountCanBeChangedAndProductsStillAgree() {
        int before = Kernels.threads();
        Random r = new Random(8);
        float[] a = Reference.random(r, 200 * 300);
        float[] b = Reference.random(r, 300 * 100);
        float[] one = new float[200 * 100];
        float[] two = new float[200 * 100];
        try {
            Kernels.setThreads(1);
            assertEquals(1, Kernels.threads());
            Kernels.gemmAB(a, b, one, 200, 300, 100, 1f, 0f);
            Kernels.setThreads(2);
            Kernels.gemmAB(a, b, two, 200, 300, 100, 1f, 0f);
        } finally {
            Kernels.setThreads(before);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(one, two);
    }

    /**
     * On a machine with more cores than {@link Kernels#MAX_THREADS} (faked with -XX:ActiveProcessorCount) the
     * default thread counts are capped, so the save-and-restore idiom {@code before = threads(); …
     * setThreads(before)} (toynn bench) works there too; it threw "thread count must be from 1 to 1024, got 1100".
     */
    @Test
    void defaultThreadCountsAreOnesSetThreadsTakes() throws Exception {
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=1100", "-cp", System.getProperty("java.class.path"),
                RestoreDefaults.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertEquals(Kernels.MAX_THREADS + " " + toynn.evolve.Population.MAX_THREADS, output.strip());
    }

    /** Run in a JVM that reports 1100 cores: sets the default thread counts back and prints them. */
    static final class RestoreDefaults {
        public static void main(String[] args) {
            Kernels.setThreads(Kernels.threads());
            try (toynn.evolve.Population pop = new toynn.evolve.Population(2, 1, 2, 2, 1)) {
                pop.threads(pop.threads());
                System.out.println(Kernels.threads() + " " + pop.threads());
            }
        }
    }
}
