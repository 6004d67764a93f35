package toynn.kernels;

/**
 * The element-wise activations {@link Kernels#denseForward} can apply in the product's epilogue,
 * while each output tile is still in cache. Each computes exactly what the matching
 * {@code toynn.ActivationFunction} computes for a float value (same formula, same precision), so a
 * fused forward gives the same bits as the product followed by the activation. Softmax (which
 * couples a row) and custom functions have no code here: fuse the bias with {@link #IDENTITY} and
 * apply them afterwards.
 */
public enum FusedActivation {
    /** {@code f(z) = z}. */
    IDENTITY {
        @Override
        public float apply(float z) {
            return z;
        }
    },
    /** {@code f(z) = max(z, 0)}. */
    RELU {
        @Override
        public float apply(float z) {
            return Math.max(z, 0f);
        }
    },
    /** {@code f(z) = z} for {@code z > 0}, else {@code 0.01·z} (product in double, as the activation). */
    LEAKY_RELU {
        @Override
        public float apply(float z) {
            double x = z;
            return (float) (x > 0 ? x : 0.01 * x);
        }
    },
    /** {@code f(z) = z} for {@code z > 0}, else {@code e^z − 1} (in double, rounded once). */
    ELU {
        @Override
        public float apply(float z) {
            double x = z;
            return (float) (x > 0 ? x : Math.expm1(x));
        }
    },
    /** {@code f(z) = 1/(1+e^(−z))}, in double, rounded once. */
    SIGMOID {
        @Override
        public float apply(float z) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }
    },
    /** {@code f(z) = tanh(z)}, in double, rounded once. */
    TANH {
        @Override
        public float apply(float z) {
            return (float) Math.tanh(z);
        }
    };

    /** {@code f(z)} for one value. */
    public abstract float apply(float z);

    /**
     * The epilogue on one row segment, plain Java: {@code z[o+j] = z[o+j] + bias[bo+j]} (one rounding),
     * then {@code a[o+j] = f(z[o+j])}, for {@code j < len}; {@code a} may be {@code z}.
     */
    void biasThenApply(float[] z, float[] a, int o, float[] bias, int bo, int len) {
        switch (this) {
            case IDENTITY:
                for (int j = 0; j < len; j++) {
                    float v = z[o + j] + bias[bo + j];
                    z[o + j] = v;
                    a[o + j] = v;
                }
                break;
            case RELU:
                for (int j = 0; j < len; j++) {
                    float v = z[o + j] + bias[bo + j];
                    z[o + j] = v;
                    a[o + j] = Math.max(v, 0f);
                }
                break;
            default:
                for (int j = 0; j < len; j++) {
                    float v = z[o + j] + bias[bo + j];
                    z[o + j] = v;
                    a[o + j] = apply(v);
                }
        }
    }
}
