package toynn.layers;

import java.util.Objects;
import java.util.Optional;
import toynn.ActivationFunction;
import toynn.kernels.FusedActivation;
import toynn.kernels.Kernels;
import toynn.util.Rng;

/**
 * A fully connected layer: {@code A = f(X·Wᵀ + b)}, one sample per row of {@code X}.
 *
 * <p>Backward, given {@code dA = ∂loss/∂A}: {@code dZ = dA ⊙ f′}, {@code dW = dZᵀ·X / n},
 * {@code db = Σ_rows dZ / n}, {@code dX = dZ·W} — computed with {@code W} as it was in the
 * forward pass (GUIDE.md §2). The lecture's column-vector form is the same with {@code n = 1}:
 * {@code W} here is the lecture's {@code W_ih} or {@code W_ho}, shape (outputs, inputs).
 *
 * <p>Storage is float32 row-major. {@link #weights()} and {@link #bias()} return the live arrays,
 * so optimizers and the evolution code update them in place without copying.
 */
public final class Dense {
    private final int inputs;
    private final int outputs;
    private final float[] weights;          // (outputs, inputs)
    private final float[] bias;             // (outputs)
    private ActivationFunction activation;
    private float[] weightGradient;         // (outputs, inputs), made on first backward
    private float[] biasGradient;           // (outputs)

    /**
     * A layer with all weights and biases zero.
     *
     * @throws IllegalArgumentException if a size is not positive, or the weight count overflows
     */
    public Dense(int inputs, int outputs, ActivationFunction activation) {
        checkSizes(inputs, outputs);
        this.inputs = inputs;
        this.outputs = outputs;
        this.weights = new float[inputs * outputs];
        this.bias = new float[outputs];
        this.activation = Objects.requireNonNull(activation, "activation must not be null");
    }

