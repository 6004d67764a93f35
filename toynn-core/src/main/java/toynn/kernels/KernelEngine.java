package toynn.kernels;

/**
 * One backend plus a thread count: the blocked, packed matrix product (Goto/BLIS loop order) and
 * the matrix–vector paths, shared by the scalar and the Vector API backends. {@link Kernels} holds
 * the engine the library uses; tests build engines for each backend and thread count.
 *
 * <p>Blocking: {@code B} is packed {@code KC × NC} at a time into {@code NR}-wide panels (stays in
 * L2/L3; a narrow {@code B} of up to {@link #NARROW_B} floats in one block of all of {@code k}),
 * {@code A} {@code MC × KC} at a time into {@code MR}-high panels (stays in L2), and the
 * micro-kernel walks one panel of each from L1. Partial panels are zero-padded, so every output
 * element is summed the same way wherever it sits: the result does not depend on how the output is
 * split across threads.
 */
final class KernelEngine {
    static final int MC = 144;           // rows of A per packed block (rounded down to a multiple of MR)
    static final int KC = 256;           // shared dimension per block
    /**
     * A product whose whole {@code op(B)} has at most this many floats (512 KB, half of a Zen 5 core's
     * L2) and {@code k ≤ KC_NARROW_MAX} is summed in one block of {@code k}: {@code C} is then read and
     * written once instead of once per {@code KC}. For T3's 10,000 × 784 → 128 that was 1.3× faster
     * (measured in one JVM, alternating), at batch 256 the same.
     */
    static final int NARROW_B = 1 << 17;
    static final int KC_NARROW_MAX = 1024;
    static final int NC = 1024;          // columns of B per packed block (rounded down to a multiple of NR)
    /** Below this many multiply–adds a product runs on one thread (thread hand-off costs ~10 µs). */
    static final long PARALLEL_MIN_WORK = 1L << 19;
    /**
     * Parts per thread when a product is split: threads claim parts as they come free, so on a shared
     * machine a thread that loses its core leaves only small parts behind for the others.
     */
    static final int PARTS_PER_THREAD = 4;
    /**
     * Up to {@code DOT_ROWS_PER_NR · NR} rows, {@code A·Bᵀ} uses unpacked dot-product tiles: packing
     * {@code B} costs as much as the math there. Measured on Zen 5 with 784×128: the crossover is near
     * 40 rows with 8-float vectors and near 80–100 with 16-float ones, i.e. about 2.5 panel widths.
     */
    static final double DOT_ROWS_PER_NR = 2.5;

    private final Backend backend;
    private final int mr;               // MR: height of the register tile and the packed panels of A
    private final int mc;               // rows of A per packed block, a multiple of MR
    private final int nrMax;            // NR: width of the packed panels of B, from the backend
    private final int nc;               // columns of B per packed block, a multiple of NR
    private final int dotMaxM;          // up to this many rows A·Bᵀ takes the dot-product tiles
    private final int transposedMinM;   // from this many rows up to dotMaxM, X·Wᵀ takes the transposed tiles
    private final int threads;
    private volatile KernelThreads pool;
    private final ThreadLocal<Workspace> workspaces;
    private final Split shared = new Split();
    /** Per thread: true while its kernel calls must not split ({@link Kernels#allowSplit}). */
    static final ThreadLocal<boolean[]> ALONE = ThreadLocal.withInitial(() -> new boolean[1]);
    private float[] sharedB;            // packed B of a row split; guarded by holding the pool
    private float[] sharedA;            // packed A of a column split sharing it; guarded by holding the pool
    /** The thread whose {@link #startGatherRows} copy is in flight, holding the pool; null when none. */
    private Thread gathering;           // compared only with the current thread: a stale value is never it

