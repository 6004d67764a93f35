package toynn.kernels;

import java.util.Optional;

/**
 * The float32 matrix kernels the layers call, over contiguous row-major arrays.
 * Every product has the BLAS form {@code C = α·op(A)·op(B) + β·C}; with {@code β = 0} the old
 * contents of {@code C} are ignored (even NaN). Arrays are never resized or allocated here.
 *
 * <p>Shapes are given as the logical sizes of the product: {@code C} is {@code (m, n)}, the shared
 * dimension is {@code k}.
 *
 * <p><b>Aliasing.</b> An output array (modified) must not be one of the input arrays (not modified) of
 * the same call: the kernels overwrite the output while they still read the inputs, so the result would
 * be wrong. Such a call throws an {@link IllegalArgumentException} naming both (a check of references, not
 * of contents). The exceptions, stated where they apply: {@link #sigmoid} and {@link #axpy} work element by
 * element and take the same array twice; the weighted sums {@code z} of {@link #denseForward} may be
 * its output {@code a}.
 *
 * <p><b>Two paths, chosen once when this class loads.</b> When the {@code jdk.incubator.vector}
 * module is present ({@code java --add-modules jdk.incubator.vector}, as the {@code toynn}
 * launcher does) and the CPU has 8-float vectors, products use a packed, register-blocked Vector
 * API micro-kernel with fused multiply–add; otherwise plain Java loops that HotSpot vectorises
 * (a Processing sketch needs no flag). {@code -Dtoynn.kernels=scalar} forces the plain path.
 * {@link #path()} tells which one runs.
 *
 * <p><b>Threads.</b> Large products are split across {@link #threads()} threads (default: the
 * number of cores, or {@code -Dtoynn.threads=N}; change with {@link #setThreads(int)}); small ones
 * run on the caller. The output is partitioned, never a sum, and every element is summed in the
 * same order however the output is split, so results are bit-identical run to run and across
 * thread counts (on the same path).
 *
 * <p>Batch-1 shapes take matrix–vector routes: {@code m = 1} in {@link #gemmABt} is
 * {@link #matvec}, {@code m = 1} in {@link #gemmAB} is {@link #matvecT}, {@code k = 1} in
 * {@link #gemmAtB} is {@link #rank1Update}.
 */
public final class Kernels {
    private static final Backend BACKEND = chooseBackend();
    private static volatile KernelEngine engine = new KernelEngine(BACKEND, defaultThreads());

    private Kernels() {
    }

    // ------------------------------------------------------------------ configuration

    /** {@code "vector"} when the Vector API path runs, {@code "scalar"} for the plain-Java path. */
    public static String path() {
        return BACKEND.name();
    }

