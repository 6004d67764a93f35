package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both kernel paths (scalar always; Vector API when the JVM has the module, i.e. in the second
 * surefire run) against a naive double-precision reference, on awkward shapes, for the three
 * product shapes and several α/β; plus thread-count determinism.
 */
class KernelEngineTest {
    private static final TestEngines ENGINES = new TestEngines();

    static List<Backend> backends() {
        return TestEngines.backends();
    }

    private static KernelEngine engine(Backend b, int threads) {
        return ENGINES.engine(b, threads);
    }

    @AfterAll
    static void stopThreads() {
        ENGINES.shutdown();
    }

    /**
     * (m, k, n) triples: ones, primes around the 6×16 tile and the 144/256/1024 blocks; deep narrow
     * products (one deep block of k, several blocks of A); and wide products with A in one packed
     * block, large enough to split (the column split that packs A once and shares it): T2's weight
     * gradient 128 × 32 × 784, and an awkward one.
     */
    static final int[][] SHAPES = {
        {1, 1, 1}, {1, 17, 1}, {3, 1, 17}, {1, 63, 65}, {65, 63, 1}, {17, 3, 63}, {63, 65, 17},
        {6, 16, 16}, {7, 257, 33}, {145, 17, 31}, {5, 513, 3}, {1023, 3, 17}, {3, 17, 1025}, {1, 1023, 65},
        {65, 1, 1023}, {150, 300, 70},
        {200, 700, 40}, {13, 1023, 128}, {97, 259, 47},
        {128, 32, 784}, {65, 17, 1023},
    };

