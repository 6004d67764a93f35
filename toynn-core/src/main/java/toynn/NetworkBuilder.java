package toynn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import toynn.layers.Dense;
import toynn.layers.Dropout;
import toynn.layers.Initializer;
import toynn.train.Adam;
import toynn.train.Optimizer;
import toynn.util.Rng;

/**
 * Builds a {@link NeuralNetwork} layer by layer; get one from {@link NeuralNetwork#builder()}.
 * <pre>{@code
 * NeuralNetwork nn = NeuralNetwork.builder()
 *         .inputs(784)
 *         .dense(128, ActivationFunction.RELU).dropout(0.2)   // dropout on the layer just added
 *         .dense(10, ActivationFunction.SOFTMAX)
 *         .loss(Loss.CROSS_ENTROPY)
 *         .optimizer(Adam.of(1e-3))
 *         .weightDecay(1e-4)
 *         .seed(42)
 *         .build();
 * }</pre>
 * Defaults: weights from {@link Initializer#defaultFor} each layer's activation (He normal for the
 * ReLU family, Glorot uniform otherwise), loss {@link Loss#CROSS_ENTROPY} after a softmax output and
 * {@link Loss#MSE} otherwise, optimizer {@code Adam.of(1e-3)}, no weight decay, seed
 * {@link #DEFAULT_SEED}. The same settings and seed build the same network, bit for bit.
 */
public final class NetworkBuilder {
    /** The seed used when {@link #seed(long)} is not called, so builds are reproducible by default. */
    public static final long DEFAULT_SEED = 42;

    private record LayerSpec(int units, ActivationFunction activation, Initializer initializer, double dropout) {
    }

    private int inputs;
    private final List<LayerSpec> layers = new ArrayList<>();
    private Loss loss;
    private Optimizer optimizer;
    private double weightDecay;
    private long seed = DEFAULT_SEED;

    NetworkBuilder() {
    }

    /**
     * The number of inputs.
     *
     * @throws IllegalArgumentException unless positive
     */
    public NetworkBuilder inputs(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("inputs must be ≥ 1, got " + n);
        }
        this.inputs = n;
        return this;
    }

    /**
     * Adds a fully connected layer of {@code units} outputs with activation {@code f}, initialised by
     * {@link Initializer#defaultFor(ActivationFunction)}.
     *
     * @throws IllegalArgumentException unless {@code units ≥ 1}
     */
    public NetworkBuilder dense(int units, ActivationFunction f) {
        Objects.requireNonNull(f, "activation must not be null (e.g. ActivationFunction.RELU)");
        return dense(units, f, Initializer.defaultFor(f));
    }

    /**
     * Adds a fully connected layer with the given weight initialisation.
     *
     * @throws IllegalArgumentException unless {@code units ≥ 1}
     */
    public NetworkBuilder dense(int units, ActivationFunction f, Initializer init) {
        Objects.requireNonNull(f, "activation must not be null (e.g. ActivationFunction.RELU)");
        Objects.requireNonNull(init, "initializer must not be null (e.g. Initializer.HE_NORMAL)");
        if (units <= 0) {
            throw new IllegalArgumentException("a dense layer needs at least one unit, got " + units);
        }
        layers.add(new LayerSpec(units, f, init, 0));
        return this;
    }

    /**
     * Dropout on the outputs of the layer added last: while training each is zeroed with probability
     * {@code rate} and the rest scaled by {@code 1/(1 − rate)}. Not allowed after the output layer.
     *
     * @throws IllegalArgumentException unless {@code 0 ≤ rate < 1}, or when no layer precedes it
     *                                  or that layer already has dropout
     */
    public NetworkBuilder dropout(double rate) {
        Dropout.checkRate(rate);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("dropout applies to the layer before it; add a dense layer first");
        }
        LayerSpec last = layers.get(layers.size() - 1);
        if (last.dropout() > 0) {
            throw new IllegalArgumentException("layer " + (layers.size() - 1) + " already has dropout " + last.dropout());
        }
        layers.set(layers.size() - 1, new LayerSpec(last.units(), last.activation(), last.initializer(), rate));
        return this;
    }

    /** The loss (default: cross-entropy after softmax, else squared error). */
    public NetworkBuilder loss(Loss loss) {
        this.loss = Objects.requireNonNull(loss, "loss must not be null");
        return this;
    }

    /** The optimizer (default {@code Adam.of(1e-3)}); each built network gets a fresh copy without state. */
    public NetworkBuilder optimizer(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer must not be null");
        return this;
    }

    /**
     * L2 weight decay λ: training minimises {@code loss + (λ/2)·Σ W²} over the weights (not the biases).
     *
     * @throws IllegalArgumentException unless λ is finite and ≥ 0
     */
    public NetworkBuilder weightDecay(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("weight decay must be a finite number ≥ 0, got " + lambda);
        }
        this.weightDecay = lambda;
        return this;
    }

    /** The seed of the initial weights and of training's random streams (default {@link #DEFAULT_SEED}). */
    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * The network.
     *
     * @throws IllegalStateException when inputs or layers are missing
     * @throws IllegalArgumentException when the output layer has dropout, or the loss does not suit the
     *                                  output activation (cross-entropies need softmax or sigmoid)
     */
    public NeuralNetwork build() {
        if (inputs <= 0) {
            throw new IllegalStateException("call inputs(n) before build(): the network must know its input size");
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("add at least one layer with dense(units, activation) before build()");
        }
        LayerSpec out = layers.get(layers.size() - 1);
        if (out.dropout() > 0) {
            throw new IllegalArgumentException("dropout after the output layer is not supported; "
                    + "put dropout(..) after a hidden layer");
        }
        Loss l = loss != null ? loss : out.activation() == ActivationFunction.SOFTMAX ? Loss.CROSS_ENTROPY : Loss.MSE;
        l.checkOutputActivation(out.activation());
        Rng rng = new Rng(seed);
        List<Dense> dense = new ArrayList<>(layers.size());
        int in = inputs;
        for (LayerSpec s : layers) {
            Dense.checkSizes(in, s.units());
            Dense d = new Dense(in, s.units(), s.activation());
            s.initializer().initialize(d, rng);
            dense.add(d);
            in = s.units();
        }
        NeuralNetwork nn = NeuralNetwork.fromLayers(dense);
        nn.setSeed(seed);
        for (int i = 0; i < layers.size(); i++) {
            nn.setDropout(i, layers.get(i).dropout());
        }
        Optimizer opt = optimizer != null ? optimizer.fresh() : Adam.of(1e-3);
        nn.setOptimizer(opt);
        nn.setLearningRate(opt.learningRate());
        nn.setLoss(l);
        nn.setWeightDecay(weightDecay);
        return nn;
    }
}