    /**
     * Gets the kernels ready on a background daemon thread and returns at once. On the Vector API
     * path the JDK builds the incubator module's classes on first use (~0.1 s) and the kernels run
     * slowly until HotSpot has compiled them; this calls each of them on small operands until both
     * are done (~0.3 s of one core). Calling it early — the {@code toynn} command does as it starts,
     * while it reads its arguments and data — keeps that out of the first training steps. Calling it
     * again, or on the plain-Java path, does nothing; results never depend on it.
     */
    public static void prepare() {
        if (!BACKEND.name().equals("vector") || PREPARING.getAndSet(true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                KernelPreparation.exercise(BACKEND);
            } catch (RuntimeException | OutOfMemoryError e) {
                // Best effort: the first training steps then warm the kernels up themselves; a failing
                // kernel fails there too, with the caller's stack (KernelPreparationTest runs this directly).
            }
        }, "toynn-kernel-prepare");
        t.setDaemon(true);
        t.start();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PREPARING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Whether kernel calls made by the calling thread may split across the threads (default true); the
     * other threads are not affected. Results are the same bits either way — every route computes each
     * element alike whichever thread runs its part — so this only decides speed: {@code fit} uses it to
     * run on one thread where two are measured not to pay ({@code SplitChooser}). A copy begun with
     * {@link #startGatherRows} still goes to the kernel threads: its point is to run beside the caller's
     * own work (to keep everything on one thread, {@link #setThreads setThreads(1)}).
     *
     * @return the previous setting
     */
    public static boolean allowSplit(boolean allowed) {
        boolean[] alone = KernelEngine.ALONE.get();
        boolean before = !alone[0];
        alone[0] = !allowed;
        return before;
    }

    /** Whether kernel calls made by the calling thread may split across the threads ({@link #allowSplit}). */
    public static boolean splitAllowed() {
        return !KernelEngine.ALONE.get()[0];
    }

    /** Threads a large product is split across. */
    public static int threads() {
        return engine.threads();
    }

    /**
     * The most threads {@link #setThreads} takes: more threads than cores only slow a product down, and
     * each is a real thread (a typo such as 100000 would make the JVM start threads until the system refuses).
     */
    public static final int MAX_THREADS = 1024;

    /**
     * Sets the number of threads for large products (1 = single-threaded). Not to be called while
     * another thread is inside a kernel.
     *
     * @throws IllegalArgumentException unless {@code 1 ≤ n ≤} {@link #MAX_THREADS}
     */
    public static synchronized void setThreads(int n) {
        if (n < 1 || n > MAX_THREADS) {
            throw new IllegalArgumentException("thread count must be from 1 to " + MAX_THREADS + ", got " + n
                    + " (this machine has " + Runtime.getRuntime().availableProcessors() + " cores)");
        }
        if (n != engine.threads()) {
            KernelEngine old = engine;
            engine = new KernelEngine(BACKEND, n);
            old.shutdown();
        }
    }

    private static int defaultThreads() {
        String s = System.getProperty("toynn.threads");
        if (s != null) {
            try {
                int n = Integer.parseInt(s.trim());
                if (n >= 1 && n <= MAX_THREADS) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the default
            }
            System.err.println("toynn: ignoring -Dtoynn.threads=" + s + " (expected a whole number from 1 to " + MAX_THREADS + ")");
        }
        // capped, so that threads() is always a count setThreads takes back (before = threads(); … setThreads(before))
        return Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);
    }

    /** The Vector API backend when its module is in the boot layer and the CPU suits it, else the scalar one. */
    private static Backend chooseBackend() {
        if ("scalar".equalsIgnoreCase(System.getProperty("toynn.kernels", ""))) {
            return new ScalarBackend();
        }
        return vectorBackend().orElseGet(ScalarBackend::new);
    }

    /**
     * The Vector API backend, if it can run here. The class is named here, and only here, so the
     * rest of the library never links against the incubator module.
     */
    static Optional<Backend> vectorBackend() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        try {
            Class<?> c = Class.forName("toynn.kernels.VectorBackend");
            Object supported = c.getDeclaredMethod("supported").invoke(null);
            if (!Boolean.TRUE.equals(supported)) {
                return Optional.empty();
            }
            return Optional.of((Backend) c.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ products

    /** {@code C(m,n) = α·A(m,k)·B(n,k)ᵀ + β·C} — the forward pass {@code Z = X·Wᵀ}. */
    public static void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, float alpha, float beta) {
        checkProduct("gemmABt", a, b, c, m, k, n);
        engine.gemm(false, true, m, n, k, alpha, a, b, beta, c);
    }

    /** {@code C(m,n) = α·A(k,m)ᵀ·B(k,n) + β·C} — the weight gradient {@code dW = dZᵀ·X}. */
    public static void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, float alpha, float beta) {
        checkProduct("gemmAtB", a, b, c, m, k, n);
        engine.gemm(true, false, m, n, k, alpha, a, b, beta, c);
    }

    /** {@code C(m,n) = α·A(m,k)·B(k,n) + β·C} — the error passed back {@code dX = dZ·W}. */
    public static void gemmAB(float[] a, float[] b, float[] c, int m, int k, int n, float alpha, float beta) {
        checkProduct("gemmAB", a, b, c, m, k, n);
        engine.gemm(false, false, m, n, k, alpha, a, b, beta, c);
    }

    /**
     * A dense layer's forward pass with the bias and activation fused into the product's epilogue:
     * {@code Z(m,n) = X(m,k)·W(n,k)ᵀ + b}, {@code A = f(Z)}. Each output tile gets {@code + b} and
     * {@code f} as soon as its sum is complete, while it is still in cache, instead of two more passes
     * over the output; every route {@link #gemmABt} takes (matrix–vector for {@code m = 1}, dot-product
     * tiles for few rows, the packed micro-kernel, the thread splits) does this.
     *
     * <p>Rounding: the bias enters once, after the product's sum ({@code z = fl(x·w) + b}, one
     * rounding), and {@code f} is {@link FusedActivation#apply}, so the results are bit-identical to
     * {@code gemmABt(x, w, z, m, k, n, 1, 0)}, then {@link #addRowVector}, then the activation — and,
     * like those, do not depend on the thread count.
     *
     * @param x input, (m, k)
     * @param w weights, (n, k)
     * @param bias (n)
     * @param z weighted sums, (m, n); may be null when only {@code A} is needed, or {@code a}
     * @param a output, (m, n)
     * @param f the activation; use {@link FusedActivation#IDENTITY} and apply softmax or custom
     *          functions afterwards
     * @throws IllegalArgumentException on a negative size, a null or too-short array, a null {@code f}, or
     *                                  {@code z} or {@code a} being the array of {@code x}, {@code w} or {@code bias}
     */
    public static void denseForward(float[] x, float[] w, float[] bias, float[] z, float[] a, int m, int k, int n,
                                    FusedActivation f) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException("denseForward: sizes must not be negative, got m=" + m + ", k=" + k
                    + ", n=" + n);
        }
        checkLength("denseForward", "X", x, (long) m * k);
        checkLength("denseForward", "W", w, (long) n * k);
        checkLength("denseForward", "bias", bias, n);
        checkLength("denseForward", "A", a, (long) m * n);
        if (z != null) {
            checkLength("denseForward", "Z", z, (long) m * n);
        }
        checkDistinct("denseForward", "A", a, "X", x);
        checkDistinct("denseForward", "A", a, "W", w);
        checkDistinct("denseForward", "A", a, "bias", bias);
        checkDistinct("denseForward", "Z", z, "X", x);
        checkDistinct("denseForward", "Z", z, "W", w);
        checkDistinct("denseForward", "Z", z, "bias", bias);
        if (f == null) {
            throw new IllegalArgumentException("denseForward: the activation must not be null (IDENTITY for none)");
        }
        engine.denseForward(x, w, bias, z, a, m, k, n, f);
    }