    static final float[][] ALPHA_BETA = {{1f, 0f}, {0.5f, 1f}, {-2f, 0.25f}, {0f, 0.5f}};

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Backend b : backends()) {
            for (int[] s : SHAPES) {
                for (int op = 0; op < 3; op++) {
                    list.add(Arguments.of(b.name(), op, s[0], s[1], s[2]));
                }
            }
        }
        return list.stream();
    }

    private static Backend backend(String name) {
        return backends().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    /** op 0: A·Bᵀ (forward), 1: Aᵀ·B (weight gradient), 2: A·B (error passed back). */
    @ParameterizedTest(name = "{0} op{1} m={2} k={3} n={4}")
    @MethodSource("cases")
    void productsMatchTheReference(String backendName, int op, int m, int k, int n) {
        boolean ta = op == 1;
        boolean tb = op == 0;
        Random r = new Random(31L * m + 7L * k + n + op);
        float[] a = Reference.random(r, m * k);
        float[] b = Reference.random(r, k * n);
        KernelEngine single = engine(backend(backendName), 1);
        KernelEngine two = engine(backend(backendName), 2);
        for (float[] ab : ALPHA_BETA) {
            float[] c0 = Reference.random(r, m * n);
            float[] c = c0.clone();
            if (ab[1] == 0f) {
                java.util.Arrays.fill(c, Float.NaN);        // β = 0 ignores C, even NaN
            }
            float[] c2 = c.clone();
            single.gemm(ta, tb, m, n, k, ab[0], a, b, ab[1], c);
            Reference.assertGemm(backendName + " op" + op + " α=" + ab[0] + " β=" + ab[1], ta, tb, m, n, k, ab[0], a, b,
                    ab[1], c0, c);
            two.gemm(ta, tb, m, n, k, ab[0], a, b, ab[1], c2);
            assertArrayEquals(c, c2, "two threads must give the same bits as one");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void resultsDoNotDependOnTheThreadCount(String backendName) {
        Random r = new Random(5);
        int m = 301;
        int k = 290;
        int n = 150;                                        // 13M multiply–adds: split across threads
        float[] a = Reference.random(r, m * k);
        float[] b = Reference.random(r, n * k);
        float[] ref = null;
        for (int threads = 1; threads <= 4; threads++) {
            KernelEngine e = engine(backend(backendName), threads);
            for (int op = 0; op < 3; op++) {
                float[] c = new float[m * n];
                e.gemm(op == 1, op == 0, m, n, k, 1f, a, b, 0f, c);
                float[] again = new float[m * n];
                e.gemm(op == 1, op == 0, m, n, k, 1f, a, b, 0f, again);
                assertArrayEquals(c, again, "same engine, same inputs: same bits");
                if (op == 0) {
                    if (ref == null) {
                        ref = c;
                    } else {
                        assertArrayEquals(ref, c, threads + " threads differ from 1 thread");
                    }
                }
            }
        }
        // the wide split (n > m) too
        float[] wide1 = new float[40 * 900];
        float[] wide3 = new float[40 * 900];
        float[] x = Reference.random(r, 40 * 500);
        float[] w = Reference.random(r, 900 * 500);
        engine(backend(backendName), 1).gemm(false, true, 40, 900, 500, 1f, x, w, 0f, wide1);
        engine(backend(backendName), 3).gemm(false, true, 40, 900, 500, 1f, x, w, 0f, wide3);
        assertArrayEquals(wide1, wide3);
    }

    static Stream<String> backendNames() {
        return backends().stream().map(Backend::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void matrixVectorPathsMatchTheReference(String backendName) {
        Random r = new Random(9);
        for (int threads : new int[] {1, 2}) {
            KernelEngine e = engine(backend(backendName), threads);
            for (int[] s : new int[][] {{1, 1}, {3, 17}, {17, 3}, {63, 65}, {65, 63}, {1023, 5}, {10, 784}, {1500, 1500}}) {
                int rows = s[0];
                int cols = s[1];
                float[] w = Reference.random(r, rows * cols);
                float[] x = Reference.random(r, cols);
                float[] y0 = Reference.random(r, rows);
                float[] y = y0.clone();
                e.matvecRows(w, x, y, rows, cols, 0.75f);                        // y += 0.75·W·x
                Reference.assertGemm("matvec " + rows + "x" + cols, false, false, rows, 1, cols, 0.75f, w, x, 1f, y0, y);

                float[] xt = Reference.random(r, rows);
                float[] z0 = Reference.random(r, cols);
                float[] z = z0.clone();
                e.vecmat(w, xt, z, rows, cols, -1.5f);                           // z += −1.5·Wᵀ·x
                Reference.assertGemm("vecmat " + rows + "x" + cols, true, false, cols, 1, rows, -1.5f, w, xt, 1f, z0, z);

                float[] c0 = w.clone();
                float[] c = w.clone();
                e.rank1(xt, x, c, rows, cols, 0.1f);                             // C += 0.1·x_t·xᵀ
                Reference.assertGemm("rank1 " + rows + "x" + cols, false, false, rows, cols, 1, 0.1f, xt, x, 1f, c0, c);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void vectorPrimitivesMatchTheReference(String backendName) {
        Backend be = backend(backendName);
        Random r = new Random(3);
        for (int len : new int[] {0, 1, 3, 7, 8, 9, 17, 63, 65, 1023}) {
            float[] x = Reference.random(r, len + 2);
            float[] y = Reference.random(r, len + 3);
            double d = 0;
            double abs = 0;
            for (int i = 0; i < len; i++) {
                d += (double) x[i + 2] * y[i + 1];
                abs += Math.abs((double) x[i + 2] * y[i + 1]);
            }
            float got = be.dot(x, 2, y, 1, len);
            assertTrue(Math.abs(got - d) <= (len + 1) * Reference.U * abs + 1e-30, "dot len " + len);

            float[] y2 = y.clone();
            be.axpy(-0.5f, x, 1, y2, 2, len);
            float[] w = Reference.random(r, len + 1);
            float[] y3 = y.clone();
            be.axpyTimes(w, 1, x, 0, y3, 3, len);
            for (int i = 0; i < y.length; i++) {
                boolean inside = i >= 2 && i < 2 + len;
                double expected = inside ? y[i] - 0.5 * x[i - 1] : y[i];
                assertEquals(expected, y2[i], 2 * Reference.U * (Math.abs(y[i]) + Math.abs(expected) + 1), "axpy " + i);
                boolean inside3 = i >= 3 && i < 3 + len;
                double e3 = inside3 ? y[i] + (double) w[i - 2] * x[i - 3] : y[i];
                assertEquals(e3, y3[i], 2 * Reference.U * (Math.abs(y[i]) + Math.abs(e3) + 1), "axpyTimes " + i);
            }

            float[] z = new float[len + 1];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) (r.nextGaussian() * 6);
            }
            z[0] = len > 0 ? -200f : z[0];                  // far tails must not overflow into NaN
            float[] s = new float[len + 1];
            be.sigmoid(z, s, 1, len);
            assertEquals(0f, s[0], "outside the range untouched");
            for (int i = 1; i <= len; i++) {
                double expected = 1 / (1 + Math.exp(-z[i]));
                assertEquals(expected, s[i], 4 * Reference.U * expected + 1e-7, "sigmoid(" + z[i] + ")");
            }
        }
    }

    /**
     * Splitting a product across threads reuses the engine's task and the pool's counters: no garbage
     * per call. Checked on the scalar backend: Vector API code allocates a heap object per vector until
     * HotSpot has compiled it, and in this test JVM, where both backends share every call site, that can
     * take longer than a test should (a program uses one backend; there it settles to zero).
     */
    @Test
    void parallelProductsAllocateNothingPerCall() {
        String backendName = "scalar";
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread; skipping");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        org.junit.jupiter.api.Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported(), "unsupported; skipping");
        bean.setThreadAllocatedMemoryEnabled(true);
        KernelEngine e = engine(backend(backendName), 2);
        Random r = new Random(2);
        float[] x = Reference.random(r, 200 * 200);
        float[] w = Reference.random(r, 200 * 200);
        float[] z = new float[200 * 200];
        float[] y = new float[1024];
        float[] big = Reference.random(r, 1024 * 512);
        Runnable calls = () -> {                                    // each above the one-thread threshold
            e.gemm(false, true, 32, 128, 200, 1f, x, w, 0f, z);      // dot tiles, split over W's rows
            e.gemm(false, true, 200, 100, 200, 1f, x, w, 0f, z);     // packed, split over rows
            e.gemm(true, false, 100, 200, 100, 1f, x, w, 0f, z);     // packed, split over columns
            e.matvecRows(big, x, y, 1024, 512, 1f);
            e.vecmat(big, x, y, 1024, 512, 1f);
            e.rank1(y, x, big, 1024, 512, 1e-6f);
        };
        long id = Thread.currentThread().getId();
        // Until HotSpot has compiled the Vector API code, every vector is a heap object: warm up until
        // 50 rounds in a row allocate nothing (or give up after many and let the assertion report it).
        int quiet = 0;
        for (int i = 0; i < 5000 && quiet < 50; i++) {
            long t = bean.getThreadAllocatedBytes(id);
            calls.run();
            quiet = bean.getThreadAllocatedBytes(id) - t == 0 ? quiet + 1 : 0;
        }
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20; i++) {
            calls.run();
        }
        long perRound = (bean.getThreadAllocatedBytes(id) - before) / 20;
        assertTrue(perRound < 16, "six parallel kernel calls allocate " + perRound + " bytes");
    }

    /** The SGD step and the lecture's updates go through axpy: it must round the same on every path. */
    @Test
    void axpyGivesTheSameBitsOnEveryPath() {
        Random r = new Random(12);
        float[] x = Reference.random(r, 1027);
        float[] y0 = Reference.random(r, 1030);
        float[] expected = y0.clone();
        for (int i = 0; i < 1025; i++) {
            expected[i + 3] += 0.3f * x[i + 1];                 // y + (α·x), the plain Java rounding
        }
        for (Backend b : backends()) {
            float[] y = y0.clone();
            b.axpy(0.3f, x, 1, y, 3, 1025);
            assertArrayEquals(expected, y, b.name());
        }
    }

    @Test
    void vectorPanelsAreTwoVectorsWide() {
        boolean capped = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:MaxVectorSize=32");
        Kernels.vectorBackend().ifPresent(b -> {
            assertTrue(b.nr() == 16 || b.nr() == 32, "two 8- or 16-float vectors, got " + b.nr());
            if (capped) {
                assertEquals(16, b.nr(), "256-bit vectors when the JVM is capped to them");
            }
        });
    }

    @Test
    void theScalarPathIsAlwaysThereAndTheVectorPathWhenTheModuleIs() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!module) {
            assertTrue(Kernels.vectorBackend().isEmpty());
            assertEquals("scalar", Kernels.path());
        } else if (Kernels.vectorBackend().isPresent() && !"scalar".equals(System.getProperty("toynn.kernels"))) {
            assertEquals("vector", Kernels.path());
        }
    }
}
