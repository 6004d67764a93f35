package toynn.kernels;

/**
 * The inner loops that differ between the plain-Java path and the Vector API path. Everything
 * around them — argument checks, β scaling, packing, blocking, threading — is shared
 * ({@link KernelEngine}, {@link Kernels}), so both paths follow the same summation order per output and
 * differ only in rounding (the Vector API path uses fused multiply–add).
 *
 * <p>Micro-kernel contract: {@code ap} holds an {@code MR × kc} panel of {@code A} packed
 * k-major ({@code ap[ao + p·MR + r]}, {@code MR = mr()}), {@code bp} a {@code kc × NR} panel of {@code B}
 * ({@code bp[bo + p·NR + j]}, {@code NR = nr()}), both zero-padded. The kernel forms {@code acc = Σ_p a·b} starting
 * from zero in order of {@code p}, then adds {@code α·acc} to the {@code mr × nr} valid corner of
 * {@code C} (row stride {@code ldc}) with one rounding per element.
 */
interface Backend {
    /**
     * Rows of the register tile (the height of the packed panels of {@code A}); with {@link #nr()} the
     * backend sizes the tile to the CPU's vector registers. The engine rounds its blocks to multiples of both.
     */
    int mr();

    /** Columns of the register tile (two vectors: 16 with AVX2, 32 with AVX-512); panels of B are this wide. */
    int nr();

    /** Rows of {@code A} per dot-product tile. */
    int DR = 2;
    /** Rows of {@code B} per dot-product tile. */
    int DC = 4;

    /** A short name for messages and benchmarks: "vector" or "scalar". */
    String name();

    /** {@code C[mr × nr corner] += α · Apanel · Bpanel}. */
    void microKernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                     float alpha, int mr, int nr, float[] tile);   // tile: mr()·nr() floats of scratch

    /**
     * {@link #microKernel} for a whole {@code MR × NR} tile with the rows of A read in place: row
     * {@code r} at step {@code p} is {@code a[ao + r·lda + p]} — the same sums, no packing of A.
     */
    void microKernelInPlace(int kc, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                            float alpha, float[] tile);

    /**
     * {@code tile[MR × NR] = A·Bpanel} exactly (no α, no C: the caller adds the tile where it belongs),
     * with the rows of A read in place: row {@code r} at step {@code p} is {@code a[ao + r·lda + p]}.
     * All {@link #mr()} rows must exist. Each element is summed over {@code p} in order, as
     * {@link #microKernel} sums it.
     */
    void microKernelRows(int kc, float[] a, int ao, int lda, float[] bp, int bo, float[] tile);

    /**
     * From this many rows of {@code X} (and up to the dot tiles' limit), {@code X·Wᵀ} is summed by
     * {@link #microKernelRows} over the transposed product instead of by dot-product tiles.
     */
    int transposedMinRows();

    /**
     * Dot-product tile for {@code C = α·A·Bᵀ + C} without packing: rows {@code A(i0..i0+mr)} and
     * {@code B(j0..j0+nr)} (both contiguous in {@code k}), {@code mr ≤ DR}, {@code nr ≤ DC}. Every
     * element gives exactly {@code C(i,j) = fma(α, dot(A_i, B_j), C(i,j))} with {@link #dot}'s rounding.
     */
    void dotTile(float[] a, int i0, int mr, float[] b, int j0, int nr, int k, float[] c, int ldc, float alpha);

    /**
     * {@code Σ_p x[xo+p]·y[yo+p]} for {@code p < len}, in one fixed order per backend (partial sums over
     * lanes, then the lanes pairwise), the same whether or not HotSpot has compiled the code yet.
     */
    float dot(float[] x, int xo, float[] y, int yo, int len);

    /** {@code y[yo..yo+len) += α·x[xo..xo+len)}, rounded as {@code y + (α·x)} on every path. */
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int len);

    /**
     * {@code y[yo+p] += α·(s·x[xo+p])}, rounded in that order on every path: one row of a rank-1
     * update {@code W += α·(x·yᵀ)}, where SGD's {@code w − lr·dW} after {@code dW = dZᵀ·X} rounds the same way.
     */
    void axpyScaled(float alpha, float s, float[] x, int xo, float[] y, int yo, int len);

    /** {@code y[yo+p] += w[wo+p]·x[xo+p]} for {@code p < len} (element-wise product, accumulated). */
    void axpyTimes(float[] w, int wo, float[] x, int xo, float[] y, int yo, int len);

    /**
     * {@code y[i] = α · W(i,:)·x + y[i]} for rows {@code i} in {@code [r0, r1)}; {@code W} is
     * row-major with {@code cols} columns. Each row gives the same result as {@link #dot}.
     */
    void matvec(float[] w, float[] x, float[] y, int r0, int r1, int cols, float alpha);

    /**
     * One sweep over {@code W} for a one-sample training step whose previous update is still pending:
     * for rows {@code i} in {@code [r0, r1)}, first {@code W(i,:) += rate·(g[i]·u)} rounded as
     * {@link #axpyScaled}, then {@code y[i] = α·W(i,:)·x + y[i]} with the updated row, as {@link #matvec}
     * computes it — the same bits as the two calls one after another, with {@code W} read once.
     */
    void matvecUpdate(float[] w, float[] x, float[] y, int r0, int r1, int cols, float alpha,
                      float rate, float[] g, float[] u);

    /**
     * The dense layer's epilogue on one row segment of the product, while it is still in cache:
     * {@code z[o+j] = z[o+j] + bias[bo+j]} (one rounding, as a separate bias pass would give), then
     * {@code a[o+j] = f(z[o+j])} exactly as {@link FusedActivation#apply} computes it, for {@code j < len};
     * {@code a} may be {@code z}.
     */
    void biasActivate(float[] z, float[] a, int o, float[] bias, int bo, int len, FusedActivation f);

    /** {@code a[i] = σ(z[i]) = 1/(1+e^(−z[i]))}, {@code i < len}; {@code a} may be {@code z}. */
    void sigmoid(float[] z, float[] a, int off, int len);

    /**
     * {@code max |a[from+i]|} over {@code i < len}, 0 when {@code len = 0}; NaN when any value is NaN
     * ({@link Math#max} semantics), so one scan both bounds and checks an array.
     */
    float maxAbs(float[] a, int from, int len);
}