    /**
     * One sample through a dense layer, applying the layer's pending one-sample update on the way:
     * {@code W(n,k) += rate·(g(n)·u(k)ᵀ)}, then {@code z = W·x + b}, {@code a = f(z)}. Per-sample
     * training ({@code NeuralNetwork.train}) leaves each step's weight update for the next step's
     * forward pass, so the matrix is read and written once per sample instead of read twice and written
     * once. Bit-identical to {@link #rank1Update}{@code (w, g, u, n, k, rate)} followed by
     * {@link #denseForward} with {@code m = 1}, on every path and thread count.
     *
     * @param x input, (k)
     * @param w weights, (n, k); updated in place
     * @param bias (n)
     * @param z weighted sums, (n); may be null when only {@code a} is needed, or {@code a}
     * @param a output, (n)
     * @param f the activation ({@link FusedActivation#IDENTITY} for none)
     * @param rate the update's scale (the learning rate)
     * @param g the update's row factors, (n)
     * @param u the update's column factors — the previous sample's input — (k)
     * @throws IllegalArgumentException on a size below 1, a null or too-short array, a null {@code f}, or an
     *                                  output ({@code w}, {@code z}, {@code a}) being the array of an input
     *                                  ({@code x}, {@code w}, {@code bias}, {@code g}, {@code u})
     */
    public static void denseForwardUpdating(float[] x, float[] w, float[] bias, float[] z, float[] a, int k, int n,
                                            FusedActivation f, float rate, float[] g, float[] u) {
        if (k < 1 || n < 1) {
            throw new IllegalArgumentException("denseForwardUpdating: sizes must be at least 1, got k=" + k + ", n=" + n);
        }
        checkLength("denseForwardUpdating", "x", x, k);
        checkLength("denseForwardUpdating", "W", w, (long) n * k);
        checkLength("denseForwardUpdating", "bias", bias, n);
        checkLength("denseForwardUpdating", "a", a, n);
        if (z != null) {
            checkLength("denseForwardUpdating", "z", z, n);
        }
        checkLength("denseForwardUpdating", "g", g, n);
        checkLength("denseForwardUpdating", "u", u, k);
        checkUpdatingOutput("W", w, x, null, bias, g, u);
        checkUpdatingOutput("z", z, x, w, bias, g, u);
        checkUpdatingOutput("a", a, x, w, bias, g, u);
        if (f == null) {
            throw new IllegalArgumentException("denseForwardUpdating: the activation must not be null (IDENTITY for none)");
        }
        engine.denseForwardUpdating(x, w, bias, z, a, k, n, f, rate, g, u);
    }

