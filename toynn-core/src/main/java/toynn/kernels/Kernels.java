package toynn.kernels;

/**
 * The float32 matrix kernels the layers call, over contiguous row-major arrays.
 * Every product has the BLAS form {@code C = α·op(A)·op(B) + β·C}; with {@code β = 0} the old
 * contents of {@code C} are ignored (even NaN). Arrays are never resized or allocated here.
 *
 * <p>Shapes are given as the logical sizes of the product: {@code C} is {@code (m, n)}, the shared
 * dimension is {@code k}.
 */
public final class Kernels {
    private Kernels() {
    }

    /** {@code C(m,n) = α·A(m,k)·B(n,k)ᵀ + β·C} — the forward pass {@code Z = X·Wᵀ}. */
    public static void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, float alpha, float beta) {
        for (int i = 0; i < m; i++) {
            int ao = i * k;
            int co = i * n;
            for (int j = 0; j < n; j++) {
                int bo = j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[ao + p] * b[bo + p];
                }
                c[co + j] = beta == 0f ? alpha * s : alpha * s + beta * c[co + j];
            }
        }
    }

    /** {@code C(m,n) = α·A(k,m)ᵀ·B(k,n) + β·C} — the weight gradient {@code dW = dZᵀ·X}. */
    public static void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, float alpha, float beta) {
        scale(c, m * n, beta);
        for (int p = 0; p < k; p++) {
            int ao = p * m;
            int bo = p * n;
            for (int i = 0; i < m; i++) {
                float av = alpha * a[ao + i];
                if (av == 0f) {
                    continue;
                }
                int co = i * n;
                for (int j = 0; j < n; j++) {
                    c[co + j] += av * b[bo + j];
                }
            }
        }
    }

    /** {@code C(m,n) = α·A(m,k)·B(k,n) + β·C} — the error passed back {@code dX = dZ·W}. */
    public static void gemmAB(float[] a, float[] b, float[] c, int m, int k, int n, float alpha, float beta) {
        scale(c, m * n, beta);
        for (int i = 0; i < m; i++) {
            int ao = i * k;
            int co = i * n;
            for (int p = 0; p < k; p++) {
                float av = alpha * a[ao + p];
                if (av == 0f) {
                    continue;
                }
                int bo = p * n;
                for (int j = 0; j < n; j++) {
                    c[co + j] += av * b[bo + j];
                }
            }
        }
    }

    /** {@code Z(rows,cols) += b} on every row. */
    public static void addRowVector(float[] z, float[] b, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) {
                z[o + j] += b[j];
            }
        }
    }

    /** {@code s(cols) = α·Σ_rows Z + β·s}: column sums, for bias gradients. */
    public static void columnSums(float[] z, float[] s, int rows, int cols, float alpha, float beta) {
        for (int j = 0; j < cols; j++) {
            s[j] = beta == 0f ? 0f : beta * s[j];
        }
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) {
                s[j] += alpha * z[o + j];
            }
        }
    }

    private static void scale(float[] c, int len, float beta) {
        if (beta == 0f) {
            java.util.Arrays.fill(c, 0, len, 0f);
        } else if (beta != 1f) {
            for (int i = 0; i < len; i++) {
                c[i] *= beta;
            }
        }
    }
}
