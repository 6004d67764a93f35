package toynn.kernels;

/**
 * Gets the kernels ready before the first training step needs them. The first call of a Vector API
 * kernel makes the JDK build the incubator module's classes — species, lambda forms, hidden classes
 * — about a tenth of a second of one-time work; and until HotSpot's C2 has compiled a kernel it runs
 * as objects on the heap, tens of times slower. {@link #exercise} calls every backend method
 * {@link #ROUNDS} times on small operands, whole tiles and edge tiles (every outcome of their
 * branches), then each product route of the engine (packing, tile loops) on small training-shaped
 * products, and the routes again split across two threads, so both are done (about a third of a
 * second of one core on the machine of README "Performance");
 * {@link Kernels#prepare()} runs it on a background thread while the caller goes on — the
 * {@code toynn} command parses its arguments and loads data meanwhile, so its whole run got shorter
 * too. It computes nothing anyone reads: results never depend on whether or when it ran.
 */
final class KernelPreparation {
    /**
     * Calls of each kernel: enough for C2 to compile them under the launcher's thresholds (100 rounds
     * left T1 ~20% slower than 300–1,000; later rounds take microseconds once compiled).
     */
    static final int ROUNDS = 1000;

    private KernelPreparation() {
    }

    /** Every method of {@code b}, {@link #ROUNDS} times, on small operands (arrays allocated here, once, and dropped). */
    static void exercise(Backend b) {
        int mr = b.mr();
        int nr = b.nr();
        int k = 2 * nr + 3;                                              // whole vectors plus a tail
        float[] ap = filled(mr * k, 0.25f);
        float[] bp = filled(nr * k, 0.5f);
        float[] c = new float[mr * nr];
        float[] tile = new float[mr * nr];
        float[] rows = filled((Math.max(Backend.DR, Backend.DC) + 1) * k + 1, 0.125f);
        float[] x = filled(k, 1f);
        float[] y = new float[k];
        float[] bias = filled(k, -0.5f);
        for (int round = 0; round < ROUNDS; round++) {
            b.microKernel(k, ap, 0, bp, 0, c, 0, nr, 1f, mr, nr, tile);                  // whole tile
            b.microKernel(k, ap, 0, bp, 0, c, 0, nr, 1f, mr - 1, nr, tile);              // edge tiles: every
            b.microKernel(k, ap, 0, bp, 0, c, 0, nr, 1f, mr, nr - 1, tile);              // outcome of each test
            b.dotTile(rows, 0, Backend.DR, rows, 0, Backend.DC, k, c, Backend.DC, 1f);
            b.dotTile(rows, 0, Backend.DR, rows, 0, Backend.DC - 1, k, c, Backend.DC, 1f);
            b.dotTile(rows, 0, 1, rows, 0, Backend.DC, k, c, Backend.DC, 1f);
            y[0] = b.dot(x, 0, rows, 1, k - 1);
            b.matvec(rows, x, y, 0, Backend.DC + 1, k - 1, 1f);
            b.matvecUpdate(rows, x, y, 0, Backend.DC + 1, k - 1, 1f, 0f, bias, x);     // rate 0: rows unchanged
            b.axpy(0.5f, x, 0, y, 0, k);
            b.axpyScaled(0.5f, 2f, x, 0, y, 1, k - 1);
            b.axpyTimes(x, 0, bias, 0, y, 0, k);
            for (FusedActivation f : FusedActivation.values()) {
                b.biasActivate(y, c, 0, bias, 0, k, f);                                  // Z kept
                b.biasActivate(c, c, 0, bias, 0, k, f);                                  // A over Z
            }
            b.sigmoid(y, x, 0, k);
            y[1] = b.maxAbs(rows, 1, rows.length - 1);
        }
        exerciseRoutes(b);
        exerciseSplits(b);
    }

    /** Rounds of {@link #exerciseSplits}: each is a few million multiply–adds. */
    static final int SPLIT_ROUNDS = 20;