    /** {@code y(rows) = α·W(rows,cols)·x(cols) + β·y} — one sample's forward pass {@code z = W·x}. */
    public static void matvec(float[] w, float[] x, float[] y, int rows, int cols, float alpha, float beta) {
        checkMatrix("matvec", "W", w, rows, cols);
        checkLength("matvec", "x", x, cols);
        checkLength("matvec", "y", y, rows);
        checkDistinct("matvec", "y", y, "W", w);
        checkDistinct("matvec", "y", y, "x", x);
        KernelEngine.scale(y, rows, beta);
        if (alpha != 0f && cols > 0) {
            engine.matvecRows(w, x, y, rows, cols, alpha);
        }
    }

    /** {@code y(cols) = α·W(rows,cols)ᵀ·x(rows) + β·y} — the lecture's error passed back {@code E_h = Wᵀ·E}. */
    public static void matvecT(float[] w, float[] x, float[] y, int rows, int cols, float alpha, float beta) {
        checkMatrix("matvecT", "W", w, rows, cols);
        checkLength("matvecT", "x", x, rows);
        checkLength("matvecT", "y", y, cols);
        checkDistinct("matvecT", "y", y, "W", w);
        checkDistinct("matvecT", "y", y, "x", x);
        KernelEngine.scale(y, cols, beta);
        if (alpha != 0f) {
            engine.vecmat(w, x, y, rows, cols, alpha);
        }
    }

    /**
     * {@code W(rows,cols) += α·(x(rows)·y(cols)ᵀ)} — the lecture's weight delta {@code ΔW = lr·(G·Hᵀ)}.
     * Each element is rounded as {@code w + α·(x_i·y_j)} on every path, the order of an SGD step
     * {@code w − lr·dW} after {@code dW = dZᵀ·X}, so both give the same bits.
     */
    public static void rank1Update(float[] w, float[] x, float[] y, int rows, int cols, float alpha) {
        checkMatrix("rank1Update", "W", w, rows, cols);
        checkLength("rank1Update", "x", x, rows);
        checkLength("rank1Update", "y", y, cols);
        checkDistinct("rank1Update", "W", w, "x", x);
        checkDistinct("rank1Update", "W", w, "y", y);
        if (alpha != 0f) {
            engine.rank1(x, y, w, rows, cols, alpha);
        }
    }

    /**
     * Copies rows {@code order[from]}, …, {@code order[from+n−1]} of {@code src} (a matrix of rows of
     * {@code cols} floats) into rows {@code 0..n} of {@code dst} — a shuffled training batch. Large
     * copies are split across {@link #threads()} threads.
     *
     * @throws IllegalArgumentException if an array is too short or a row index is out of range
     */
    public static void gatherRows(float[] src, int[] order, int from, int n, int cols, float[] dst) {
        checkGather("gatherRows", src, order, from, n, cols, dst);
        engine.gatherRows(src, order, from, n, cols, dst);
    }

    /**
     * Starts {@link #gatherRows} and returns at once when the copy is large enough to split: the kernel
     * threads copy while the caller goes on — {@code fit} copies the next batch during the rest of a
     * step. The rows are in {@code dst} only once {@link #finishGatherRows()} has returned on this thread,
     * which must be called before {@code dst} is read or written (the calling thread's own large kernel
     * calls finish it first, so they never wait on it). Small copies, one thread, or a pool busy with
     * another thread copy here and now. Unlike a product, the copy goes to the kernel threads even when
     * this thread has turned splitting off ({@link #allowSplit}): {@code fit}'s one-thread steps then
     * still have the next batch copied beside them (T2 batch 32 alone: 0.200 → 0.182 s per epoch).
     * Same rows either way.
     *
     * @throws IllegalArgumentException as {@link #gatherRows}
     */
    public static void startGatherRows(float[] src, int[] order, int from, int n, int cols, float[] dst) {
        checkGather("startGatherRows", src, order, from, n, cols, dst);
        finishGatherRows();                                    // one copy in flight per thread
        KernelEngine e = engine;
        if (e.startGatherRows(src, order, from, n, cols, dst)) {
            GATHERING.set(e);
        }
    }

