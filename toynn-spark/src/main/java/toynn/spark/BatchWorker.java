package toynn.spark;

import java.util.List;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.layers.Dense;
import toynn.train.Metrics;
import toynn.train.Optimizer;

/**
 * The executor's side of Spark training: a network rebuilt from the {@link NetworkTemplate} and the
 * workspaces of one batch, kept per executor thread for the whole training run (so a step allocates
 * only the result it sends back). One step on rows of a {@link Shard}, the math of
 * {@code toynn.train.Trainer} without dropout:
 * <pre>
 * forward     A_l = f_l(A_{l−1}·W_lᵀ + b_l)                                   // (n, out_l)
 * loss        Σ over the rows of the network's loss
 * backward    dZ = A − T (fused) or dA = ∂loss/∂A → dZ = dA ⊙ f′;
 *             dW = dZᵀ·A_{l−1} / n,  db = Σ dZ / n,  dA_{l−1} = dZ·W
 * </pre>
 */
final class BatchWorker {
    private static final ThreadLocal<BatchWorker> CACHE = new ThreadLocal<>();

    private final String runId;
    private final NeuralNetwork nn;
    private final List<Dense> layers;
    private final int depth;
    private final Loss loss;
    private final boolean fused;
    private final float[][] params;     // W0, b0, W1, b1, … (live)
    private final float[][] grads;      // their gradients (live)
    private final int capacity;
    private final float[] x;            // (capacity, inputs)
    private final float[] t;            // (capacity, outputs)
    private final float[] zOut;         // (capacity, outputs): the output layer's Z
    private final float[][] act;        // act[l]: (capacity, out_l)
    private final float[][] grad;       // grad[l]: (capacity, out_l), dA_l then dZ_l
    private Optimizer optimizer;        // parameter averaging's local optimizer
    private int lastCorrect;

    private BatchWorker(String runId, NetworkTemplate template, Loss loss, int capacity) {
        this.runId = runId;
        this.nn = template.newNetwork();
        this.layers = nn.layers();
        this.depth = layers.size();
        this.loss = loss;
        this.fused = loss.isFusedWith(layers.get(depth - 1).activation());
        this.params = Parameters.arrays(nn);
        this.grads = new float[2 * depth][];
        for (int l = 0; l < depth; l++) {
            grads[2 * l] = layers.get(l).weightGradient();
            grads[2 * l + 1] = layers.get(l).biasGradient();
        }
        this.capacity = capacity;
        this.x = new float[capacity * nn.inputSize()];
        this.t = new float[capacity * nn.outputSize()];
        this.zOut = new float[capacity * nn.outputSize()];
        this.act = new float[depth][];
        this.grad = new float[depth][];
        for (int l = 0; l < depth; l++) {
            act[l] = new float[capacity * layers.get(l).outputs()];
            grad[l] = new float[capacity * layers.get(l).outputs()];
        }
    }

    /** This thread's worker for training run {@code runId} (made on first use in the run). */
    static BatchWorker of(String runId, NetworkTemplate template, Loss loss, int batch) {
        BatchWorker w = CACHE.get();
        if (w == null || !w.runId.equals(runId) || w.capacity < batch) {
            w = new BatchWorker(runId, template, loss, batch);
            CACHE.set(w);
        }
        return w;
    }

    /** The network's parameters from a flat vector. */
    void load(float[] flat) {
        Parameters.copyFrom(flat, 0, nn);
    }

    /** The network (live). */
    NeuralNetwork network() {
        return nn;
    }

    /** The live parameter arrays, W0, b0, …. */
    float[][] params() {
        return params;
    }

    /** The live gradient arrays, dW0, db0, …. */
    float[][] grads() {
        return grads;
    }

    /** The local optimizer of parameter averaging (kept between rounds only as a workspace). */
    Optimizer optimizer() {
        return optimizer;
    }

    /** Sets the local optimizer. */
    void setOptimizer(Optimizer o) {
        this.optimizer = o;
    }

    /** Correct predictions in the last {@link #gradient} call (classification only). */
    int lastCorrect() {
        return lastCorrect;
    }

    /**
     * Forward and backward on {@code n} rows of {@code s} from row {@code from}: every layer's
     * {@link Dense#weightGradient()} and {@link Dense#biasGradient()} hold the mean gradient of the loss
     * over those rows.
     *
     * @return the loss summed over the rows
     */
    double gradient(Shard s, int from, int n, boolean classification) {
        int in = s.inputs;
        int out = s.targets;
        System.arraycopy(s.x, from * in, x, 0, n * in);
        System.arraycopy(s.t, from * out, t, 0, n * out);
        int last = depth - 1;
        float[] input = x;                                                         // (n, inputs)
        for (int l = 0; l < depth; l++) {
            layers.get(l).forward(input, n, l == last ? zOut : act[l], act[l]);    // A_l = f(in·Wᵀ + b)  (n, out_l)
            input = act[l];
        }
        double sum = loss.sum(zOut, act[last], t, n, out, fused);
        loss.gradient(act[last], t, grad[last], n, out, fused);                    // dZ (fused) or dA   (n, out)
        lastCorrect = classification ? Metrics.countCorrect(act[last], t, n, out) : 0;
        for (int l = last; l >= 0; l--) {
            Dense d = layers.get(l);
            float[] prev = l == 0 ? x : act[l - 1];
            float[] dX = l == 0 ? null : grad[l - 1];                              // dA_{l−1} = dZ·W     (n, in_l)
            if (l == last && fused) {
                d.backwardFromZ(prev, grad[l], n, dX);
            } else {
                d.backward(prev, act[l], grad[l], n, dX);
            }
        }
        return sum;
    }

    /** Adds the weight-decay term {@code λ·W} to every weight gradient (not the biases), as fit does. */
    void addWeightDecay(float lambda) {
        if (lambda > 0) {
            for (Dense d : layers) {
                float[] w = d.weights();
                float[] dW = d.weightGradient();
                for (int i = 0; i < w.length; i++) {
                    dW[i] += lambda * w[i];                                        // ∂(λ/2·ΣW²)/∂W = λ·W
                }
            }
        }
    }
}
