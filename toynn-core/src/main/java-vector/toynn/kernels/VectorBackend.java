package toynn.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@code jdk.incubator.vector} (Vector API) path: the CPU's preferred vector width (8 floats
 * with AVX2, 16 with AVX-512) and fused multiply–add. Loaded by name from {@link Kernels} only when the module is in the boot layer, so
 * the rest of the library never links against the incubator module.
 *
 * <p>The micro-kernel keeps a 6 × 2L tile of {@code C} (6×16 with AVX2, 6×32 with AVX-512) in
 * twelve vector registers and streams one packed column of {@code A} (six broadcasts) and one packed
 * row of {@code B} (two loads) per step of {@code k}: 12 FMAs per 8 loads, and with the 16 AVX2
 * registers the largest tile that does not spill.
 */
final class VectorBackend implements Backend {
    /** The CPU's preferred width: 8 floats (AVX2) or 16 (AVX-512); wider ones are capped at 16. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() > 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;
    /**
     * Rows of the register tile: 6 for both widths. Taller tiles for the 32 AVX-512 registers (8, 10,
     * 12 and 14 × 2L, 8 × 3L) were measured on Zen 5 with JDK 25 and were no faster — the 6 × 2L tile
     * already runs within ~8% of OpenBLAS's single-core rate — and 12 × 2L and 8 × 3L were slower.
     */
    private static final int MR = 6;

    /** Whether this CPU runs at least 8-float vectors natively (otherwise the scalar path is faster). */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.length() >= 8;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public String name() {
        return "vector";
    }