    /** Waits for this thread's {@link #startGatherRows} copy, doing any part of it no thread has begun; at once when none. */
    public static void finishGatherRows() {
        KernelEngine e = GATHERING.get();
        if (e != null) {
            GATHERING.set(null);
            e.finishGather();
        }
    }

    /** Per thread: the engine its {@link #startGatherRows} copy runs on (even after {@link #setThreads}). */
    private static final ThreadLocal<KernelEngine> GATHERING = new ThreadLocal<>();

    private static void checkGather(String what, float[] src, int[] order, int from, int n, int cols, float[] dst) {
        if (n < 0 || cols < 0 || from < 0) {
            throw new IllegalArgumentException(what + ": sizes must not be negative, got from=" + from + ", n=" + n
                    + ", cols=" + cols);
        }
        if (order == null || from > order.length - n) {
            throw new IllegalArgumentException(what + ": the order needs " + ((long) from + n) + " indices, has "
                    + (order == null ? "none" : order.length));
        }
        checkLength(what, "dst", dst, (long) n * cols);
        if (src == null) {
            throw new IllegalArgumentException(what + ": the source must not be null");
        }
        checkDistinct(what, "dst", dst, "src", src);
        long rows = cols == 0 ? Long.MAX_VALUE : src.length / cols;
        for (int r = from; r < from + n; r++) {
            if (order[r] < 0 || order[r] >= rows) {
                throw new IllegalArgumentException(what + ": row index " + order[r] + " at position " + r
                        + " is outside the source's " + rows + " rows");
            }
        }
    }

    /** {@code y[0..len) += α·x[0..len)} — e.g. the SGD step {@code W −= lr·dW}. */
    public static void axpy(float alpha, float[] x, float[] y, int len) {
        checkLength("axpy", "x", x, len);
        checkLength("axpy", "y", y, len);
        BACKEND.axpy(alpha, x, 0, y, 0, len);
    }

    /**
     * {@code max |a[from+i]|} over {@code i < len} (0 when {@code len = 0}), NaN when any of them is
     * NaN: one pass that bounds an array and checks it is finite ({@code result ≤ Float.MAX_VALUE}).
     */
    public static float maxAbs(float[] a, int from, int len) {
        if (from < 0 || len < 0) {
            throw new IllegalArgumentException("maxAbs: from and len must not be negative, got from " + from
                    + " and len " + len);
        }
        checkLength("maxAbs", "a", a, (long) from + len);
        return BACKEND.maxAbs(a, from, len);
    }

    /** {@code Σ x[i]·y[i]} over {@code i < len}. */
    public static float dot(float[] x, float[] y, int len) {
        checkLength("dot", "x", x, len);
        checkLength("dot", "y", y, len);
        return BACKEND.dot(x, 0, y, 0, len);
    }

    /**
     * {@code a[i] = 1/(1+e^(−z[i]))} for {@code i < len}; {@code a} may be {@code z}. The plain path
     * computes it in double and rounds once; the Vector API path in float32 vector arithmetic (a
     * polynomial {@code e^x}, within a few float ulps, ten times faster), the same bits whether or not
     * HotSpot has compiled it. (Sigmoid layers compute the double formula on both paths:
     * {@link FusedActivation#SIGMOID}.)
     */
    public static void sigmoid(float[] z, float[] a, int len) {
        checkLength("sigmoid", "z", z, len);
        checkLength("sigmoid", "a", a, len);
        BACKEND.sigmoid(z, a, 0, len);
    }

    /** {@code Z(rows,cols) += b} on every row. */
    public static void addRowVector(float[] z, float[] b, int rows, int cols) {
        checkMatrix("addRowVector", "Z", z, rows, cols);
        checkLength("addRowVector", "b", b, cols);
        checkDistinct("addRowVector", "Z", z, "b", b);
        for (int r = 0; r < rows; r++) {
            BACKEND.axpy(1f, b, 0, z, r * cols, cols);
        }
    }