    KernelEngine(Backend backend, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.backend = backend;
        this.mr = backend.mr();
        this.mc = Math.max(mr, MC / mr * mr);
        this.nrMax = backend.nr();
        this.nc = Math.max(nrMax, NC / nrMax * nrMax);
        this.dotMaxM = (int) (DOT_ROWS_PER_NR * nrMax);
        this.transposedMinM = backend.transposedMinRows();
        this.threads = threads;
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(mr, mc, nrMax, nc));
    }

    Backend backend() {
        return backend;
    }

    int threads() {
        return threads;
    }

    /** Stops this engine's worker threads. */
    void shutdown() {
        KernelThreads p = pool;
        if (p != null) {
            p.shutdown();
        }
    }

    /** Packing buffers of one thread, grown never (fixed block sizes): no allocation per call. */
    private static final class Workspace {
        final float[] ap;
        final float[] bp;
        final float[] tile;

        Workspace(int mr, int mc, int nr, int nc) {
            ap = new float[mc * KC];
            bp = new float[KC * nc];
            tile = new float[mr * nr];
        }
    }

    private KernelThreads pool() {
        KernelThreads p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = new KernelThreads(threads);
                    pool = p;
                }
            }
        }
        return p;
    }

    private int partsFor(long work, int units) {
        int parts = partsBeside(work, units);
        return parts > 1 && ALONE.get()[0] ? 1 : parts;                  // the thread-local only for splittable work
    }

    /** Parts for {@code work} in {@code units}, whether or not the calling thread runs alone (a copy beside it). */
    private int partsBeside(long work, int units) {
        if (threads == 1 || work < PARALLEL_MIN_WORK) {
            return 1;
        }
        return Math.max(1, Math.min(PARTS_PER_THREAD * threads, units));
    }

    /** First unit of part {@code p} when {@code units} are split into {@code parts} near-equal ranges. */
    private static int splitPoint(int units, int parts, int p) {
        return (int) ((long) units * p / parts);
    }

    // ------------------------------------------------------------------ splitting across threads

    /**
     * One parallel call's arguments, and part {@code p}'s share of the output. The engine keeps one,
     * used only while it holds its pool, so splitting a product allocates nothing; a caller that finds
     * the pool busy (another thread is inside a kernel) gets a fresh one and runs the parts itself.
     */
    private final class Split implements java.util.function.IntConsumer {
        static final int ROW_BLOCKS = 0;
        static final int GEMM_COLUMNS = 1;
        static final int DOT = 2;
        static final int MATVEC = 3;
        static final int VECMAT = 4;
        static final int RANK1 = 5;
        static final int PACK_B = 6;
        static final int COLUMNS_PACKED_A = 7;
        static final int TRANSPOSED = 8;
        static final int GATHER = 9;
        static final int MATVEC_UPDATE = 10;

        int kind;
        boolean ta;
        boolean tb;
        int m;
        int n;
        int k;
        float alpha;
        float[] a;
        float[] b;
        float[] c;
        int units;
        int parts;
        int jc;
        int nc;
        int pc;
        int kc;
        int[] order;                    // GATHER: the row indices
        float[] bias;                   // the dense epilogue, or null for a plain product
        float[] out;
        FusedActivation act;
        float rate;                     // MATVEC_UPDATE: the pending update rate·(g·uᵀ)
        float[] g;
        float[] u;
        float[] packed;                 // TRANSPOSED: Aᵀ in panels, packed by the parts themselves
        int packShares;                 // TRANSPOSED: ranges of k the packing is cut into
        final java.util.concurrent.atomic.AtomicInteger packNext = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger packDone = new java.util.concurrent.atomic.AtomicInteger();

        void set(int kind, int m, int n, int k, float alpha, float[] a, float[] b, float[] c, int units, int parts) {
            this.kind = kind;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.b = b;
            this.c = c;
            this.units = units;
            this.parts = parts;
            this.bias = null;
            this.out = null;
            this.act = null;
        }

        void epilogue(float[] bias, float[] out, FusedActivation act) {
            this.bias = bias;
            this.out = out;
            this.act = act;
        }

        @Override
        public void accept(int p) {
            int u0 = splitPoint(units, parts, p);
            int u1 = splitPoint(units, parts, p + 1);
            switch (kind) {
                case ROW_BLOCKS:                                // b = the shared packed block of B
                    rowBlocks(ta, m, n, k, alpha, a, b, c, u0 * mr, Math.min(m, u1 * mr), jc, nc, pc, kc, bias, out, act);
                    break;
                case PACK_B:                                    // b = B, c = the shared buffer
                    packB(tb, b, k, n, pc, kc, jc, nc, c, u0 * nrMax, Math.min(nc, u1 * nrMax));
                    break;
                case GATHER:                                    // a = the source rows, c = the destination, k = first index
                    gatherRange(a, order, k, n, c, u0, u1);
                    break;
                case TRANSPOSED:                                // a = A, b = B in place
                    transposedPart(this, u0 * mr, Math.min(n, u1 * mr));
                    break;
                case COLUMNS_PACKED_A:                          // a = the shared packed A
                    columnPanels(tb, m, n, k, alpha, a, b, c, u0 * nrMax, Math.min(n, u1 * nrMax));
                    break;
                case GEMM_COLUMNS:
                    block(ta, tb, m, n, k, alpha, a, b, c, 0, m, u0 * nrMax, Math.min(n, u1 * nrMax), bias, out, act);
                    break;
                case DOT:
                    dotRange(m, n, k, alpha, a, b, c, Math.min(n, u0 * Backend.DC), Math.min(n, u1 * Backend.DC), bias, out, act);
                    break;
                case MATVEC:                                    // a = W (m, k), b = x, c = y
                    matvecRange(a, b, c, k, alpha, Math.min(m, u0 * 4), Math.min(m, u1 * 4), bias, out, act);
                    break;
                case MATVEC_UPDATE:                             // as MATVEC, W updated first
                    matvecUpdateRange(a, b, c, k, Math.min(m, u0 * 4), Math.min(m, u1 * 4), rate, g, u, bias, out, act);
                    break;
                case VECMAT:                                    // a = W (m, n), b = x, c = y
                    vecmatRange(a, b, c, m, n, alpha, Math.min(n, u0 * nrMax), Math.min(n, u1 * nrMax));
                    break;
                default:                                        // RANK1: C(m, n) += α·(a·bᵀ), rows u0..u1
                    rank1Range(a, b, c, n, alpha, u0, u1);
            }
        }

        void clear() {
            order = null;
            a = null;
            b = null;
            c = null;
            bias = null;
            out = null;
            g = null;
            u = null;
            packed = null;
        }
    }

    /** The shared task if this thread gets the pool, else a fresh one to run on this thread. */
    private Split task() {
        return acquire(pool()) ? shared : new Split();
    }

    /**
     * Takes the pool for a split call; a copy this thread started ({@link #startGatherRows}) and still holds
     * the pool with is finished first, so a split never waits on, or runs alone because of, its own copy.
     */
    private boolean acquire(KernelThreads p) {
        if (gathering == Thread.currentThread()) {
            finishGather();
        }
        return p.tryAcquire();
    }

    /** Runs every part of {@code t}: across the pool for the shared task, here otherwise. */
    private void run(Split t, int parts) {
        if (t == shared) {
            try {
                pool.runAcquired(parts, t);
            } finally {
                t.clear();
                pool.release();
            }
        } else {
            for (int p = 0; p < parts; p++) {
                t.accept(p);
            }
        }
    }

    // ------------------------------------------------------------------ C = α·op(A)·op(B) + β·C

    /**
     * The general product. {@code op(A)} is {@code (m, k)}: stored {@code (m, k)} or, when
     * {@code ta}, {@code (k, m)}. {@code op(B)} is {@code (k, n)}: stored {@code (k, n)} or, when
     * {@code tb}, {@code (n, k)}. {@code C} is {@code (m, n)}.
     */
    void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b, float beta, float[] c) {
        scale(c, m * n, beta);
        if (m == 0 || n == 0 || k == 0 || alpha == 0f) {
            return;
        }
        product(ta, tb, m, n, k, alpha, a, b, c, null, null, null);
    }

    /**
     * The dense layer's forward pass with the bias and activation in the product's epilogue:
     * {@code Z(m,n) = X(m,k)·W(n,k)ᵀ + b}, {@code A = f(Z)}. Each tile of the output gets
     * {@link Backend#biasActivate} as soon as its last block of {@code k} is summed, while it is still
     * in L1, on every route {@code gemm} takes for {@code X·Wᵀ}. {@code z} may be null (only {@code A}
     * is kept) or {@code a}. Every element is rounded as the unfused sequence would round it: the
     * product with {@code β = 0}, then {@code z + b}, then {@code f}.
     */
    void denseForward(float[] x, float[] w, float[] bias, float[] z, float[] a, int m, int k, int n, FusedActivation f) {
        float[] c = z != null ? z : a;                        // the product's output: Z when kept, else A itself
        scale(c, m * n, 0f);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {                                         // no product: A = f(b)
            epilogue(c, n, 0, m, 0, n, bias, a, f);
            return;
        }
        product(false, true, m, n, k, 1f, x, w, c, bias, a, f);
    }

    /** Picks the route; with a non-null {@code bias} each route ends in the epilogue ({@code out = f(C + b)}). */
    private void product(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
                         float[] bias, float[] out, FusedActivation f) {
        if (m == 1 && tb) {                                   // (1,k)·(n,k)ᵀ: one dot per output
            matvecRows(b, a, c, n, k, alpha, bias, out, f);
        } else if (m == 1 && !tb) {                           // (1,k)·(k,n): a sum of rows of B (never with an epilogue)
            vecmat(b, a, c, k, n, alpha);
        } else if (k == 1) {                                  // (m,1)·(1,n): a rank-1 update
            rank1(a, b, c, m, n, alpha);
            if (bias != null) {
                epilogue(c, n, 0, m, 0, n, bias, out, f);
            }
        } else if (!ta && tb && (m <= dotMaxM || n < nrMax)) {
            // few rows of X·Wᵀ: packing W would cost as much as the math; fewer outputs than a panel is
            // wide (an output layer of 10): the packed tile would multiply mostly zero padding
            // (T2's 256 × 128 × 10 forward: 42 → 30 µs)
            if (m >= transposedMinM && n >= nrMax && k <= KC_NARROW_MAX) {
                transposedProducts(m, n, k, alpha, a, b, c, bias, out, f);
            } else {
                dotProducts(m, n, k, alpha, a, b, c, bias, out, f);
            }
        } else {
            blocked(ta, tb, m, n, k, alpha, a, b, c, bias, out, f);
        }
    }

    /** {@code out = f(C + b)} on rows [i0, i1) × columns [j0, j1) of {@code C} (row stride {@code ldc}). */
    private void epilogue(float[] c, int ldc, int i0, int i1, int j0, int j1, float[] bias, float[] out, FusedActivation f) {
        for (int i = i0; i < i1; i++) {
            backend.biasActivate(c, out, i * ldc + j0, bias, j0, j1 - j0, f);
        }
    }

    /** {@code C(m,n) += α·A(m,k)·B(n,k)ᵀ} tile by tile from the unpacked rows, split over the rows of {@code B}. */
    private void dotProducts(int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
                             float[] bias, float[] out, FusedActivation f) {
        int units = (n + Backend.DC - 1) / Backend.DC;
        int parts = partsFor((long) m * n * k, units);
        if (parts == 1) {
            dotRange(m, n, k, alpha, a, b, c, 0, n, bias, out, f);
            return;
        }
        Split t = task();
        t.set(Split.DOT, m, n, k, alpha, a, b, c, units, parts);
        t.epilogue(bias, out, f);
        run(t, parts);
    }

    /**
     * {@code C(m,n) += α·A(m,k)·B(n,k)ᵀ} for a batch of rows of A (X) against many rows of B (W):
     * computed as {@code Cᵀ = B·Aᵀ} with the register tile — six rows of B read in place, A packed
     * once into k-major panels of NR rows — instead of dot products, each tile added into C
     * transposed. Only B's last rows, when they do not fill a tile, are copied (zero-padded).
     */
    private void transposedProducts(int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
                                    float[] bias, float[] out, FusedActivation f) {
        int units = (n + mr - 1) / mr;                                         // tiles of six rows of B
        int parts = partsFor((long) m * n * k, units);
        KernelThreads p = parts > 1 ? pool() : null;
        boolean acquired = p != null && acquire(p);
        if (!acquired) {                                                       // one part, or the pool is busy:
            float[] ap = workspaces.get().bp;                                  // all of it here, same sums
            packTransposed(a, m, k, 0, k, ap);
            transposedRange(m, n, k, alpha, ap, b, c, 0, n, bias, out, f);
            return;
        }
        try {
            shared.set(Split.TRANSPOSED, m, n, k, alpha, a, b, c, units, parts);
            shared.epilogue(bias, out, f);
            shared.packed = sharedPackedB();
            shared.packShares = parts;
            shared.packNext.set(0);
            shared.packDone.set(0);
            p.runAcquired(parts, shared);
        } finally {
            shared.clear();
            p.release();
        }
    }

    /**
     * The packing of {@code Aᵀ} for a split {@link #transposedProducts}, shared out: a thread starting a
     * part first packs ranges of {@code k} nobody has claimed yet, then waits until every range is
     * packed (each claimed range is in a running thread's hands, so the wait ends). On a batch of 32
     * rows the packing is ~10 µs, a quarter of the product, that one thread used to do alone. Then the
     * part's columns of C.
     */
    private void transposedPart(Split t, int j0, int j1) {
        packShares(t);
        transposedRange(t.m, t.n, t.k, t.alpha, t.packed, t.b, t.c, j0, j1, t.bias, t.out, t.act);
    }

    private void packShares(Split t) {
        int shares = t.packShares;
        int s;
        while ((s = t.packNext.getAndIncrement()) < shares) {
            try {
                packTransposed(t.a, t.m, t.k, splitPoint(t.k, shares, s), splitPoint(t.k, shares, s + 1), t.packed);
            } finally {
                t.packDone.incrementAndGet();                                 // even on failure: nobody waits forever
            }
        }
        while (t.packDone.get() < shares) {
            Thread.onSpinWait();
        }
    }

    /**
     * Steps {@code [p0, p1)} of {@code Aᵀ} (A stored (m, k)) into k-major panels of NR rows, zero-padded:
     * {@code ap[ir·k + p·NR + i] = A(ir+i, p)} — the layout {@code packB(true, a, k, m, 0, k, 0, m, ap)} gives.
     */
    private void packTransposed(float[] a, int m, int k, int p0, int p1, float[] ap) {
        for (int ir = 0; ir < m; ir += nrMax) {
            packPanelTransposed(a, k, ir, Math.min(nrMax, m - ir), p0, p1, ap, ir * k);
        }
    }

    /**
     * One panel of a transposed operand: {@code ap[to + p·NR + i] = A(row0 + i, p)} for {@code i < rows} and
     * {@code p0 ≤ p < p1} (A stored with {@code k} columns), 0 for {@code rows ≤ i < NR}.
     */
    private void packPanelTransposed(float[] a, int k, int row0, int rows, int p0, int p1, float[] ap, int to) {
        for (int i = 0; i < rows; i++) {
            int src = (row0 + i) * k;
            for (int p = p0; p < p1; p++) {
                ap[to + p * nrMax + i] = a[src + p];
            }
        }
        for (int i = rows; i < nrMax; i++) {
            for (int p = p0; p < p1; p++) {
                ap[to + p * nrMax + i] = 0f;
            }
        }
    }

    /** Columns [j0, j1) of C (whole tiles of rows of B) for {@link #transposedProducts}; {@code ap} = the packed Aᵀ. */
    private void transposedRange(int m, int n, int k, float alpha, float[] ap, float[] b, float[] c, int j0, int j1,
                                 float[] bias, float[] out, FusedActivation f) {
        Workspace ws = workspaces.get();
        float[] tile = ws.tile;
        for (int j = j0; j < j1; j += mr) {                                  // six rows of B: C(:, j..j+6)
            int cols = Math.min(mr, j1 - j);
            float[] rowsOfB = b;
            int bo = j * k;
            if (cols < mr) {                                                  // the last rows, zero-padded
                rowsOfB = ws.ap;
                bo = 0;
                System.arraycopy(b, j * k, rowsOfB, 0, cols * k);
                java.util.Arrays.fill(rowsOfB, cols * k, mr * k, 0f);
            }
            for (int ir = 0; ir < m; ir += nrMax) {                           // a panel of NR rows of A
                backend.microKernelRows(k, rowsOfB, bo, k, ap, ir * k, tile); // tile(r, i) = B_{j+r}·A_{ir+i}
                int rows = Math.min(nrMax, m - ir);
                for (int i = 0; i < rows; i++) {
                    int ci = (ir + i) * n + j;
                    for (int r = 0; r < cols; r++) {
                        c[ci + r] = Math.fma(alpha, tile[r * nrMax + i], c[ci + r]);
                    }
                }
            }
        }
        if (bias != null) {
            epilogue(c, n, 0, m, j0, j1, bias, out, f);
        }
    }

    private void dotRange(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, int j0, int j1,
                          float[] bias, float[] out, FusedActivation f) {
        for (int jg = j0; jg < j1; jg += nrMax) {                       // NR columns × all rows: still in L1 for the epilogue
            int jgEnd = Math.min(j1, jg + nrMax);
            for (int j = jg; j < jgEnd; j += Backend.DC) {              // four rows of B stay in L1
                int nr = Math.min(Backend.DC, jgEnd - j);
                for (int i = 0; i < m; i += Backend.DR) {               // while the rows of A stream past
                    backend.dotTile(a, i, Math.min(Backend.DR, m - i), b, j, nr, k, c, n, alpha);
                }
            }
            if (bias != null) {
                epilogue(c, n, 0, m, jg, jgEnd, bias, out, f);
            }
        }
    }

    private void blocked(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
                         float[] bias, float[] out, FusedActivation f) {
        long work = (long) m * n * k;
        boolean splitRows = m >= n;
        int units = splitRows ? (m + mr - 1) / mr : (n + nrMax - 1) / nrMax;
        int parts = partsFor(work, units);
        if (parts == 1) {
            block(ta, tb, m, n, k, alpha, a, b, c, 0, m, 0, n, bias, out, f);
            return;
        }
        if (splitRows) {
            blockedRows(ta, tb, m, n, k, alpha, a, b, c, bias, out, f);
            return;
        }
        if (m <= mc && k <= KC && bias == null) {                          // (with a bias: the general split below)
            columnsSharingA(ta, tb, m, n, k, alpha, a, b, c, units, parts);
            return;
        }
        Split t = task();
        t.set(Split.GEMM_COLUMNS, m, n, k, alpha, a, b, c, units, parts);
        t.ta = ta;
        t.tb = tb;
        t.epilogue(bias, out, f);
        run(t, parts);
    }

    /**
     * The row split, BLIS style: each {@code KC × NC} block of {@code B} is packed once, by all threads
     * panel by panel, into a buffer they all read; then the threads claim ranges of {@code MR}-row
     * panels of {@code A} (packing them {@code MC} rows at a time into their own buffer) until none are
     * left. Same {@code k} blocks, same micro-kernel, same sums per element as one thread.
     */
    private void blockedRows(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
                             float[] bias, float[] out, FusedActivation f) {
        KernelThreads p = pool();
        boolean acquired = acquire(p);
        Split t = acquired ? shared : new Split();
        float[] bp = acquired ? sharedPackedB() : workspaces.get().bp;
        int panels = (m + mr - 1) / mr;                                     // rows are handed out in MR panels
        int parts = Math.min(panels, PARTS_PER_THREAD * threads);
        try {
            for (int jc = 0; jc < n; jc += this.nc) {
                int nc = Math.min(this.nc, n - jc);
                int kStep = kStep(k, n);
                for (int pc = 0; pc < k; pc += kStep) {
                    int kc = Math.min(kStep, k - pc);
                    int bPanels = (nc + nrMax - 1) / nrMax;
                    int packParts = Math.min(bPanels, parts);
                    t.set(Split.PACK_B, m, n, k, alpha, a, b, bp, bPanels, packParts);   // c = the shared buffer
                    t.tb = tb;
                    t.jc = jc;
                    t.nc = nc;
                    t.pc = pc;
                    t.kc = kc;
                    runParts(acquired, p, t, packParts);                    // B (kc, nc), packed by all
                    t.set(Split.ROW_BLOCKS, m, n, k, alpha, a, bp, c, panels, parts);
                    t.ta = ta;
                    t.epilogue(bias, out, f);
                    runParts(acquired, p, t, parts);                        // then rows of C, claimed
                }
            }
        } finally {
            if (acquired) {
                t.clear();
                p.release();
            }
        }
    }

    /**
     * The column split when {@code op(A)} is one packed block ({@code m ≤ mc}, {@code k ≤ KC}) — e.g.
     * {@code dW = dZᵀ·X} with {@code k} = the batch size: {@code A} is packed once, here, into a buffer
     * every part reads, where {@link #block} would pack all of it again in each part (at batch 32 that
     * repacking cost as much as a fifth of the product). Each part packs its own panels of {@code B}.
     * Same packing and micro-kernel calls per element as one thread.
     */
    private void columnsSharingA(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b,
                                 float[] c, int units, int parts) {
        KernelThreads p = pool();
        boolean acquired = acquire(p);
        Split t = acquired ? shared : new Split();
        float[] ap = acquired ? sharedPackedA() : workspaces.get().ap;
        try {
            packA(ta, a, m, k, 0, m, 0, k, ap);                              // op(A) (m, k), packed once
            t.set(Split.COLUMNS_PACKED_A, m, n, k, alpha, ap, b, c, units, parts);
            t.tb = tb;
            runParts(acquired, p, t, parts);                                 // then panels of C's columns, claimed
        } finally {
            if (acquired) {
                t.clear();
                p.release();
            }
        }
    }

    /** Columns [j0, j1) of C += α·Apacked·op(B), A packed whole (m, k) by {@link #columnsSharingA}. */
    private void columnPanels(boolean tb, int m, int n, int k, float alpha, float[] ap, float[] b, float[] c,
                              int j0, int j1) {
        Workspace ws = workspaces.get();
        float[] bp = ws.bp;
        for (int jc = j0; jc < j1; jc += nc) {
            int ncb = Math.min(nc, j1 - jc);
            packB(tb, b, k, n, 0, k, jc, ncb, bp);                            // (k, nc) in NR-wide panels
            for (int jr = 0; jr < ncb; jr += nrMax) {
                int nr = Math.min(nrMax, ncb - jr);
                int bo = jr * k;
                for (int ir = 0; ir < m; ir += mr) {
                    backend.microKernel(k, ap, ir * k, bp, bo, c, ir * n + jc + jr, n,
                            alpha, Math.min(mr, m - ir), nr, ws.tile);
                }
            }
        }
    }

    /** The packed-A buffer shared by the parts of {@link #columnsSharingA} (used only while the pool is held). */
    private float[] sharedPackedA() {
        if (sharedA == null) {
            sharedA = new float[MC * KC];
        }
        return sharedA;
    }

    private static void runParts(boolean acquired, KernelThreads p, Split t, int parts) {
        if (acquired) {
            p.runAcquired(parts, t);
        } else {
            for (int q = 0; q < parts; q++) {
                t.accept(q);
            }
        }
    }

    /**
     * Rows [i0, i1) of C += α·op(A)(rows, pc..pc+kc)·Bpacked, B already packed (kc, nc) at column jc;
     * in the last block of {@code k}, with a bias, each tile then gets the epilogue.
     */
    private void rowBlocks(boolean ta, int m, int n, int k, float alpha, float[] a, float[] bp, float[] c,
                           int i0, int i1, int jc, int nc, int pc, int kc, float[] bias, float[] out, FusedActivation f) {
        Workspace ws = workspaces.get();
        float[] ap = ws.ap;
        boolean epilogue = bias != null && pc + kc == k;
        int mc = mcFor(kStep(k, n));
        // One block of k (a dense layer's X·Wᵀ with narrow weights, k ≤ 1024): whole tiles read the
        // rows of A in place instead of packing them — the same sums, and the 256 × 784 × 128 forward pass
        // took 23% less time; a tile at an edge packs its panel. (With blocks of k, as in a large GEMM,
        // rows a power-of-two stride apart would compete for the same cache sets: packed there.)
        boolean inPlace = !ta && kc == k;
        for (int ic = i0; ic < i1; ic += mc) {
            int mcb = Math.min(mc, i1 - ic);
            int packed = -1;                                                 // the panel in ap when in place
            if (!inPlace) {
                packA(ta, a, m, k, ic, mcb, pc, kc, ap);                     // (mc, kc), this thread's
            }
            for (int jr = 0; jr < nc; jr += nrMax) {
                int nr = Math.min(nrMax, nc - jr);
                int bo = jr * kc;
                for (int ir = 0; ir < mcb; ir += mr) {
                    int mrb = Math.min(mr, mcb - ir);
                    int co = (ic + ir) * n + jc + jr;
                    if (!inPlace) {
                        backend.microKernel(kc, ap, ir * kc, bp, bo, c, co, n, alpha, mrb, nr, ws.tile);
                    } else if (mrb == mr && nr == nrMax) {
                        backend.microKernelInPlace(kc, a, (ic + ir) * k, k, bp, bo, c, co, n, alpha, ws.tile);
                    } else {
                        if (packed != ir) {
                            packA(false, a, m, k, ic + ir, mrb, pc, kc, ap);
                            packed = ir;
                        }
                        backend.microKernel(kc, ap, 0, bp, bo, c, co, n, alpha, mrb, nr, ws.tile);
                    }
                    if (epilogue) {
                        epilogue(c, n, ic + ir, ic + ir + mrb, jc + jr, jc + jr + nr, bias, out, f);
                    }
                }
            }
        }
    }

    /**
     * The depth of the blocks of {@code k}: it depends only on the product's sizes, never on how the
     * output is split, so every element is summed the same way for any thread count.
     */
    private static int kStep(int k, int n) {
        if (k <= KC_NARROW_MAX && (long) k * n <= NARROW_B) {
            return k;
        }
        return KC;
    }

    /** Rows of A per packed block for blocks of depth {@code kc}: the packed block keeps its size. */
    private int mcFor(int kc) {
        return kc <= KC ? mc : Math.max(mr, MC * KC / kc / mr * mr);
    }

    /** The packed-B buffer shared by the threads of a row split (used only while the pool is held). */
    private float[] sharedPackedB() {
        if (sharedB == null) {
            sharedB = new float[KC * nc];
        }
        return sharedB;
    }

    /**
     * C[i0..i1, j0..j1) += α·op(A)·op(B) on the calling thread; with a bias, each tile gets the epilogue
     * right after the micro-kernel of the last block of {@code k} wrote it.
     */
    private void block(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
                       int i0, int i1, int j0, int j1, float[] bias, float[] out, FusedActivation f) {
        float[] bp = workspaces.get().bp;
        int kStep = kStep(k, n);
        for (int jc = j0; jc < j1; jc += this.nc) {
            int nc = Math.min(this.nc, j1 - jc);
            for (int pc = 0; pc < k; pc += kStep) {
                int kc = Math.min(kStep, k - pc);
                packB(tb, b, k, n, pc, kc, jc, nc, bp);                 // (kc, nc) in NR-wide panels
                rowBlocks(ta, m, n, k, alpha, a, bp, c, i0, i1, jc, nc, pc, kc, bias, out, f);
            }
        }
    }

    /** Packs op(A)[ic..ic+mc, pc..pc+kc) as panels {@code ap[ir·kc + p·MR + r]}, zero-padded to MR rows. */
    private void packA(boolean ta, float[] a, int m, int k, int ic, int mc, int pc, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = ir * kc;
            if (ta) {                                                   // A stored (k, m): rows of op(A) are contiguous in p
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * m + ic + ir;
                    int dst = base + p * mr;
                    for (int r = 0; r < rows; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        ap[dst + r] = 0f;
                    }
                }
            } else {                                                    // A stored (m, k)
                for (int r = 0; r < rows; r++) {
                    int src = (ic + ir + r) * k + pc;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * mr + r] = a[src + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * mr + r] = 0f;
                    }
                }
            }
        }
    }

    /** Packs op(B)[pc..pc+kc, jc..jc+nc) as panels {@code bp[jr·kc + p·NR + j]}, zero-padded to NR columns. */
    private void packB(boolean tb, float[] b, int k, int n, int pc, int kc, int jc, int nc, float[] bp) {
        packB(tb, b, k, n, pc, kc, jc, nc, bp, 0, nc);
    }

    /** As above for the panels that start in columns [jr0, jr1) of the block (multiples of NR). */
    private void packB(boolean tb, float[] b, int k, int n, int pc, int kc, int jc, int nc, float[] bp, int jr0, int jr1) {
        for (int jr = jr0; jr < jr1; jr += nrMax) {
            int nr = Math.min(nrMax, nc - jr);
            int base = jr * kc;
            if (tb) {                                                   // B stored (n, k): W in X·Wᵀ
                packPanelTransposed(b, k, jc + jr, nr, pc, pc + kc, bp, base - pc * nrMax);
            } else {                                                    // B stored (k, n)
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * n + jc + jr;
                    int dst = base + p * nrMax;
                    System.arraycopy(b, src, bp, dst, nr);
                    for (int j = nr; j < nrMax; j++) {
                        bp[dst + j] = 0f;
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ matrix–vector paths

    /** {@code y(rows) += α·W(rows, cols)·x(cols)}. */
    void matvecRows(float[] w, float[] x, float[] y, int rows, int cols, float alpha) {
        matvecRows(w, x, y, rows, cols, alpha, null, null, null);
    }

    /** As above; with a bias, each part then gets the epilogue {@code out = f(y + b)} on its rows. */
    private void matvecRows(float[] w, float[] x, float[] y, int rows, int cols, float alpha,
                            float[] bias, float[] out, FusedActivation f) {
        int parts = partsFor((long) rows * cols * 4, (rows + 3) / 4);   // memory-bound: count as more work
        if (parts == 1) {
            matvecRange(w, x, y, cols, alpha, 0, rows, bias, out, f);
            return;
        }
        int units = (rows + 3) / 4;
        Split t = task();
        t.set(Split.MATVEC, rows, 0, cols, alpha, w, x, y, units, parts);
        t.epilogue(bias, out, f);
        run(t, parts);
    }

    private void matvecRange(float[] w, float[] x, float[] y, int cols, float alpha, int r0, int r1,
                             float[] bias, float[] out, FusedActivation f) {
        backend.matvec(w, x, y, r0, r1, cols, alpha);
        if (bias != null) {
            backend.biasActivate(y, out, r0, bias, r0, r1 - r0, f);
        }
    }

    /**
     * One sample through a dense layer whose last one-sample update is still pending:
     * {@code W += rate·(g·uᵀ)}, then {@code Z = W·x + b}, {@code A = f(Z)}, in one sweep over {@code W}
     * (each row is updated, then multiplied while in registers). The same bits as
     * {@link #rank1} followed by {@link #denseForward} with one row; rows are split over threads as
     * {@link #matvecRows} splits them.
     */
    void denseForwardUpdating(float[] x, float[] w, float[] bias, float[] z, float[] a, int k, int n,
                              FusedActivation f, float rate, float[] g, float[] u) {
        float[] c = z != null ? z : a;
        scale(c, n, 0f);
        int parts = partsFor((long) n * k * 4, (n + 3) / 4);
        if (parts == 1) {
            matvecUpdateRange(w, x, c, k, 0, n, rate, g, u, bias, a, f);
            return;
        }
        Split t = task();
        t.set(Split.MATVEC_UPDATE, n, 0, k, 1f, w, x, c, (n + 3) / 4, parts);
        t.epilogue(bias, a, f);
        t.rate = rate;
        t.g = g;
        t.u = u;
        run(t, parts);
    }

    private void matvecUpdateRange(float[] w, float[] x, float[] y, int cols, int r0, int r1, float rate, float[] g,
                                   float[] u, float[] bias, float[] out, FusedActivation f) {
        backend.matvecUpdate(w, x, y, r0, r1, cols, 1f, rate, g, u);
        backend.biasActivate(y, out, r0, bias, r0, r1 - r0, f);
    }

    /** {@code y(cols) += α·W(rows, cols)ᵀ·x(rows)} = {@code α·Σ_i x_i·W(i, :)}, in order of {@code i}. */
    void vecmat(float[] w, float[] x, float[] y, int rows, int cols, float alpha) {
        int units = (cols + nrMax - 1) / nrMax;
        int parts = partsFor((long) rows * cols * 4, units);
        if (parts == 1) {
            vecmatRange(w, x, y, rows, cols, alpha, 0, cols);
            return;
        }
        Split t = task();
        t.set(Split.VECMAT, rows, cols, 0, alpha, w, x, y, units, parts);
        run(t, parts);
    }

    private void vecmatRange(float[] w, float[] x, float[] y, int rows, int cols, float alpha, int j0, int j1) {
        for (int i = 0; i < rows; i++) {
            backend.axpy(alpha * x[i], w, i * cols + j0, y, j0, j1 - j0);
        }
    }

    /**
     * Rows {@code order[from..from+n)} of {@code src} (rows of {@code cols} floats) into rows
     * {@code 0..n} of {@code dst}: a training batch drawn from a shuffled data set. Large batches are
     * split over the threads by destination rows — rows come from all over a large array, so each
     * copy waits on memory, and two cores wait in parallel.
     */
    void gatherRows(float[] src, int[] order, int from, int n, int cols, float[] dst) {
        int parts = partsFor((long) n * cols * GATHER_COST, n);
        if (parts == 1) {
            gatherRange(src, order, from, cols, dst, 0, n);
            return;
        }
        Split t = task();
        t.set(Split.GATHER, 0, cols, from, 0f, src, null, dst, n, parts);
        t.order = order;
        run(t, parts);
    }

    /**
     * As {@link #gatherRows}, but a copy large enough to split is handed to the worker threads and this
     * returns at once, holding the pool, so the caller can go on with work that does not need it (the rest
     * of a training step, while the next batch is copied). The rows are in {@code dst} once
     * {@link #finishGather} has returned on this thread; a split kernel call of this thread finishes it
     * first. Parts no worker has taken by then are copied by the caller. Otherwise (small, one thread, the
     * pool busy) the copy happens here, now. A caller that runs alone ({@link Kernels#allowSplit}) still
     * hands the copy over: it runs beside the caller rather than splitting the caller's work. Same rows
     * either way.
     *
     * @return whether the copy is in flight (finish it with {@link #finishGather})
     */
    boolean startGatherRows(float[] src, int[] order, int from, int n, int cols, float[] dst) {
        int parts = partsBeside((long) n * cols * GATHER_COST, n);      // split even when this thread runs alone
        if (parts > 1) {
            KernelThreads p = pool();
            if (acquire(p)) {
                shared.set(Split.GATHER, 0, cols, from, 0f, src, null, dst, n, parts);
                shared.order = order;
                gathering = Thread.currentThread();
                p.start(parts, shared);
                return true;
            }
        }
        gatherRange(src, order, from, cols, dst, 0, n);
        return false;
    }

    /** Finishes this thread's {@link #startGatherRows} copy, if one is in flight, and gives the pool back. */
    void finishGather() {
        if (gathering != Thread.currentThread()) {
            return;
        }
        gathering = null;
        try {
            pool.awaitStarted();
        } finally {
            shared.clear();
            pool.release();
        }
    }

    /**
     * A copied float from a scattered row counts as this many multiply–adds toward {@link #PARALLEL_MIN_WORK}:
     * 24 splits T2's batch of 32 images (25,088 floats) over two threads, which took its steady epochs from
     * 0.166 to 0.146 s (8 alternating pairs; 8 left that copy, ~12 µs of a step, to one thread).
     */
    static final int GATHER_COST = 24;

    private static void gatherRange(float[] src, int[] order, int from, int cols, float[] dst, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            System.arraycopy(src, order[from + r] * cols, dst, r * cols, cols);
        }
    }

    /** {@code C(m, n) += α·(a(m)·b(n)ᵀ)}, row by row, each element rounded as {@code α·(a_i·b_j)}. */
    void rank1(float[] a, float[] b, float[] c, int m, int n, float alpha) {
        int parts = partsFor((long) m * n * 4, m);
        if (parts == 1) {
            rank1Range(a, b, c, n, alpha, 0, m);
            return;
        }
        Split t = task();
        t.set(Split.RANK1, m, n, 0, alpha, a, b, c, m, parts);
        run(t, parts);
    }

    private void rank1Range(float[] a, float[] b, float[] c, int n, float alpha, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            backend.axpyScaled(alpha, a[i], b, 0, c, i * n, n);          // C(i,:) += α·(a_i·b)
        }
    }

    static void scale(float[] c, int len, float beta) {
        if (beta == 0f) {
            java.util.Arrays.fill(c, 0, len, 0f);
        } else if (beta != 1f) {
            for (int i = 0; i < len; i++) {
                c[i] *= beta;
            }
        }
    }
}
