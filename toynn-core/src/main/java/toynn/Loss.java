package toynn;

import java.util.Arrays;
import java.util.Locale;

/**
 * What training minimises, per sample, averaged over a batch. {@code a} is the network's output,
 * {@code t} the target, {@code z} the output layer's weighted sums ({@code a = f(z)}).
 *
 * <ul>
 *   <li>{@link #MSE}: {@code ½ Σ_j (t_j − a_j)²} — the lecture's squared error.</li>
 *   <li>{@link #CROSS_ENTROPY}: {@code −Σ_j t_j log a_j} for softmax outputs and one-hot (or
 *       probability) targets.</li>
 *   <li>{@link #BINARY_CROSS_ENTROPY}: {@code −Σ_j [t_j log a_j + (1 − t_j) log(1 − a_j)]} for
 *       sigmoid outputs and targets in [0, 1].</li>
 * </ul>
 *
 * <p>Fused: cross-entropy after softmax and binary cross-entropy after sigmoid are computed together
 * with their activation — the loss from {@code z} with the log-sum-exp trick (no {@code log 0}), the
 * gradient as {@code dZ = A − T} (for probability targets) without going through the activation's
 * derivative. Any other pairing (e.g. squared error after softmax) takes the general path:
 * {@code dA = ∂loss/∂A}, then the activation's backward.
 */
public enum Loss {
    /** Squared error {@code ½Σ(t − a)²} per sample; {@code dA = A − T}. */
    MSE("mse", null),
    /** Categorical cross-entropy {@code −Σ t log a}; fused with {@link ActivationFunction#SOFTMAX}. */
    CROSS_ENTROPY("cross_entropy", ActivationFunction.SOFTMAX),
    /** Binary cross-entropy per output; fused with {@link ActivationFunction#SIGMOID}. */
    BINARY_CROSS_ENTROPY("binary_cross_entropy", ActivationFunction.SIGMOID);

    /** Outputs are clamped to [EPS, 1 − EPS] inside logarithms on the unfused path (as Keras does). */
    static final double EPS = 1e-7;

    private final String id;
    private final ActivationFunction fused;

    Loss(String id, ActivationFunction fused) {
        this.id = id;
        this.fused = fused;
    }

    /** The name in files and on the command line: {@code "mse"}, {@code "cross_entropy"}, {@code "binary_cross_entropy"}. */
    public String id() {
        return id;
    }

    /**
     * The loss with this name: {@code mse}, {@code cross_entropy}, {@code binary_cross_entropy}
     * (case-insensitive, {@code -} and {@code _} alike; also {@code squared_error}, {@code ce}, {@code bce}).
     *
     * @throws IllegalArgumentException naming the valid names
     */
    public static Loss byName(String name) {
        if (name != null) {
            String key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            switch (key) {
                case "mse", "squared_error" -> {
                    return MSE;
                }
                case "cross_entropy", "categorical_cross_entropy", "categorical_crossentropy", "ce" -> {
                    return CROSS_ENTROPY;
                }
                case "binary_cross_entropy", "binary_crossentropy", "bce" -> {
                    return BINARY_CROSS_ENTROPY;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Loss::id).toList());
    }

    /** The output activation this loss is fused with, or null (squared error fuses with nothing). */
    public ActivationFunction fusedActivation() {
        return fused;
    }

    /** True when this loss and the output activation {@code f} are computed together ({@code dZ = A − T}). */
    public boolean isFusedWith(ActivationFunction f) {
        return fused != null && f == fused;
    }

    /**
     * Checks that this loss makes sense after the output activation {@code f}: the cross-entropies need
     * probabilities, so a built-in output activation must be softmax or sigmoid (custom ones are trusted).
     *
     * @throws IllegalArgumentException naming the loss, the activation and what to use instead
     */
    public void checkOutputActivation(ActivationFunction f) {
        if (this == MSE || !f.isBuiltIn()) {
            return;
        }
        if (f != ActivationFunction.SOFTMAX && f != ActivationFunction.SIGMOID) {
            throw new IllegalArgumentException("loss " + id + " needs probabilities from the output layer, but its "
                    + "activation is " + f.name() + "; use " + fused.name() + " there (or loss mse)");
        }
    }

    /**
     * The loss summed over {@code rows} samples (divide by {@code rows} for the mean).
     *
     * @param z     the output layer's weighted sums, (rows, cols); read only when {@code fused}
     * @param a     the outputs, (rows, cols); not modified
     * @param t     the targets, (rows, cols); not modified
     * @param fused {@link #isFusedWith} the output activation: compute from {@code z}, stably (softmax
     *              cross-entropy also reads {@code a = softmax(z)} at each row's largest {@code z})
     */
    public double sum(float[] z, float[] a, float[] t, int rows, int cols, boolean fused) {
        double total = 0;
        switch (this) {
            case MSE -> {
                for (int i = 0; i < rows * cols; i++) {
                    double e = t[i] - a[i];
                    total += 0.5 * e * e;                                  // ½(t − a)²
                }
            }
            case CROSS_ENTROPY -> {
                for (int r = 0; r < rows; r++) {
                    int o = r * cols;
                    if (fused) {
                        double lse = logSumExp(z, a, o, cols);             // log Σ e^z
                        for (int j = 0; j < cols; j++) {
                            if (t[o + j] != 0f) {
                                total += t[o + j] * (lse - z[o + j]);      // −t log softmax(z)
                            }
                        }
                    } else {
                        for (int j = 0; j < cols; j++) {
                            if (t[o + j] != 0f) {
                                total -= t[o + j] * Math.log(clamp(a[o + j]));
                            }
                        }
                    }
                }
            }
            case BINARY_CROSS_ENTROPY -> {
                for (int i = 0; i < rows * cols; i++) {
                    if (fused) {
                        double x = z[i];                                   // max(x,0) − x·t + log(1 + e^−|x|)
                        total += Math.max(x, 0) - x * t[i] + Math.log1p(Math.exp(-Math.abs(x)));
                    } else {
                        double p = clamp(a[i]);
                        total -= t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p);
                    }
                }
            }
            default -> throw new AssertionError(this);
        }
        return total;
    }