    /** {@code s(cols) = α·Σ_rows Z + β·s}: column sums, for bias gradients. */
    public static void columnSums(float[] z, float[] s, int rows, int cols, float alpha, float beta) {
        checkMatrix("columnSums", "Z", z, rows, cols);
        checkLength("columnSums", "s", s, cols);
        checkDistinct("columnSums", "s", s, "Z", z);
        KernelEngine.scale(s, cols, beta);
        for (int r = 0; r < rows; r++) {
            BACKEND.axpy(alpha, z, r * cols, s, 0, cols);
        }
    }

    /**
     * Many small dense layers at once, one per network of a population:
     * {@code y[o][net] = Σ_i w[o][i][net]·x[i][net] + b[o][net]} for {@code count} networks, with
     * the network index innermost ({@code w[(o·in + i)·count + net]}, {@code x[i·count + net]},
     * {@code b[o·count + net]}, {@code y[o·count + net]}) so that one vector covers eight networks.
     * Neuroevolution evaluates a thousand 5-8-2 networks this way instead of one by one.
     */
    public static void denseInterleaved(float[] w, float[] b, float[] x, float[] y, int in, int out, int count) {
        if (in < 0 || out < 0 || count < 0) {
            throw new IllegalArgumentException("denseInterleaved: sizes must not be negative, got in=" + in + ", out="
                    + out + ", count=" + count);
        }
        checkLength("denseInterleaved", "w", w, (long) in * out * count);
        checkLength("denseInterleaved", "b", b, (long) out * count);
        checkLength("denseInterleaved", "x", x, (long) in * count);
        checkLength("denseInterleaved", "y", y, (long) out * count);
        checkDistinct("denseInterleaved", "y", y, "w", w);
        checkDistinct("denseInterleaved", "y", y, "x", x);
        checkDistinct("denseInterleaved", "y", y, "b", b);
        for (int o = 0; o < out; o++) {
            int yo = o * count;
            System.arraycopy(b, yo, y, yo, count);                                  // y_o = b_o
            for (int i = 0; i < in; i++) {
                BACKEND.axpyTimes(w, (o * in + i) * count, x, i * count, y, yo, count); // y_o += w_oi ⊙ x_i
            }
        }
    }

    // ------------------------------------------------------------------ checks

    private static void checkProduct(String op, float[] a, float[] b, float[] c, int m, int k, int n) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException(op + ": sizes must not be negative, got m=" + m + ", k=" + k + ", n=" + n);
        }
        checkLength(op, "A", a, (long) m * k);
        checkLength(op, "B", b, (long) k * n);
        checkLength(op, "C", c, (long) m * n);
        checkDistinct(op, "C", c, "A", a);
        checkDistinct(op, "C", c, "B", b);
    }

    /** The output {@code out} of denseForwardUpdating is none of its inputs ({@code w}: null when out is W). */
    private static void checkUpdatingOutput(String name, float[] out, float[] x, float[] w, float[] bias, float[] g,
                                            float[] u) {
        checkDistinct("denseForwardUpdating", name, out, "x", x);
        checkDistinct("denseForwardUpdating", name, out, "W", w);
        checkDistinct("denseForwardUpdating", name, out, "bias", bias);
        checkDistinct("denseForwardUpdating", name, out, "g", g);
        checkDistinct("denseForwardUpdating", name, out, "u", u);
    }

    /**
     * {@code out} (written) is not the array {@code in} (read): the kernels would read values they have
     * already overwritten. One reference comparison, O(1).
     */
    private static void checkDistinct(String op, String outName, float[] out, String inName, float[] in) {
        if (out == in && out != null) {
            throw new IllegalArgumentException(op + ": " + outName + " and " + inName + " are the same array; " + outName
                    + " is written while " + inName + " is still read, so pass a separate array for " + outName);
        }
    }

    private static void checkMatrix(String op, String name, float[] x, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(op + ": sizes must not be negative, got " + rows + "×" + cols);
        }
        checkLength(op, name, x, (long) rows * cols);
    }

    private static void checkLength(String op, String name, float[] x, long needed) {
        if (x == null) {
            throw new IllegalArgumentException(op + ": " + name + " must not be null");
        }
        if (needed < 0) {
            throw new IllegalArgumentException(op + ": sizes must not be negative, but " + name + " would need "
                    + needed + " values");
        }
        if (x.length < needed) {
            throw new IllegalArgumentException(op + ": " + name + " has " + x.length + " values but the shapes need "
                    + needed);
        }
    }
}