    /**
     * A whole tile goes straight to {@link #fullTile}; an edge tile is summed by the same code into
     * {@code tile} filled with −0 (the exact identity of addition, so {@code tile} = acc exactly) and its
     * valid corner added as {@code C += α·acc} with one rounding, as a whole tile adds it. The branch
     * lives here, not in the kernel: when HotSpot first meets an edge tile late it recompiles this small
     * method, not the large one.
     */
    @Override
    public void microKernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                            float alpha, int mr, int nr, float[] tile) {
        if (mr == MR && nr == NR) {
            fullTile(kc, ap, ao, 1, MR, bp, bo, c, co, ldc, alpha);
            return;
        }
        java.util.Arrays.fill(tile, 0, MR * NR, -0f);
        fullTile(kc, ap, ao, 1, MR, bp, bo, tile, 0, NR, 1f);
        for (int r = 0; r < mr; r++) {
            int cr = co + r * ldc;
            for (int j = 0; j < nr; j++) {
                c[cr + j] = Math.fma(alpha, tile[r * NR + j], c[cr + j]);
            }
        }
    }

    /**
     * One whole panel of rows: with 784 × 128 weights the transposed tiles took 22–27% less time than
     * the dot tiles from 32 to 80 rows (Zen 5, 16-float vectors), the same at 24, and more below.
     */
    @Override
    public int transposedMinRows() {
        return NR;
    }

    @Override
    public void microKernelInPlace(int kc, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                                   float alpha, float[] tile) {
        fullTile(kc, a, ao, lda, 1, bp, bo, c, co, ldc, alpha);
    }

    @Override
    public void microKernelRows(int kc, float[] a, int ao, int lda, float[] bp, int bo, float[] tile) {
        java.util.Arrays.fill(tile, 0, MR * NR, -0f);
        fullTile(kc, a, ao, lda, 1, bp, bo, tile, 0, NR, 1f);
    }

    /**
     * {@code C[MR × NR] += α·A·Bpanel}, the whole register tile, with one rounding per element. Row
     * {@code r} of A at step {@code p} is {@code ap[ao + r·rs + p·ps]}: a packed panel ({@code rs = 1},
     * {@code ps = MR}) or six rows read in place ({@code rs} = their stride, {@code ps = 1}).
     */
    private static void fullTile(int kc, float[] ap, int ao, int rs, int ps, float[] bp, int bo, float[] c, int co,
                                 int ldc, float alpha) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int a = ao;
        int b = bo;
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        int r4 = 4 * rs;
        int r5 = 5 * rs;
        for (int p = 0; p < kc; p++, a += ps, b += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);            // B(p, 0..L)
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);        // B(p, L..2L)
            FloatVector av = FloatVector.broadcast(S, ap[a]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[a + rs]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[a + r2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[a + r3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[a + r4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[a + r5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        // C += α·acc with one rounding, written out (no helper taking vectors: a call that is not
        // inlined would box them).
        FloatVector al = FloatVector.broadcast(S, alpha);
        int o0 = co;
        c00.fma(al, FloatVector.fromArray(S, c, o0)).intoArray(c, o0);
        c01.fma(al, FloatVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        int o1 = co + ldc;
        c10.fma(al, FloatVector.fromArray(S, c, o1)).intoArray(c, o1);
        c11.fma(al, FloatVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        int o2 = co + 2 * ldc;
        c20.fma(al, FloatVector.fromArray(S, c, o2)).intoArray(c, o2);
        c21.fma(al, FloatVector.fromArray(S, c, o2 + L)).intoArray(c, o2 + L);
        int o3 = co + 3 * ldc;
        c30.fma(al, FloatVector.fromArray(S, c, o3)).intoArray(c, o3);
        c31.fma(al, FloatVector.fromArray(S, c, o3 + L)).intoArray(c, o3 + L);
        int o4 = co + 4 * ldc;
        c40.fma(al, FloatVector.fromArray(S, c, o4)).intoArray(c, o4);
        c41.fma(al, FloatVector.fromArray(S, c, o4 + L)).intoArray(c, o4 + L);
        int o5 = co + 5 * ldc;
        c50.fma(al, FloatVector.fromArray(S, c, o5)).intoArray(c, o5);
        c51.fma(al, FloatVector.fromArray(S, c, o5 + L)).intoArray(c, o5 + L);
    }

    /** A whole tile goes to {@link #fullDotTile}; an edge tile one dot product per element (same sums). */
    @Override
    public void dotTile(float[] a, int i0, int mr, float[] b, int j0, int nr, int k, float[] c, int ldc, float alpha) {
        if (mr == DR && nr == DC) {
            fullDotTile(a, i0, b, j0, k, c, ldc, alpha);
            return;
        }
        for (int i = i0; i < i0 + mr; i++) {
            for (int j = j0; j < j0 + nr; j++) {
                c[i * ldc + j] = Math.fma(alpha, dot(a, i * k, b, j * k, k), c[i * ldc + j]);
            }
        }
    }

    /** Two rows of A by four rows of B: eight vector accumulators, each load of B feeds two FMAs. */
    private static void fullDotTile(float[] a, int i0, float[] b, int j0, int k, float[] c, int ldc, float alpha) {
        int a0 = i0 * k;
        int a1 = a0 + k;
        int b0 = j0 * k;
        int b1 = b0 + k;
        int b2 = b1 + k;
        int b3 = b2 + k;
        FloatVector s00 = FloatVector.zero(S);
        FloatVector s01 = s00;
        FloatVector s02 = s00;
        FloatVector s03 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s12 = s00;
        FloatVector s13 = s00;
        int bound = S.loopBound(k);
        int p = 0;
        for (; p < bound; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector w = FloatVector.fromArray(S, b, b0 + p);
            s00 = x0.fma(w, s00);
            s10 = x1.fma(w, s10);
            w = FloatVector.fromArray(S, b, b1 + p);
            s01 = x0.fma(w, s01);
            s11 = x1.fma(w, s11);
            w = FloatVector.fromArray(S, b, b2 + p);
            s02 = x0.fma(w, s02);
            s12 = x1.fma(w, s12);
            w = FloatVector.fromArray(S, b, b3 + p);
            s03 = x0.fma(w, s03);
            s13 = x1.fma(w, s13);
        }
        // The eight lane sums at once, each in sumLanes' pairwise order (same bits as dot): eight inlined
        // sumLanes grew past C2's inlining budget and boxed a vector on every step of k.
        FloatVector f = combine(
                combine(combine(s00, s01, HALF, SWAP_HALF), combine(s02, s03, HALF, SWAP_HALF), QUARTER, SWAP_QUARTER),
                combine(combine(s10, s11, HALF, SWAP_HALF), combine(s12, s13, HALF, SWAP_HALF), QUARTER, SWAP_QUARTER),
                EIGHTH, SWAP_EIGHTH);                               // groups of L/8 lanes: s00 s10 s02 s12 s01 s11 s03 s13
        if (L == 16) {
            f = f.add(f.rearrange(SWAP_SIXTEENTH));
        }
        int g = L / 8;
        int c0 = i0 * ldc + j0;
        int c1 = c0 + ldc;
        c[c0] = Math.fma(alpha, tail(f.lane(0), a, a0, b, b0, p, k), c[c0]);
        c[c0 + 1] = Math.fma(alpha, tail(f.lane(4 * g), a, a0, b, b1, p, k), c[c0 + 1]);
        c[c0 + 2] = Math.fma(alpha, tail(f.lane(2 * g), a, a0, b, b2, p, k), c[c0 + 2]);
        c[c0 + 3] = Math.fma(alpha, tail(f.lane(6 * g), a, a0, b, b3, p, k), c[c0 + 3]);
        c[c1] = Math.fma(alpha, tail(f.lane(g), a, a1, b, b0, p, k), c[c1]);
        c[c1 + 1] = Math.fma(alpha, tail(f.lane(5 * g), a, a1, b, b1, p, k), c[c1 + 1]);
        c[c1 + 2] = Math.fma(alpha, tail(f.lane(3 * g), a, a1, b, b2, p, k), c[c1 + 2]);
        c[c1 + 3] = Math.fma(alpha, tail(f.lane(7 * g), a, a1, b, b3, p, k), c[c1 + 3]);
    }

    /**
     * The lane sums of four accumulators at once, each in {@link #sumLanes}' pairwise order (the bits of
     * {@link #dot}): {@code s0} in lane 0, {@code s2} in lane L/4, {@code s1} in L/2, {@code s3} in 3L/4.
     * Four inlined sumLanes grew past C2's inlining budget on Java 17 and boxed a vector per step.
     */
    private static FloatVector fourSums(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3) {
        FloatVector f = combine(combine(s0, s1, HALF, SWAP_HALF), combine(s2, s3, HALF, SWAP_HALF), QUARTER, SWAP_QUARTER);
        f = f.add(f.rearrange(SWAP_EIGHTH));                        // groups of L/4 lanes: s0, s2, s1, s3
        if (L == 16) {
            f = f.add(f.rearrange(SWAP_SIXTEENTH));
        }
        return f;
    }

    /**
     * One level of {@link #sumLanes} for two vectors at once. In every block of {@code 2h} lanes, the
     * first {@code h} lanes of the result are {@code v[j] + v[j+h]} of that block and the last {@code h}
     * are {@code w[j] + w[j+h]} — the pairs sumLanes adds, so repeated levels give each accumulator's
     * lane sum with its bits, for half the work of folding them one by one.
     */
    private static FloatVector combine(FloatVector v, FloatVector w, VectorMask<Float> upper, VectorShuffle<Float> swap) {
        FloatVector kept = v.blend(w, upper);                   // v's lower h, w's upper h of each block
        FloatVector moved = w.blend(v, upper).rearrange(swap);  // v's upper h, w's lower h, swapped into place
        return kept.add(moved);
    }

    /** The lanes whose index has bit {@code h} set: the upper {@code h} of every block of {@code 2h}. */
    private static VectorMask<Float> upper(int h) {
        boolean[] bits = new boolean[L];
        for (int j = 0; j < L; j++) {
            bits[j] = (j & h) != 0;
        }
        return VectorMask.fromArray(S, bits, 0);
    }

    /** Lane j takes lane {@code j xor h}: the two halves of every block of {@code 2h} lanes swap. */
    private static VectorShuffle<Float> swap(int h) {
        return VectorShuffle.fromOp(S, j -> j ^ h);
    }

    private static final VectorMask<Float> HALF = upper(L / 2);
    private static final VectorMask<Float> QUARTER = upper(L / 4);
    private static final VectorMask<Float> EIGHTH = upper(L / 8);
    private static final VectorShuffle<Float> SWAP_HALF = swap(L / 2);
    private static final VectorShuffle<Float> SWAP_QUARTER = swap(L / 4);
    private static final VectorShuffle<Float> SWAP_EIGHTH = swap(L / 8);
    private static final VectorShuffle<Float> SWAP_SIXTEENTH = swap(Math.max(1, L / 16));

    /**
     * The sum of the lanes in a fixed order: the upper half added onto the lower half, repeatedly
     * (lane {@code j} + lane {@code j + L/2}, then {@code + L/4}, …). {@code reduceLanes(ADD)} leaves the
     * order to the implementation, and the interpreter's order differs from the JIT-compiled one, so a
     * result would depend on when HotSpot compiled the kernel; this one does not.
     */
    private static float sumLanes(FloatVector v) {
        if (L == 16) {
            v = v.add(v.rearrange(FOLD_8));             // lanes j < 8: v[j] + v[j + 8]
        }
        v = v.add(v.rearrange(FOLD_4));                 // j < 4: v[j] + v[j + 4]
        v = v.add(v.rearrange(FOLD_2));
        v = v.add(v.rearrange(FOLD_1));
        return v.lane(0);
    }

    /** Lane j takes lane j + h (wrapping); only the lanes below h are used. */
    private static VectorShuffle<Float> fold(int h) {
        return VectorShuffle.fromOp(S, j -> (j + h) % L);
    }

    private static final VectorShuffle<Float> FOLD_8 = fold(8);
    private static final VectorShuffle<Float> FOLD_4 = fold(4);
    private static final VectorShuffle<Float> FOLD_2 = fold(2);
    private static final VectorShuffle<Float> FOLD_1 = fold(1);

    /** Finishes a dot product past the last full vector, as {@link #dot} does. */
    private static float tail(float s, float[] x, int xo, float[] y, int yo, int p, int len) {
        for (; p < len; p++) {
            s = Math.fma(x[xo + p], y[yo + p], s);
        }
        return s;
    }

    @Override
    public float dot(float[] x, int xo, float[] y, int yo, int len) {
        FloatVector acc = FloatVector.zero(S);
        int bound = S.loopBound(len);
        int p = 0;
        for (; p < bound; p += L) {
            acc = FloatVector.fromArray(S, x, xo + p).fma(FloatVector.fromArray(S, y, yo + p), acc);
        }
        float s = sumLanes(acc);
        for (; p < len; p++) {
            s = Math.fma(x[xo + p], y[yo + p], s);
        }
        return s;
    }

    /**
     * Rounds like the scalar {@code y += α·x} (product, then sum), not fused: it is memory-bound, so
     * FMA would buy nothing, and this way both paths give the same bits, and the batch form of a
     * one-sample step reproduces {@code NeuralNetwork.train} exactly (GUIDE.md §2).
     */
    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int len) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        int bound = S.loopBound(len);
        int p = 0;
        for (; p < bound; p += L) {
            FloatVector.fromArray(S, x, xo + p).mul(al).add(FloatVector.fromArray(S, y, yo + p)).intoArray(y, yo + p);
        }
        for (; p < len; p++) {
            y[yo + p] += alpha * x[xo + p];
        }
    }

    @Override
    public void axpyScaled(float alpha, float s, float[] x, int xo, float[] y, int yo, int len) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        FloatVector sv = FloatVector.broadcast(S, s);
        int bound = S.loopBound(len);
        int p = 0;
        for (; p < bound; p += L) {
            FloatVector.fromArray(S, x, xo + p).mul(sv).mul(al).add(FloatVector.fromArray(S, y, yo + p)).intoArray(y, yo + p);
        }
        for (; p < len; p++) {
            y[yo + p] += alpha * (s * x[xo + p]);
        }
    }

    @Override
    public void axpyTimes(float[] w, int wo, float[] x, int xo, float[] y, int yo, int len) {
        int bound = S.loopBound(len);
        int p = 0;
        for (; p < bound; p += L) {
            FloatVector.fromArray(S, w, wo + p).fma(FloatVector.fromArray(S, x, xo + p), FloatVector.fromArray(S, y, yo + p))
                    .intoArray(y, yo + p);
        }
        for (; p < len; p++) {
            y[yo + p] = Math.fma(w[wo + p], x[xo + p], y[yo + p]);
        }
    }

    /** Four rows at a time share each load of {@code x}; every row sums exactly as {@link #dot} does. */
    @Override
    public void matvec(float[] w, float[] x, float[] y, int r0, int r1, int cols, float alpha) {
        int bound = S.loopBound(cols);
        int i = r0;
        for (; i + 3 < r1; i += 4) {
            int o0 = i * cols;
            int o1 = o0 + cols;
            int o2 = o1 + cols;
            int o3 = o2 + cols;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            int p = 0;
            for (; p < bound; p += L) {
                FloatVector xv = FloatVector.fromArray(S, x, p);
                s0 = FloatVector.fromArray(S, w, o0 + p).fma(xv, s0);
                s1 = FloatVector.fromArray(S, w, o1 + p).fma(xv, s1);
                s2 = FloatVector.fromArray(S, w, o2 + p).fma(xv, s2);
                s3 = FloatVector.fromArray(S, w, o3 + p).fma(xv, s3);
            }
            FloatVector f = fourSums(s0, s1, s2, s3);
            float d0 = f.lane(0);
            float d2 = f.lane(L / 4);
            float d1 = f.lane(L / 2);
            float d3 = f.lane(3 * L / 4);
            for (; p < cols; p++) {
                float xp = x[p];
                d0 = Math.fma(w[o0 + p], xp, d0);
                d1 = Math.fma(w[o1 + p], xp, d1);
                d2 = Math.fma(w[o2 + p], xp, d2);
                d3 = Math.fma(w[o3 + p], xp, d3);
            }
            y[i] = Math.fma(alpha, d0, y[i]);
            y[i + 1] = Math.fma(alpha, d1, y[i + 1]);
            y[i + 2] = Math.fma(alpha, d2, y[i + 2]);
            y[i + 3] = Math.fma(alpha, d3, y[i + 3]);
        }
        for (; i < r1; i++) {
            y[i] = Math.fma(alpha, dot(w, i * cols, x, 0, cols), y[i]);
        }
    }

    /**
     * {@link #matvec}'s four-row sweep with {@link #axpyScaled}'s update folded in: each vector of a row
     * is updated, stored, and multiplied by {@code x} while it is in a register, so {@code W} crosses the
     * cache once per sample instead of twice (T1's 200 KB first layer: ~1.3 µs less per sample).
     */
    @Override
    public void matvecUpdate(float[] w, float[] x, float[] y, int r0, int r1, int cols, float alpha,
                             float rate, float[] g, float[] u) {
        int bound = S.loopBound(cols);
        FloatVector al = FloatVector.broadcast(S, rate);
        int i = r0;
        for (; i + 3 < r1; i += 4) {
            int o0 = i * cols;
            int o1 = o0 + cols;
            int o2 = o1 + cols;
            int o3 = o2 + cols;
            FloatVector g0 = FloatVector.broadcast(S, g[i]);
            FloatVector g1 = FloatVector.broadcast(S, g[i + 1]);
            FloatVector g2 = FloatVector.broadcast(S, g[i + 2]);
            FloatVector g3 = FloatVector.broadcast(S, g[i + 3]);
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            int p = 0;
            for (; p < bound; p += L) {
                FloatVector xv = FloatVector.fromArray(S, x, p);
                FloatVector uv = FloatVector.fromArray(S, u, p);
                FloatVector w0 = uv.mul(g0).mul(al).add(FloatVector.fromArray(S, w, o0 + p));   // W += rate·(g·u)
                w0.intoArray(w, o0 + p);
                s0 = w0.fma(xv, s0);                                                         // then W·x
                FloatVector w1 = uv.mul(g1).mul(al).add(FloatVector.fromArray(S, w, o1 + p));
                w1.intoArray(w, o1 + p);
                s1 = w1.fma(xv, s1);
                FloatVector w2 = uv.mul(g2).mul(al).add(FloatVector.fromArray(S, w, o2 + p));
                w2.intoArray(w, o2 + p);
                s2 = w2.fma(xv, s2);
                FloatVector w3 = uv.mul(g3).mul(al).add(FloatVector.fromArray(S, w, o3 + p));
                w3.intoArray(w, o3 + p);
                s3 = w3.fma(xv, s3);
            }
            FloatVector f = fourSums(s0, s1, s2, s3);
            float d0 = f.lane(0);
            float d2 = f.lane(L / 4);
            float d1 = f.lane(L / 2);
            float d3 = f.lane(3 * L / 4);
            float h0 = g[i];
            float h1 = g[i + 1];
            float h2 = g[i + 2];
            float h3 = g[i + 3];
            for (; p < cols; p++) {
                float xp = x[p];
                float up = u[p];
                w[o0 + p] += rate * (h0 * up);
                w[o1 + p] += rate * (h1 * up);
                w[o2 + p] += rate * (h2 * up);
                w[o3 + p] += rate * (h3 * up);
                d0 = Math.fma(w[o0 + p], xp, d0);
                d1 = Math.fma(w[o1 + p], xp, d1);
                d2 = Math.fma(w[o2 + p], xp, d2);
                d3 = Math.fma(w[o3 + p], xp, d3);
            }
            y[i] = Math.fma(alpha, d0, y[i]);
            y[i + 1] = Math.fma(alpha, d1, y[i + 1]);
            y[i + 2] = Math.fma(alpha, d2, y[i + 2]);
            y[i + 3] = Math.fma(alpha, d3, y[i + 3]);
        }
        for (; i < r1; i++) {
            axpyScaled(rate, g[i], u, 0, w, i * cols, cols);
            y[i] = Math.fma(alpha, dot(w, i * cols, x, 0, cols), y[i]);
        }
    }

    /** Bias and identity or ReLU vector by vector (the same bits as scalar: one add, an exact max); others per value. */
    @Override
    public void biasActivate(float[] z, float[] a, int o, float[] bias, int bo, int len, FusedActivation f) {
        if (f != FusedActivation.IDENTITY && f != FusedActivation.RELU) {
            f.biasThenApply(z, a, o, bias, bo, len);
            return;
        }
        boolean keepZ = z != a;
        int bound = S.loopBound(len);
        int j = 0;
        if (f == FusedActivation.RELU) {                    // separate loops: no vector crosses a merge (it would be boxed)
            FloatVector zero = FloatVector.zero(S);
            for (; j < bound; j += L) {
                FloatVector v = FloatVector.fromArray(S, z, o + j).add(FloatVector.fromArray(S, bias, bo + j));
                if (keepZ) {
                    v.intoArray(z, o + j);
                }
                v.max(zero).intoArray(a, o + j);
            }
        } else {
            for (; j < bound; j += L) {
                FloatVector v = FloatVector.fromArray(S, z, o + j).add(FloatVector.fromArray(S, bias, bo + j));
                v.intoArray(a, o + j);
                if (keepZ) {
                    v.intoArray(z, o + j);
                }
            }
        }
        f.biasThenApply(z, a, o + j, bias, bo + j, len - j);
    }

    /**
     * {@code 1/(1 + e^(−z))} in float32 vector arithmetic: {@code e^x} by Cephes' {@code expf} (a
     * degree-7 polynomial on {@code |r| ≤ ln2/2} after {@code x = n·ln2 + r}, about 1 ulp), the
     * argument clamped to [−87, 88] so {@code 2^n} stays a normal float (the ends give 1 and ~0, as
     * the exact function rounds there; NaN stays NaN). Only IEEE operations — fused multiply–add,
     * add, multiply, divide, min, max, conversions — so the interpreted and the compiled code give
     * the same bits ({@code lanewise(EXP)} does not: its intrinsic and its Java fallback differ in
     * the last bit: 17 of 4,096 values, so results depended on when the JIT compiled it). About ten
     * times faster than {@code Math.exp} per value; {@link #sigmoid(float)} is the same steps for one value.
     */
    @Override
    public void sigmoid(float[] z, float[] a, int off, int len) {
        int bound = off + S.loopBound(len);
        int i = off;
        for (; i < bound; i += L) {
            sigmoid(FloatVector.fromArray(S, z, i)).intoArray(a, i);
        }
        for (; i < off + len; i++) {
            a[i] = sigmoid(z[i]);
        }
    }

    private static final float EXP_LO = -87f;
    private static final float EXP_HI = 88f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float ROUND = 12582912f;                 // 1.5·2^23: v + ROUND − ROUND rounds v to an integer
    private static final float LN2_HI = 0.693359375f;             // ln 2 = LN2_HI − LN2_LO, LN2_HI exact in 10 bits
    private static final float LN2_LO = 2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    /** One vector of {@link #sigmoid(float[], float[], int, int)}. */
    private static FloatVector sigmoid(FloatVector z) {
        FloatVector x = z.neg().max(EXP_LO).min(EXP_HI);                     // e^x with x = −z
        FloatVector round = FloatVector.broadcast(S, ROUND);
        FloatVector n = x.mul(LOG2E).add(round).sub(round);                  // n = round(x·log2 e)
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), x).add(n.mul(LN2_LO));   // r = x − n·ln 2
        FloatVector p = r.mul(P0).add(P1);
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        FloatVector e = p.fma(r.mul(r), r).add(1f);                          // e^r = p·r² + r + 1
        FloatVector scale = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();                                       // 2^n
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(one.add(e.mul(scale)));
    }

    /** The steps of {@link #sigmoid(FloatVector)} for one value, each the same IEEE operation, so the same bits. */
    private static float sigmoid(float z) {
        float x = Math.min(Math.max(-z, EXP_LO), EXP_HI);
        float n = x * LOG2E + ROUND - ROUND;
        float r = Math.fma(n, -LN2_HI, x) + n * LN2_LO;
        float p = r * P0 + P1;
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float e = Math.fma(p, r * r, r) + 1f;
        float scale = Float.intBitsToFloat(((int) n + 127) << 23);
        return 1f / (1f + e * scale);
    }

    /**
     * Four running maxima of {@code |a|} (a lane-wise max keeps a NaN, as {@link Math#max} does): 3.4 times
     * faster than the scalar loop over a 128 × 784 weight matrix (7 against 24 µs), which
     * {@code fit} re-reads after every batch when a listener may have changed the weights.
     */
    @Override
    public float maxAbs(float[] a, int from, int len) {
        FloatVector m0 = FloatVector.zero(S);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        int i = from;
        int end = from + len;
        for (; i <= end - 4 * L; i += 4 * L) {
            m0 = m0.max(FloatVector.fromArray(S, a, i).abs());
            m1 = m1.max(FloatVector.fromArray(S, a, i + L).abs());
            m2 = m2.max(FloatVector.fromArray(S, a, i + 2 * L).abs());
            m3 = m3.max(FloatVector.fromArray(S, a, i + 3 * L).abs());
        }
        float m = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        for (; i < end; i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return m;
    }
}