    /**
     * The gradient of the per-sample loss at the output layer (not divided by the batch size;
     * {@link toynn.layers.Dense} averages its parameter gradients).
     *
     * @param a     the outputs, (rows, cols); not modified
     * @param t     the targets, (rows, cols); not modified
     * @param d     modified: {@code dZ} when {@code fused}, else {@code dA}; (rows, cols)
     * @param fused {@link #isFusedWith} the output activation
     */
    public void gradient(float[] a, float[] t, float[] d, int rows, int cols, boolean fused) {
        switch (this) {
            case MSE -> {
                for (int i = 0; i < rows * cols; i++) {
                    d[i] = a[i] - t[i];                                    // dA = A − T
                }
            }
            case CROSS_ENTROPY -> {
                for (int r = 0; r < rows; r++) {
                    int o = r * cols;
                    if (fused) {
                        float s = 0f;                                      // Σ t (1 for one-hot rows)
                        for (int j = 0; j < cols; j++) {
                            s += t[o + j];
                        }
                        for (int j = 0; j < cols; j++) {
                            d[o + j] = a[o + j] * s - t[o + j];            // dZ = A·Σt − T = A − T
                        }
                    } else {
                        for (int j = 0; j < cols; j++) {
                            d[o + j] = (float) (-t[o + j] / clamp(a[o + j]));  // dA = −T / A
                        }
                    }
                }
            }
            case BINARY_CROSS_ENTROPY -> {
                for (int i = 0; i < rows * cols; i++) {
                    if (fused) {
                        d[i] = a[i] - t[i];                                // dZ = A − T
                    } else {
                        double p = clamp(a[i]);                            // dA = (A − T) / (A(1 − A))
                        d[i] = (float) ((p - t[i]) / (p * (1 - p)));
                    }
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    private static double clamp(double p) {
        return Math.min(Math.max(p, EPS), 1 - EPS);
    }

    /**
     * {@code log Σ_j e^{z_j}} of one row, from the softmax output instead of {@code cols} more
     * exponentials: at the row's largest {@code z_m}, {@code a_m = e^0 / Σ_j e^{z_j − z_m}}, so
     * {@code log Σ e^z = z_m − log a_m} — and {@code a_m ≥ 1/cols}, so its logarithm never sees 0.
     */
    private static double logSumExp(float[] z, float[] a, int o, int cols) {
        int m = o;
        for (int j = o + 1; j < o + cols; j++) {
            if (z[j] > z[m]) {
                m = j;
            }
        }
        return z[m] - Math.log(a[m]);
    }

    @Override
    public String toString() {
        return id;
    }
}
