package toynn.layers;

import java.util.Objects;
import java.util.Optional;
import toynn.ActivationFunction;
import toynn.kernels.FusedActivation;
import toynn.kernels.Kernels;
import toynn.util.Rng;
import toynn.util.WeightsLock;

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
 *
 * <p>Per-sample training ({@code NeuralNetwork.train}, on the Vector API path) leaves each step's weight
 * update {@code W += rate·(g·uᵀ)} pending ({@link #deferUpdate}) and the next one-sample forward pass
 * applies it in the same sweep over {@code W} (one pass over the matrix per sample instead of two). Everything
 * else that touches {@code W} — {@link #weights()}, a batch forward pass, backward, {@link #copy()} —
 * applies it first, with the same bits as applying it at once. So call {@link #weights()} again after
 * training, rather than keeping the array from before: between two {@code train} calls the array
 * itself can be one update behind.
 */
public final class Dense {
    private final int inputs;
    private final int outputs;
    private final float[] weights;          // (outputs, inputs)
    private final float[] bias;             // (outputs)
    private ActivationFunction activation;
    private float[] weightGradient;         // (outputs, inputs), made on first backward
    private float[] biasGradient;           // (outputs)
    private boolean pending;                // a deferred W += pendingRate·(pendingG·pendingUᵀ)
    private float pendingRate;
    private float[] pendingG;               // (outputs)
    private float[] pendingU;               // (inputs)
    private WeightsLock pendingLock;        // held while it is applied; null: the caller guarantees exclusive use

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

    /**
     * The live weight array {@code W}, shape (outputs, inputs) row-major, with any pending update
     * applied (see the class comment) — except for a thread inside a read of the lock the update was left
     * with, which cannot write and sees {@code W} before it.
     */
    public float[] weights() {
        if (pending && !readingHere()) {
            applyPendingUpdate();
        }
        return weights;
    }

    /**
     * Leaves {@code W += rate·(g·uᵀ)} (each element rounded as {@code w + rate·(g_i·u_j)}) for the next
     * one-sample {@link #forward} to apply in the same sweep over {@code W}; any other use of {@code W}
     * applies it first. {@code g} and {@code u} are copied. An update already pending is applied first.
     *
     * @param rate the learning rate
     * @param g    the step's row factors, (outputs): {@code E ⊙ f′(O)}
     * @param u    the step's input, (inputs)
     * @param lock taken while the update is applied by a thread that does not hold it already (the
     *             network's {@link WeightsLock}); null when the caller guarantees no concurrent use
     * @throws IllegalArgumentException if {@code g} or {@code u} is null or too short
     */
    public void deferUpdate(float rate, float[] g, float[] u, WeightsLock lock) {
        checkBuffer(g, 1, outputs, "g");
        checkBuffer(u, 1, inputs, "u");
        if (pending) {
            applyPendingUpdate();
        }
        if (pendingG == null) {
            pendingG = new float[outputs];
            pendingU = new float[inputs];
        }
        System.arraycopy(g, 0, pendingG, 0, outputs);
        System.arraycopy(u, 0, pendingU, 0, inputs);
        pendingRate = rate;
        pendingLock = lock;
        pending = true;
    }

    /** Whether an update left by {@link #deferUpdate} is still waiting to be applied. */
    public boolean hasPendingUpdate() {
        return pending;
    }

    /** Applies the update left by {@link #deferUpdate}, if any, under its lock (or the one this thread holds). */
    public void applyPendingUpdate() {
        if (!pending) {
            return;
        }
        if (mayApplyPendingHere()) {
            applyNow();
            return;
        }
        WeightsLock lock = pendingLock;
        long stamp = lock.beginWrite();
        try {
            if (pending) {
                applyNow();
            }
        } finally {
            lock.endWrite(stamp);
        }
    }

    /**
     * This thread holds the lock for reading (a save or copy while another thread trains): it cannot take
     * the write lock to apply a pending update, and sees the weights before it — a state between two steps.
     */
    private boolean readingHere() {
        WeightsLock lock = pendingLock;
        return lock != null && lock.isReadLockedByCurrentThread();
    }

    /** No lock to take: none was given, or this thread holds it already. */
    private boolean mayApplyPendingHere() {
        WeightsLock lock = pendingLock;
        return lock == null || lock.isWriteLockedByCurrentThread();
    }

    private void applyNow() {
        Kernels.rank1Update(weights, pendingG, pendingU, outputs, inputs, pendingRate);   // W += rate·(g·uᵀ)
        pending = false;
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
        applyPendingUpdate();
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
        // A = f(X·Wᵀ + b) in one sweep; softmax or a custom f: Z = X·Wᵀ + b, then A = f(Z)
        FusedActivation epilogue = f.orElse(FusedActivation.IDENTITY);
        float[] out = f.isPresent() ? a : z;
        if (pending && n == 1 && mayApplyPendingHere()) {
            pending = false;                                          // one sample: the pending update in the same sweep
            Kernels.denseForwardUpdating(x, weights, bias, z, out, inputs, outputs, epilogue, pendingRate, pendingG,
                    pendingU);
        } else {
            Kernels.denseForward(x, weights(), bias, z, out, n, inputs, outputs, epilogue);
        }
        if (f.isEmpty()) {
            activation.forward(z, a, n, outputs);
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
            Kernels.gemmAB(dZ, weights(), dX, n, outputs, inputs, 1f, 0f);             // dX = dZ·W       (n, inputs)
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
        System.arraycopy(weights(), 0, d.weights, 0, weights.length);
        System.arraycopy(bias, 0, d.bias, 0, bias.length);
        return d;
    }

    @Override
    public String toString() {
        return "Dense(" + inputs + " → " + outputs + ", " + activation.name() + ")";
    }
}