    /**
     * Checks layer sizes before anything is allocated.
     *
     * @throws IllegalArgumentException naming the bad size and what is allowed
     */
    public static void checkSizes(int inputs, int outputs) {
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("a layer needs at least one input and one output, got "
                    + inputs + " inputs and " + outputs + " outputs");
        }
        if ((long) inputs * outputs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("layer " + inputs + "→" + outputs + " has "
                    + (long) inputs * outputs + " weights; at most " + (Integer.MAX_VALUE - 8) + " fit in one array");
        }
    }

    /** Number of inputs (columns of {@code W}). */
    public int inputs() {
        return inputs;
    }

    /** Number of outputs (rows of {@code W}). */
    public int outputs() {
        return outputs;
    }

    /** The live weight array {@code W}, shape (outputs, inputs) row-major. */
    public float[] weights() {
        return weights;
    }

    /** The live bias array {@code b}, shape (outputs). */
    public float[] bias() {
        return bias;
    }

    /** The activation {@code f}. */
    public ActivationFunction activation() {
        return activation;
    }

    /** Replaces the activation {@code f}. */
    public void setActivation(ActivationFunction activation) {
        this.activation = Objects.requireNonNull(activation, "activation must not be null");
    }

    /** Weights plus biases. */
    public int parameterCount() {
        return weights.length + bias.length;
    }

    /** {@code ∂loss/∂W} from the last {@link #backward}, shape (outputs, inputs); live array. */
    public float[] weightGradient() {
        if (weightGradient == null) {
            weightGradient = new float[weights.length];
        }
        return weightGradient;
    }

    /** {@code ∂loss/∂b} from the last {@link #backward}, shape (outputs); live array. */
    public float[] biasGradient() {
        if (biasGradient == null) {
            biasGradient = new float[bias.length];
        }
        return biasGradient;
    }

    /** Fills weights and biases uniformly in {@code [lo, hi)}: the lecture's {@code randomize()} uses [−1, 1). */
    public void initUniform(Rng rng, double lo, double hi) {
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) rng.uniform(lo, hi);
        }
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) rng.uniform(lo, hi);
        }
    }

    /**
     * Forward: {@code A = f(X·Wᵀ + b)}.
     *
     * @param x input, (n, inputs); not modified
     * @param n number of samples (rows)
     * @param a output, (n, outputs); modified
     */
    public void forward(float[] x, int n, float[] a) {
        forward(x, n, a, a);
    }

    /**
     * Forward keeping the weighted sums: {@code Z = X·Wᵀ + b}, {@code A = f(Z)}. The training loop
     * keeps the output layer's {@code Z} so that cross-entropy can be computed from it stably. The bias
     * and an element-wise activation are applied in the product's epilogue
     * ({@link Kernels#denseForward}), with the same bits as the three steps one after another.
     *
     * @param x input, (n, inputs); not modified
     * @param n number of samples (rows)
     * @param z weighted sums, (n, outputs); modified (may be {@code a}, then it ends up holding {@code A})
     * @param a output, (n, outputs); modified
     */
    public void forward(float[] x, int n, float[] z, float[] a) {
        checkRows(n);
        checkBuffer(x, n, inputs, "x");
        checkBuffer(z, n, outputs, "z");
        checkBuffer(a, n, outputs, "a");
        Optional<FusedActivation> f = activation.fusedForm();
        if (f.isPresent()) {                                          // A = f(X·Wᵀ + b) in one sweep  (n, outputs)
            Kernels.denseForward(x, weights, bias, z, a, n, inputs, outputs, f.get());
        } else {                                                      // Z = X·Wᵀ + b, then softmax or a custom f
            Kernels.denseForward(x, weights, bias, z, z, n, inputs, outputs, FusedActivation.IDENTITY);
            activation.forward(z, a, n, outputs);                     // A = f(Z)
        }
    }

    /**
     * Backward: turns {@code dA} into {@code dZ} in place, fills {@link #weightGradient()} and
     * {@link #biasGradient()} (averaged over the {@code n} samples) and, when {@code dX} is not
     * null, the error passed to the previous layer.
     *
     * @param x  the input of the forward pass, (n, inputs); not modified
     * @param a  the output of the forward pass, (n, outputs); not modified
     * @param dA ∂loss/∂A per sample, (n, outputs); overwritten with dZ
     * @param n  number of samples
     * @param dX ∂loss/∂X, (n, inputs); modified; may be null for the first layer
     */
    public void backward(float[] x, float[] a, float[] dA, int n, float[] dX) {
        checkRows(n);
        checkBuffer(a, n, outputs, "a");
        checkBuffer(dA, n, outputs, "dA");
        checkBuffer(x, n, inputs, "x");                                                 // before dA is overwritten
        if (dX != null) {
            checkBuffer(dX, n, inputs, "dX");
        }
        activation.backward(a, dA, dA, n, outputs);                                     // dZ = dA ⊙ f′   (n, outputs)
        backwardFromZ(x, dA, n, dX);
    }

    /**
     * Backward from {@code dZ = ∂loss/∂Z} directly, skipping the activation — for a loss fused with
     * the output activation (softmax + cross-entropy, sigmoid + binary cross-entropy: {@code dZ = A − T}).
     * Fills {@link #weightGradient()} and {@link #biasGradient()} (averaged over the {@code n} samples)
     * and, when {@code dX} is not null, {@code dX = dZ·W}.
     *
     * @param x  the input of the forward pass, (n, inputs); not modified
     * @param dZ ∂loss/∂Z per sample, (n, outputs); not modified
     * @param n  number of samples
     * @param dX ∂loss/∂X, (n, inputs); modified; may be null for the first layer
     */
    public void backwardFromZ(float[] x, float[] dZ, int n, float[] dX) {
        backwardFromZ(x, dZ, n, dX, true);
    }

    /**
     * {@link #backwardFromZ(float[], float[], int, float[])}, but with {@code weightGradient} false the
     * weight gradient {@code dZᵀ·X / n} is not formed and {@link #weightGradient()} keeps its old
     * contents — for a caller that multiplies {@code dZᵀ·X} straight into the weights ({@code fit}'s
     * plain SGD step). The bias gradient and {@code dX} are filled either way.
     */
    public void backwardFromZ(float[] x, float[] dZ, int n, float[] dX, boolean weightGradient) {
        checkRows(n);
        checkBuffer(x, n, inputs, "x");
        checkBuffer(dZ, n, outputs, "dZ");
        if (dX != null) {
            checkBuffer(dX, n, inputs, "dX");
        }
        float inv = 1f / n;
        if (weightGradient) {
            Kernels.gemmAtB(dZ, x, weightGradient(), outputs, n, inputs, inv, 0f);     // dW = dZᵀ·X / n  (outputs, inputs)
        }
        Kernels.columnSums(dZ, biasGradient(), n, outputs, inv, 0f);                    // db = Σ dZ / n   (outputs)
        if (dX != null) {
            Kernels.gemmAB(dZ, weights, dX, n, outputs, inputs, 1f, 0f);               // dX = dZ·W       (n, inputs)
        }
    }

    private static void checkRows(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n is " + n + "; expected at least one row (sample)");
        }
    }

    /** A buffer must hold at least n rows of width values (it may be larger: workspaces are sized for the largest batch). */
    private void checkBuffer(float[] buf, int n, int width, String name) {
        if (buf == null) {
            throw new IllegalArgumentException(name + " must not be null; expected (" + n + ", " + width + ") values for "
                    + this);
        }
        if (buf.length < (long) n * width) {
            throw new IllegalArgumentException(name + " holds " + buf.length + " values; expected at least (" + n + ", "
                    + width + ") = " + (long) n * width + " for " + this);
        }
    }

    /** A deep copy: same sizes, weights, biases and activation; no gradients. */
    public Dense copy() {
        Dense d = new Dense(inputs, outputs, activation);
        System.arraycopy(weights, 0, d.weights, 0, weights.length);
        System.arraycopy(bias, 0, d.bias, 0, bias.length);
        return d;
    }

    @Override
    public String toString() {
        return "Dense(" + inputs + " → " + outputs + ", " + activation.name() + ")";
    }
}
