package toynn.kernels;

/** Naive double-precision references and the float32 error bound the kernels are held to. */
final class Reference {
    private Reference() {
    }

    /** Unit roundoff of float32. */
    static final double U = 0x1.0p-24;

    /** op(A)(i,p) for A stored (m,k), or (k,m) when transposed. */
    static double a(float[] a, boolean t, int m, int k, int i, int p) {
        return t ? a[p * m + i] : a[i * k + p];
    }

    /** op(B)(p,j) for B stored (k,n), or (n,k) when transposed. */
    static double b(float[] b, boolean t, int k, int n, int p, int j) {
        return t ? b[j * k + p] : b[p * n + j];
    }

    /**
     * Checks {@code got} against {@code α·op(A)·op(B) + β·C0} computed in double, element by element,
     * with the worst-case bound for any summation order, γ_{k+2}·(|α|·Σ|a·b| + |β·c0|).
     */
    static void assertGemm(String what, boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b,
                           float beta, float[] c0, float[] got) {
        double gamma = (k + 2) * U / (1 - (k + 2) * U);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double t = a(a, ta, m, k, i, p) * b(b, tb, k, n, p, j);
                    s += t;
                    abs += Math.abs(t);
                }
                double old = beta == 0f ? 0 : beta * (double) c0[i * n + j];
                double expected = alpha * s + old;
                double bound = gamma * (Math.abs(alpha) * abs + Math.abs(old)) + 1e-30;
                double err = Math.abs(got[i * n + j] - expected);
                if (!(err <= bound)) {
                    throw new AssertionError(what + ": C(" + i + "," + j + ") = " + got[i * n + j] + ", expected "
                            + expected + " ± " + bound);
                }
            }
        }
    }

    static float[] random(java.util.Random r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
