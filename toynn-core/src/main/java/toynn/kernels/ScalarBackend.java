package toynn.kernels;

/**
 * Plain-Java loops, the fallback when the {@code jdk.incubator.vector} module is absent (e.g. a
 * Processing sketch). The long inner loops are unit-stride {@code y += a·x} forms, which HotSpot's
 * auto-vectoriser turns into SIMD code on Java 17. HotSpot never reorders a float sum, so a dot
 * product written as one running sum is a chain of dependent adds; {@link #dot} keeps sixteen
 * independent partial sums instead, in a fixed order that exported code repeats.
 */
final class ScalarBackend implements Backend {
    private static final int MR = 6;
    private static final int NR = 16;
    /** Partial sums per dot product (see {@link #dot}). */
    static final int LANES = 16;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void microKernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                            float alpha, int mr, int nr, float[] tile) {
        tileProduct(kc, ap, ao, 1, MR, bp, bo, tile);
        addTile(tile, c, co, ldc, alpha, mr, nr);
    }

    @Override
    public void microKernelInPlace(int kc, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                                   float alpha, float[] tile) {
        tileProduct(kc, a, ao, lda, 1, bp, bo, tile);
        addTile(tile, c, co, ldc, alpha, MR, NR);
    }

    /** {@code C[mr × nr corner] += α·tile}, one rounding per element. */
    private static void addTile(float[] tile, float[] c, int co, int ldc, float alpha, int mr, int nr) {
        for (int r = 0; r < mr; r++) {
            int cr = co + r * ldc;
            int t = r * NR;
            for (int j = 0; j < nr; j++) {
                c[cr + j] += alpha * tile[t + j];
            }
        }
    }

    /**
     * Never: this register tile lives in memory, and the sixteen-sum dot products beat it at every
     * batch size measured (784 × 128 at 16–64 rows: up to 1.5× faster).
     */
    @Override
    public int transposedMinRows() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void microKernelRows(int kc, float[] a, int ao, int lda, float[] bp, int bo, float[] tile) {
        tileProduct(kc, a, ao, lda, 1, bp, bo, tile);
    }

    /**
     * {@code tile[MR × NR] = A·Bpanel}; row {@code r} of A at step {@code p} is {@code a[ao + r·rs + p·ps]}:
     * a packed panel ({@code rs = 1}, {@code ps = MR}) or rows read in place ({@code rs} = their stride,
     * {@code ps = 1}), as the Vector API path's tile reads them.
     */
    private static void tileProduct(int kc, float[] a, int ao, int rs, int ps, float[] bp, int bo, float[] tile) {
        java.util.Arrays.fill(tile, 0, MR * NR, 0f);
        for (int p = 0; p < kc; p++) {
            int bRow = bo + p * NR;
            int aCol = ao + p * ps;
            for (int r = 0; r < MR; r++) {
                float av = a[aCol + r * rs];
                int t = r * NR;
                for (int j = 0; j < NR; j++) {
                    tile[t + j] += av * bp[bRow + j];        // acc(r, :) += a(r)·b(:)
                }
            }
        }
    }

    @Override
    public void dotTile(float[] a, int i0, int mr, float[] b, int j0, int nr, int k, float[] c, int ldc, float alpha) {
        for (int i = i0; i < i0 + mr; i++) {
            for (int j = j0; j < j0 + nr; j++) {
                c[i * ldc + j] = Math.fma(alpha, dot(a, i * k, b, j * k, k), c[i * ldc + j]);
            }
        }
    }

    /**
     * Sixteen interleaved partial sums — lane {@code j} takes the products at {@code p ≡ j (mod 16)}
     * of the whole blocks of 16, the rest go into lane 0 in order — added pairwise at the end
     * ({@code j} with {@code j+8}, then {@code +4}, {@code +2}, {@code +1}). Independent sums let the
     * CPU overlap the additions (a single running sum waits for each add to finish: 3–4× slower).
     * Exported Java code ({@code toynn.io.JavaExporter}) sums in exactly this order, so the plain
     * path's {@code predict} matches it bit for bit.
     */
    @Override
    public float dot(float[] x, int xo, float[] y, int yo, int len) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        float s8 = 0f, s9 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f, s14 = 0f, s15 = 0f;
        int p = 0;
        for (; p + LANES <= len; p += LANES) {
            int a = xo + p;
            int b = yo + p;
            s0 += x[a] * y[b];
            s1 += x[a + 1] * y[b + 1];
            s2 += x[a + 2] * y[b + 2];
            s3 += x[a + 3] * y[b + 3];
            s4 += x[a + 4] * y[b + 4];
            s5 += x[a + 5] * y[b + 5];
            s6 += x[a + 6] * y[b + 6];
            s7 += x[a + 7] * y[b + 7];
            s8 += x[a + 8] * y[b + 8];
            s9 += x[a + 9] * y[b + 9];
            s10 += x[a + 10] * y[b + 10];
            s11 += x[a + 11] * y[b + 11];
            s12 += x[a + 12] * y[b + 12];
            s13 += x[a + 13] * y[b + 13];
            s14 += x[a + 14] * y[b + 14];
            s15 += x[a + 15] * y[b + 15];
        }
        for (; p < len; p++) {
            s0 += x[xo + p] * y[yo + p];                                 // the tail, in lane 0
        }
        s0 += s8;                                                        // pairwise: j += j + 8
        s1 += s9;
        s2 += s10;
        s3 += s11;
        s4 += s12;
        s5 += s13;
        s6 += s14;
        s7 += s15;
        s0 += s4;                                                        // j += j + 4
        s1 += s5;
        s2 += s6;
        s3 += s7;
        s0 += s2;                                                        // j += j + 2
        s1 += s3;
        return s0 + s1;                                                  // j += j + 1
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int len) {
        for (int p = 0; p < len; p++) {
            y[yo + p] += alpha * x[xo + p];
        }
    }

    /** Rows of this many floats go through {@link #ROW}; see {@link #axpyScaled}. */
    private static final int ROW_MIN = 64;
    private static final int ROW_MAX = 1 << 16;
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[1024]);

    /**
     * HotSpot (Java 17 to 25) does not vectorise {@code y[yo+p] += α·(s·x[p])} when {@code y} is
     * indexed from an offset (it cannot rule out that the two arrays overlap), but does with both
     * arrays at offset 0. So a long row of a rank-1 update — {@code x = h} at offset 0, {@code y} a row
     * of {@code W} — is copied to a per-thread buffer, updated there and copied back (the copies are
     * vectorised too): 3.5× faster on this machine, the same bits.
     */
    @Override
    public void axpyScaled(float alpha, float s, float[] x, int xo, float[] y, int yo, int len) {
        if (xo != 0 || yo == 0 || len < ROW_MIN || len > ROW_MAX || x == y) {
            for (int p = 0; p < len; p++) {
                y[yo + p] += alpha * (s * x[xo + p]);
            }
            return;
        }
        float[] t = ROW.get();
        if (t.length < len) {
            t = new float[len];                                          // once per thread and longer row
            ROW.set(t);
        }
        System.arraycopy(y, yo, t, 0, len);
        for (int p = 0; p < len; p++) {
            t[p] += alpha * (s * x[p]);                                  // t = W(i, :), both at offset 0
        }
        System.arraycopy(t, 0, y, yo, len);
    }

    @Override
    public void axpyTimes(float[] w, int wo, float[] x, int xo, float[] y, int yo, int len) {
        for (int p = 0; p < len; p++) {
            y[yo + p] += w[wo + p] * x[xo + p];
        }
    }

    @Override
    public void matvec(float[] w, float[] x, float[] y, int r0, int r1, int cols, float alpha) {
        for (int i = r0; i < r1; i++) {
            y[i] += alpha * dot(w, i * cols, x, 0, cols);
        }
    }

    /** Row by row: the updated row is still in L1 when its dot product reads it. */
    @Override
    public void matvecUpdate(float[] w, float[] x, float[] y, int r0, int r1, int cols, float alpha,
                             float rate, float[] g, float[] u) {
        for (int i = r0; i < r1; i++) {
            axpyScaled(rate, g[i], u, 0, w, i * cols, cols);
            y[i] += alpha * dot(w, i * cols, x, 0, cols);
        }
    }

    @Override
    public void biasActivate(float[] z, float[] a, int o, float[] bias, int bo, int len, FusedActivation f) {
        f.biasThenApply(z, a, o, bias, bo, len);
    }

    @Override
    public void sigmoid(float[] z, float[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            a[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
        }
    }

    @Override
    public float maxAbs(float[] a, int from, int len) {
        float m = 0f;
        for (int i = from; i < from + len; i++) {
            m = Math.max(m, Math.abs(a[i]));                // NaN stays NaN
        }
        return m;
    }
}
