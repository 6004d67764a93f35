package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dense forward pass with bias and activation fused into the product's epilogue
 * ({@link KernelEngine#denseForward}), on both backends, against a naive double-precision
 * reference, for every fusable activation and on shapes that take every route of {@code X·Wᵀ}:
 * matrix–vector ({@code m = 1}), rank-1 ({@code k = 1}), dot-product tiles (few rows), the packed
 * micro-kernel with one and several blocks of {@code k}, and the thread splits (row, column, dot,
 * matrix–vector). Two threads must give the bits of one, and the fused forward the bits of the
 * product, then the bias, then the activation.
 */
class FusedForwardTest {
    private static final TestEngines ENGINES = new TestEngines();

    static final int[] MS = {1, 2, 3, 7, 17, 63, 65, 200};
    static final int[] KS = {1, 3, 17, 63, 65, 784, 1023};
    static final int[] NS = {1, 3, 10, 17, 33, 65, 128};
    /**
     * Extra shapes big enough to be split across two threads on each route (m, k, n): matrix–vector,
     * dot tiles, the column split and the row split, each with several blocks of {@code k} (the last
     * two) and with one deep block (a narrow {@code W}); and the transposed tiles, whose packing of
     * {@code Xᵀ} the parts share out by ranges of {@code k} (T2's 32 × 784 × 128, and three panels).
     */
    static final int[][] SPLIT_SHAPES = {{1, 1023, 700}, {40, 700, 300}, {100, 600, 300}, {300, 1023, 128},
        {300, 513, 260}, {32, 784, 128}, {80, 333, 100}};

    private static KernelEngine engine(Backend b, int threads) {
        return ENGINES.engine(b, threads);
    }

    @AfterAll
    static void stopThreads() {
        ENGINES.shutdown();
    }

    static Stream<String> backendNames() {
        return KernelEngineTest.backends().stream().map(Backend::name);
    }

    private static Backend backend(String name) {
        return KernelEngineTest.backends().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    /** The activation in double, written independently of the kernels. */
    private static double f(FusedActivation act, double z) {
        switch (act) {
            case IDENTITY:
                return z;
            case RELU:
                return Math.max(z, 0);
            case LEAKY_RELU:
                return z > 0 ? z : 0.01 * z;
            case ELU:
                return z > 0 ? z : Math.exp(z) - 1;
            case SIGMOID:
                return 1 / (1 + Math.exp(-z));
            default:
                return Math.tanh(z);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void everyRouteAndActivationMatchesTheReference(String backendName) {
        KernelEngine one = engine(backend(backendName), 1);
        KernelEngine two = engine(backend(backendName), 2);
        FusedActivation[] acts = FusedActivation.values();
        List<int[]> shapes = new ArrayList<>();
        for (int m : MS) {
            for (int k : KS) {
                for (int n : NS) {
                    shapes.add(new int[] {m, k, n});
                }
            }
        }
        shapes.addAll(List.of(SPLIT_SHAPES));
        int turn = 0;
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            Random r = new Random(1009L * m + 31L * k + n);
            float[] x = Reference.random(r, m * k);
            float[] w = Reference.random(r, n * k);
            float[] bias = Reference.random(r, n);
            double[] zRef = new double[m * n];
            double[] bound = new double[m * n];
            double gamma = (k + 2) * Reference.U / (1 - (k + 2) * Reference.U);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = bias[j];
                    double abs = Math.abs(bias[j]);
                    for (int p = 0; p < k; p++) {
                        double t = (double) x[i * k + p] * w[j * k + p];
                        sum += t;
                        abs += Math.abs(t);
                    }
                    zRef[i * n + j] = sum;
                    bound[i * n + j] = gamma * abs + 1e-30;
                }
            }
            String shape = backendName + " m=" + m + " k=" + k + " n=" + n;
            FusedActivation rotating = acts[turn++ % acts.length];      // the variants: one activation per shape
            for (FusedActivation act : acts) {
                float[] z = new float[m * n];
                float[] a = new float[m * n];
                java.util.Arrays.fill(z, Float.NaN);                    // the old contents must not matter
                one.denseForward(x, w, bias, z, a, m, k, n, act);
                for (int e = 0; e < m * n; e++) {
                    double err = Math.abs(z[e] - zRef[e]);
                    if (!(err <= bound[e])) {
                        throw new AssertionError(shape + " " + act + ": Z[" + e + "] = " + z[e] + ", expected " + zRef[e]
                                + " ± " + bound[e]);
                    }
                    double fRef = f(act, zRef[e]);                      // every f here has slope ≤ 1
                    double tol = bound[e] + 4 * Reference.U * Math.abs(fRef) + 1e-7;
                    if (!(Math.abs(a[e] - fRef) <= tol)) {
                        throw new AssertionError(shape + " " + act + ": A[" + e + "] = " + a[e] + ", expected " + fRef
                                + " ± " + tol);
                    }
                    if (Float.floatToIntBits(a[e]) != Float.floatToIntBits(act.apply(z[e]))) {
                        throw new AssertionError(shape + " " + act + ": A[" + e + "] is not f(Z[" + e + "])");
                    }
                }
                if (act != rotating) {
                    continue;
                }
                float[] onlyA = new float[m * n];
                one.denseForward(x, w, bias, null, onlyA, m, k, n, act);
                assertArrayEquals(a, onlyA, shape + " " + act + ": without Z, the same A");
                float[] inPlace = new float[m * n];
                one.denseForward(x, w, bias, inPlace, inPlace, m, k, n, act);
                assertArrayEquals(a, inPlace, shape + " " + act + ": Z and A in one array, the same A");

                float[] unfused = new float[m * n];
                one.gemm(false, true, m, n, k, 1f, x, w, 0f, unfused);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        unfused[i * n + j] += bias[j];
                    }
                }
                assertArrayEquals(unfused, z, shape + " " + act + ": Z has the bits of the product, then + b");

                float[] z2 = new float[m * n];
                float[] a2 = new float[m * n];
                two.denseForward(x, w, bias, z2, a2, m, k, n, act);
                assertArrayEquals(z, z2, shape + " " + act + ": two threads, Z");
                assertArrayEquals(a, a2, shape + " " + act + ": two threads, A");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendNames")
    void anEmptyProductGivesTheActivatedBias(String backendName) {
        KernelEngine e = engine(backend(backendName), 1);
        float[] bias = {-1.5f, 0f, 2.25f};
        float[] z = {9, 9, 9, 9, 9, 9};
        float[] a = new float[6];
        e.denseForward(new float[0], new float[0], bias, z, a, 2, 0, 3, FusedActivation.RELU);
        assertArrayEquals(new float[] {-1.5f, 0f, 2.25f, -1.5f, 0f, 2.25f}, z);
        assertArrayEquals(new float[] {0f, 0f, 2.25f, 0f, 0f, 2.25f}, a);
    }

    @Test
    void badArgumentsAreNamed() {
        float[] x = new float[6];
        float[] w = new float[6];
        float[] a = new float[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.denseForward(x, w, new float[1], null, a, 2, 3, 2, FusedActivation.RELU));
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.denseForward(x, w, new float[2], new float[3], a, 2, 3, 2, FusedActivation.RELU));
        assertTrue(e.getMessage().contains("Z"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.denseForward(x, w, new float[2], null, a, 2, 3, 2, null));
        assertTrue(e.getMessage().contains("activation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.denseForward(x, w, new float[2], null, a, 3, 3, 2, FusedActivation.RELU));
        assertTrue(e.getMessage().contains("X"), e.getMessage());
    }
}