    /**
     * The same routes split across two threads (an engine and a worker of its own, stopped after), on
     * products just large enough to be split: otherwise the code HotSpot compiles during the first
     * training steps has never seen a split or a larger batch's branches, and is thrown away when they
     * come (at batch 256 after batch 32 in one run: {@code blocked}, {@code Split.accept},
     * {@code dotProducts} and {@code gatherRows} were deoptimized at the first step, per
     * {@code -Xlog:deoptimization}). Every fourth round runs without splitting ({@link Kernels#allowSplit}),
     * or the first such block of {@code fit} deoptimized every route that inlined the test.
     */
    private static void exerciseSplits(Backend b) {
        KernelEngine e = new KernelEngine(b, 2);
        int nr = b.nr();
        int tall = Math.max(240, (int) (KernelEngine.DOT_ROWS_PER_NR * nr) + 40); // past the dot tiles: packed
        int wide = b.transposedMinRows() < Integer.MAX_VALUE ? b.transposedMinRows() : 3;
        int k = 784;                                                           // a Fashion-MNIST image
        int n = 4 * nr + 8;
        int[] order = new int[tall];
        for (int i = 0; i < tall; i++) {
            order[i] = (i * 7) % tall;
        }
        float[] x = filled(tall * k, 0.5f);
        float[] w = filled(8 * nr * k, 0.25f);
        float[] bias = filled(8 * nr, -0.5f);
        float[] z = new float[tall * 8 * nr];
        float[] a = new float[tall * 8 * nr];
        float[] dW = new float[8 * nr * k];
        float[] rows = new float[tall * k];
        try {
            for (int round = 0; round < SPLIT_ROUNDS; round++) {
                Kernels.allowSplit(round % 4 != 3);      // some rounds alone, as fit's SplitChooser runs them
                e.gatherRows(x, order, 0, tall, k, rows);                              // a batch, split
                e.denseForward(rows, w, bias, z, a, tall, k, n, FusedActivation.RELU);  // rows split (m ≥ n)
                e.denseForward(rows, w, bias, z, a, wide, k, 8 * nr, FusedActivation.RELU); // transposed or dot, split
                e.denseForward(rows, w, bias, z, a, 3, k, 8 * nr, FusedActivation.IDENTITY); // dot tiles, split
                e.denseForward(rows, w, bias, z, a, 1, k, 8 * nr, FusedActivation.RELU);  // matrix–vector, split
                e.gemm(true, false, n, k, tall, -0.1f, z, rows, 1f, dW);                 // dW −= dZᵀ·X, columns split
                e.gemm(false, false, tall, k, n, 1f, z, w, 0f, rows);                    // dX = dZ·W, columns split
            }
        } finally {
            Kernels.allowSplit(true);
            e.shutdown();
        }
    }

    /**
     * Calls of each product route: each is many kernel calls. 100 rounds gave cold T2 batch 256 5–13%
     * and T1 5–7% over none; 300 no more, and the preparation then outlasted the data loading.
     */
    static final int ROUTE_ROUNDS = 100;

    /**
     * The engine's routes — packing, the register-tile loops, dot tiles, the transposed tiles,
     * matrix–vector, rank-1 — on small products shaped like a training step's (the forward pass,
     * {@code dZᵀ·X}, {@code dZ·W}), on a single-threaded engine of this backend's own, so nothing
     * touches the shared thread pool.
     */
    private static void exerciseRoutes(Backend b) {
        KernelEngine e = new KernelEngine(b, 1);
        int nr = b.nr();
        int k = 2 * nr + 3;
        int n = nr + 8;
        int wide = b.transposedMinRows() < Integer.MAX_VALUE ? b.transposedMinRows() + 8 : nr + 8;
        int tall = (int) (KernelEngine.DOT_ROWS_PER_NR * nr) + 9;        // past the dot tiles: packed
        float[] x = filled(tall * k, 0.5f);
        float[] w = filled(n * k, 0.25f);
        float[] bias = filled(n, -0.5f);
        float[] z = new float[tall * n];
        float[] a = new float[tall * n];
        float[] dW = new float[n * k];
        float[] dX = new float[tall * k];
        for (int round = 0; round < ROUTE_ROUNDS; round++) {
            for (int m : new int[] {1, 3, wide, tall}) {                         // matvec, dot, transposed, packed
                e.denseForward(x, w, bias, z, a, m, k, n, FusedActivation.RELU);
            }
            e.gemm(true, false, n, k, wide, -0.1f, z, x, 1f, dW);               // dW −= dZᵀ·X
            e.gemm(false, false, wide, k, n, 1f, z, w, 0f, dX);                 // dX = dZ·W
            e.gemm(false, false, 1, k, n, 1f, z, w, 0f, dX);                    // one row: Wᵀ·e
            e.gemm(true, false, n, k, 1, 0.1f, z, x, 1f, dW);                   // k = 1: rank-1
        }
        e.shutdown();
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
