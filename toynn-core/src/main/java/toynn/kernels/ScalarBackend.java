package toynn.kernels;

/**
 * Plain-Java loops, the fallback when the {@code jdk.incubator.vector} module is absent (e.g. a
 * Processing sketch). The long inner loops are unit-stride {@code y += a·x} forms, which HotSpot's
 * auto-vectoriser turns into SIMD code on Java 17; dot products sum in order, as the reference
 * loops do (HotSpot does not reorder float sums, so these stay scalar).
 */
final class ScalarBackend implements Backend {
    private static final int MR = 6;
    private static final int NR = 16;

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
        java.util.Arrays.fill(tile, 0, MR * NR, 0f);
        for (int p = 0; p < kc; p++) {
            int bRow = bo + p * NR;
            int aCol = ao + p * MR;
            for (int r = 0; r < MR; r++) {
                float av = ap[aCol + r];
                int t = r * NR;
                for (int j = 0; j < NR; j++) {
                    tile[t + j] += av * bp[bRow + j];        // acc(r, :) += a(r)·b(:)
                }
            }
        }
        for (int r = 0; r < mr; r++) {
            int cr = co + r * ldc;
            int t = r * NR;
            for (int j = 0; j < nr; j++) {
                c[cr + j] += alpha * tile[t + j];
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
     * One sum in order of {@code p}, as the naive loop and exported Java code ({@code toynn.io.JavaExporter})
     * compute it, so the plain path's {@code predict} matches them bit for bit.
     */
    @Override
    public float dot(float[] x, int xo, float[] y, int yo, int len) {
        float s = 0f;
        for (int p = 0; p < len; p++) {
            s += x[xo + p] * y[yo + p];
        }
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int len) {
        for (int p = 0; p < len; p++) {
            y[yo + p] += alpha * x[xo + p];
        }
    }

    @Override
    public void axpyScaled(float alpha, float s, float[] x, int xo, float[] y, int yo, int len) {
        for (int p = 0; p < len; p++) {
            y[yo + p] += alpha * (s * x[xo + p]);
        }
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
}
