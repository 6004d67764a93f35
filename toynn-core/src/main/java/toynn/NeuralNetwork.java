package toynn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleUnaryOperator;
import toynn.data.DataCollector;
import toynn.data.Normalizer;
import toynn.io.ModelFile;
import toynn.io.NormalizerFolding;
import toynn.io.ToyNNJsFormat;
import toynn.kernels.Kernels;
import toynn.layers.Dense;
import toynn.layers.Dropout;
import toynn.train.Evaluation;
import toynn.train.FitOptions;
import toynn.train.History;
import toynn.train.Optimizer;
import toynn.train.Trainer;
import toynn.util.Checks;
import toynn.util.Rng;
import toynn.util.WeightsLock;

/**
 * A fully connected feed-forward network: the Coding Train's Toy Neural Network, in Java.
 *
 * <pre>{@code
 * NeuralNetwork nn = new NeuralNetwork(2, 4, 1);     // inputs, hidden, outputs
 * nn.train(new double[] {1, 0}, new double[] {1});   // one step of backpropagation
 * double[] guess = nn.predict(new double[] {1, 0});
 * }</pre>
 *
 * <p>Every layer computes {@code H = f(W·X + b)}; the friendly constructor uses sigmoid, learning
 * rate 0.1 and weights uniform in [−1, 1), as the lecture does. {@link #train(double[], double[])}
 * applies the lecture's rule by default ({@link UpdateRule#LECTURE}); {@link #setExactGradient(boolean)}
 * switches to the exact gradient of the squared error.
 *
 * <p>Beyond the lecture: {@link #builder()} makes networks with any activations, initialisers, dropout,
 * loss and optimizer, and {@link #fit(DataSet, FitOptions)} trains them on whole data sets in
 * minibatches on the exact gradient; {@link #evaluate(DataSet)} scores them.
 *
 * <p>Seeds: {@code new NeuralNetwork(...)} draws a fresh seed (like {@code Math.random()}) and
 * records it in {@link #seed()}; {@link #seeded(long, int...)} makes the initial weights
 * reproducible.
 *
 * <p>Threads: {@link #predict} may be called from many threads at once, also while another thread
 * trains or mutates the network: every prediction sees the weights as they were between two
 * updates (see {@link WeightsLock}), never half of one. Training — {@code train}, {@code trainStep},
 * {@code fit}, {@code partialFit}, {@code evaluate} — runs on one thread at a time: a call from a
 * second thread while one is training throws {@link IllegalStateException} (train a {@link #copy()}
 * there instead). The setters (activation, learning rate, loss, optimizer …) must not run while
 * another thread trains or predicts.
 */
public class NeuralNetwork {
    /** The learning rate of the friendly constructor, as in the lecture. */
    public static final double DEFAULT_LEARNING_RATE = 0.1;

    private final List<Dense> layers;
    private double learningRate = DEFAULT_LEARNING_RATE;
    private UpdateRule updateRule = UpdateRule.LECTURE;
    private long seed;
    private ActivationFunction activation;  // the one set for all layers; null when layers differ

    // Modern training (fit/partialFit); the lecture's train() ignores these.
    private Loss loss = Loss.MSE;
    private Optimizer optimizer;            // null: plain SGD with the learning rate
    private double weightDecay;             // L2: λ/2·ΣW² added to the loss
    private final double[] dropout;         // rate on each layer's output while training
    private int epochsTrained;
    private Long trainingSeed;              // null: seed()
    private Trainer trainer;                // fit's workspaces, made on first use

    // Per-sample training workspace (reused: train() allocates nothing).
    private float[][] trainActs;   // [0] = input, [l+1] = output of layer l
    private float[][] trainErrs;   // error at the output of layer l
    private float[][] trainGrads;  // dZ, then G = lr·dZ, of layer l
    private float[] trainTarget;
    private float trainInputMax = -1f;      // max |input| of the sample train(float[], …) checked, or −1
    // Per-thread prediction workspace, so predict() is safe to share across threads.
    private final ThreadLocal<float[][]> predictActs = ThreadLocal.withInitial(this::newActivationBuffers);
    // Weight updates exclude half-read predictions; one training thread at a time.
    private final WeightsLock weightsLock = newWeightsLock();
    private final AtomicReference<Thread> trainingThread = new AtomicReference<>();
    private int trainingDepth;              // nested training calls of trainingThread (e.g. evaluate in a listener)
    private volatile boolean onlyEvaluating; // trainingThread runs evaluate alone: no step reads the update settings

    /**
     * A network with the given layer sizes: inputs, any number of hidden layers, outputs.
     * Sigmoid everywhere, learning rate 0.1, weights and biases uniform in [−1, 1) from a fresh seed.
     *
     * @param sizes at least two sizes, each positive, e.g. {@code (2, 4, 1)} or {@code (784, 128, 64, 10)}
     * @throws IllegalArgumentException when fewer than two sizes are given or a size is not positive
     */
    public NeuralNetwork(int... sizes) {
        this(new Rng(System.nanoTime() ^ Double.doubleToLongBits(Math.random())).nextLong(), sizes);
    }

    private NeuralNetwork(long seed, int... sizes) {
        checkLayerSizes(sizes);
        this.seed = seed;
        this.activation = ActivationFunction.SIGMOID;
        List<Dense> list = new ArrayList<>(sizes.length - 1);
        this.dropout = new double[sizes.length - 1];
        Rng rng = new Rng(seed);
        for (int i = 0; i + 1 < sizes.length; i++) {
            Dense d = new Dense(sizes[i], sizes[i + 1], ActivationFunction.SIGMOID);
            d.initUniform(rng, -1, 1);
            list.add(d);
        }
        this.layers = list;
    }

    /**
     * Like {@link #NeuralNetwork(int...)}, with weights drawn from {@code seed}: the same seed gives the
     * same network, bit for bit.
     */
    public static NeuralNetwork seeded(long seed, int... sizes) {
        return new NeuralNetwork(seed, sizes);
    }

    /**
     * A network made of the given layers (used by the file readers and the builder). The layers are
     * taken, not copied; consecutive layers must fit ({@code outputs} of one = {@code inputs} of the next).
     */
    public static NeuralNetwork fromLayers(List<Dense> layers) {
        return new NeuralNetwork(layers, 0L);
    }

    /** As {@link #fromLayers(List)}, recording {@code seed} as the seed the weights came from (see {@link #seed()}). */
    public static NeuralNetwork fromLayers(List<Dense> layers, long seed) {
        return new NeuralNetwork(layers, seed);
    }

    private NeuralNetwork(List<Dense> layers, long seed) {
        Objects.requireNonNull(layers, "layers must not be null");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            Dense d = Objects.requireNonNull(layers.get(i), "layer " + i + " is null");
            if (i > 0 && layers.get(i - 1).outputs() != d.inputs()) {
                throw new IllegalArgumentException("layer " + i + " expects " + d.inputs() + " inputs but layer "
                        + (i - 1) + " gives " + layers.get(i - 1).outputs() + " outputs");
            }
        }
        this.layers = new ArrayList<>(layers);
        this.seed = seed;
        this.activation = commonActivation(this.layers);
        this.dropout = new double[layers.size()];
    }

    private static ActivationFunction commonActivation(List<Dense> layers) {
        ActivationFunction f = layers.get(0).activation();
        for (Dense d : layers) {
            if (d.activation() != f) {
                return null;
            }
        }
        return f;
    }

    private static void checkLayerSizes(int[] sizes) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least two layer sizes (inputs and outputs), got "
                    + (sizes == null ? "none" : java.util.Arrays.toString(sizes)));
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] <= 0) {
                throw new IllegalArgumentException("layer size " + i + " is " + sizes[i]
                        + "; every layer needs at least one node, got sizes " + java.util.Arrays.toString(sizes));
            }
        }
        for (int i = 0; i + 1 < sizes.length; i++) {
            Dense.checkSizes(sizes[i], sizes[i + 1]);
        }
    }

    // ---------------------------------------------------------------- structure

    /** Number of inputs. */
    public int inputSize() {
        return layers.get(0).inputs();
    }

    /** Number of outputs. */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** The layer sizes, inputs first, e.g. {@code [2, 4, 1]}. */
    public int[] layerSizes() {
        int[] s = new int[layers.size() + 1];
        s[0] = inputSize();
        for (int i = 0; i < layers.size(); i++) {
            s[i + 1] = layers.get(i).outputs();
        }
        return s;
    }

    /** The layers, first hidden layer first (read-only list; the layers themselves are live). */
    public List<Dense> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** Total number of weights and biases. */
    public int parameterCount() {
        int n = 0;
        for (Dense d : layers) {
            n += d.parameterCount();
        }
        return n;
    }

    /**
     * The seed the initial weights were drawn from: the one given to {@link #seeded(long, int...)}, a fresh one
     * for {@code new NeuralNetwork(...)}, the recorded one for a loaded model file, 0 when unknown (Toy-NN-JS files).
     */
    public long seed() {
        return seed;
    }

    /** Records the seed (used by file readers and the builder). */
    protected void setSeed(long seed) {
        this.seed = seed;
    }

    // ---------------------------------------------------------------- settings

    /** The learning rate {@code lr} of {@link #train(double[], double[])}. */
    public double getLearningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate.
     *
     * @throws IllegalArgumentException unless {@code lr} is finite and positive
     */
    public void setLearningRate(double lr) {
        checkNotTrainingElsewhere("setLearningRate", false);
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + lr);
        }
        this.learningRate = lr;
    }

    /** The activation of all layers, or null when layers use different ones. */
    public ActivationFunction getActivationFunction() {
        return activation;
    }

    /** Uses {@code f} in every layer (the lecture's {@code setActivationFunction}). */
    public void setActivationFunction(ActivationFunction f) {
        checkNotTrainingElsewhere("setActivationFunction");
        Objects.requireNonNull(f, "activation function must not be null");
        for (Dense d : layers) {
            d.setActivation(f);
        }
        this.activation = f;
    }

    /** Uses {@code f} in layer {@code layer} only (0 = first hidden layer). */
    public void setActivationFunction(int layer, ActivationFunction f) {
        checkNotTrainingElsewhere("setActivationFunction");
        Objects.requireNonNull(f, "activation function must not be null");
        checkLayerIndex(layer);
        layers.get(layer).setActivation(f);
        this.activation = commonActivation(layers);
    }

    /** Which error {@link #train} passes back. */
    public UpdateRule getUpdateRule() {
        return updateRule;
    }

    /** Chooses the error {@link #train} passes back: the lecture's raw error or the exact gradient. */
    public void setUpdateRule(UpdateRule rule) {
        checkNotTrainingElsewhere("setUpdateRule", false);
        this.updateRule = Objects.requireNonNull(rule, "update rule must not be null");
    }

    /**
     * {@code true}: {@link #train} follows the exact gradient of {@code ½Σ(t−o)²}
     * ({@link UpdateRule#EXACT_GRADIENT}); {@code false}: the lecture's rule ({@link UpdateRule#LECTURE}).
     */
    public void setExactGradient(boolean exact) {
        setUpdateRule(exact ? UpdateRule.EXACT_GRADIENT : UpdateRule.LECTURE);
    }

    /** Whether {@link #train} follows the exact gradient. */
    public boolean isExactGradient() {
        return updateRule == UpdateRule.EXACT_GRADIENT;
    }

    // ---------------------------------------------------------------- predict

    /**
     * Feeds {@code input} forward and returns the outputs.
     *
     * @throws IllegalArgumentException if the input is null, has the wrong length, or holds NaN/infinity or a
     *                                  value beyond the float32 range (which would become infinity), or a value
     *                                  the input normalizer maps beyond it
     */
    public double[] predict(double[] input) {
        Checks.vector(input, inputSize(), "input");
        float[][] acts = predictActs.get();
        float[] x = acts[0];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) input[i];
        }
        normalizeInput(x);                                     // data (issue 4)
        float[] out = forward(acts);
        double[] result = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            result[i] = out[i];
        }
        denormalizeOutput(result);                             // data (issue 4)
        return result;
    }

    /**
     * {@link #predict(double[])} for float32 inputs and outputs.
     *
     * @throws IllegalStateException when the target normalizer maps an output back beyond the float32 range
     */
    public float[] predict(float[] input) {
        Checks.vector(input, inputSize(), "input");
        float[][] acts = predictActs.get();
        System.arraycopy(input, 0, acts[0], 0, input.length);
        normalizeInput(acts[0]);                               // data (issue 4)
        float[] out = forward(acts);
        float[] result = out.clone();
        denormalizeOutput(result, out);                        // data (issue 4)
        return result;
    }

    /**
     * Runs every layer on acts[0]; returns the output buffer. Reads the weights optimistically and runs
     * again under the read lock if an update (on another thread) overlapped; acts[0] is not modified.
     */
    private float[] forward(float[][] acts) {
        applyPendingUpdates();
        long stamp = weightsLock.tryOptimisticRead();
        if (stamp != 0) {
            runLayers(acts);
            if (weightsLock.validate(stamp)) {
                return acts[layers.size()];
            }
        }
        stamp = weightsLock.beginRead();
        try {
            return runLayers(acts);
        } finally {
            weightsLock.endRead(stamp);
        }
    }

    /**
     * The forward pass of a training step that follows a {@code train} step: each layer applies the
     * previous step's pending update in the same sweep over its weights (Dense.deferUpdate), under the
     * write lock, so a concurrent prediction sees the weights before or after that update, never between.
     */
    private float[] forwardApplyingUpdates(float[][] acts) {
        long stamp = weightsLock.beginWrite();
        try {
            return runLayers(acts);
        } finally {
            weightsLock.endWrite(stamp);
        }
    }

    private boolean hasPendingUpdates() {
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).hasPendingUpdate()) {
                return true;
            }
        }
        return false;
    }

    /** Applies the weight updates the last {@code train} step left pending, all under one write lock. */
    private void applyPendingUpdates() {
        if (!hasPendingUpdates() || weightsLock.isReadLockedByCurrentThread()) {
            return;                                 // a reader cannot write: it sees the state before the update
        }
        long stamp = weightsLock.beginWrite();
        try {
            for (int l = 0; l < layers.size(); l++) {
                layers.get(l).applyPendingUpdate();
            }
        } finally {
            weightsLock.endWrite(stamp);
        }
    }

    /** A lock whose readers first apply the updates per-sample training left pending (a reader cannot write). */
    private WeightsLock newWeightsLock() {
        WeightsLock lock = new WeightsLock();
        lock.pendingWrites(this::hasPendingUpdates, this::applyPendingUpdates);
        return lock;
    }

    private float[] runLayers(float[][] acts) {
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(acts[l], 1, acts[l + 1]);    // H = f(W·X + b)
        }
        return acts[layers.size()];
    }

    // ---------------------------------------------------------------- threads

    /**
     * The lock that keeps predictions consistent while weights change; for custom code that writes this
     * network's weights in place (see {@link WeightsLock}).
     */
    public WeightsLock weightsLock() {
        return weightsLock;
    }

    /**
     * Makes the calling thread this network's one training thread until {@link #endTraining()};
     * nested calls on the same thread (evaluate from a listener) are fine. {@code writes}: the call
     * updates the weights.
     *
     * @throws IllegalStateException if another thread is training this network, or the call writes and
     *                               this thread is inside a read of the weights (it would wait for itself)
     */
    private void beginTraining(String what) {
        beginTraining(what, true);
    }

    private void beginTraining(String what, boolean writes) {
        Thread me = Thread.currentThread();
        if (writes && weightsLock.isReadLockedByCurrentThread()) {
            throw new IllegalStateException(what + " was called on thread '" + me.getName() + "' inside its own read of "
                    + "this network's weights (weightsLock().beginRead() without endRead yet); training writes the "
                    + "weights and would wait for that read forever — call endRead first");
        }
        if (!trainingThread.compareAndSet(null, me) && trainingThread.get() != me) {
            Thread other = trainingThread.get();
            throw new IllegalStateException(what + " was called on thread '" + me.getName() + "' while thread '"
                    + (other == null ? "?" : other.getName()) + "' is training this network; a network trains on one "
                    + "thread at a time (predict and classify are safe meanwhile) — train a copy (nn.copy()) instead");
        }
        if (trainingDepth++ == 0) {
            onlyEvaluating = !writes;       // set after the thread: a setter in between is refused, as before
        }
    }

    private void endTraining() {
        if (--trainingDepth == 0) {
            onlyEvaluating = false;
            trainingThread.set(null);
        }
    }

    /**
     * A setting that training reads may not change under another thread's training: the run would mix
     * two settings mid-step. The training thread itself (a listener between batches) may change it.
     */
    private void checkNotTrainingElsewhere(String what) {
        checkNotTrainingElsewhere(what, true);
    }

    /**
     * As {@link #checkNotTrainingElsewhere(String)}; {@code evaluateReads} false for a setting only updates
     * read (learning rate, update rule, optimizer, …), which another thread's {@link #evaluate} leaves alone.
     */
    private void checkNotTrainingElsewhere(String what, boolean evaluateReads) {
        Thread other = trainingThread.get();
        if (other != null && other != Thread.currentThread() && (evaluateReads || !onlyEvaluating)) {
            throw new IllegalStateException(what + " was called on thread '" + Thread.currentThread().getName()
                    + "' while thread '" + other.getName() + "' is training this network; change settings between "
                    + "trainings, or from the training thread (a listener), or train a copy (nn.copy())");
        }
    }

    private float[][] newActivationBuffers() {
        float[][] acts = new float[layers.size() + 1][];
        acts[0] = new float[inputSize()];
        for (int l = 0; l < layers.size(); l++) {
            acts[l + 1] = new float[layers.get(l).outputs()];
        }
        return acts;
    }

    // ---------------------------------------------------------------- train

    /**
     * One step of backpropagation on one sample, with the rule chosen by {@link #setUpdateRule}:
     * {@code E = target − output}; per layer from the output back, {@code G = lr · E ⊙ f′(O)},
     * {@code ΔW = G·Hᵀ}, {@code Δb = G}, and the error for the layer below, {@code E_h = Wᵀ·E}
     * (lecture) or {@code Wᵀ·(E ⊙ f′(O))} (exact), with {@code W} as in the forward pass.
     *
     * <p>Input and target are taken as the network sees them, like {@link #fit}'s data: with an input
     * normalizer set ({@link #setInputNormalizer}, {@link #normalizeData()}) pass
     * {@code inputNormalizer().normalize(input)}, and normalized targets with a target normalizer.
     * Only {@link #predict} and {@link #classify} normalize raw inputs themselves.
     *
     * @throws IllegalArgumentException if input or target is null, the wrong length, or not finite
     * @throws TrainingDivergedException if the outputs, errors, gradients or updated weights would be NaN or
     *                                   infinite; that step then changes no weight
     */
    public void train(double[] input, double[] target) {
        Checks.vector(input, inputSize(), "input");
        Checks.vector(target, outputSize(), "target");
        beginTraining("train");
        try {
            ensureTrainBuffers();
            for (int i = 0; i < input.length; i++) {
                trainActs[0][i] = (float) input[i];
            }
            for (int i = 0; i < target.length; i++) {
                trainTarget[i] = (float) target[i];
            }
            step(null);
        } finally {
            endTraining();
        }
    }

    /** {@link #train(double[], double[])} for float32 inputs and targets. */
    public void train(float[] input, float[] target) {
        float inputMax = Checks.vectorMaxAbs(input, inputSize(), "input");
        Checks.vector(target, outputSize(), "target");
        beginTraining("train");
        try {
            ensureTrainBuffers();
            System.arraycopy(input, 0, trainActs[0], 0, input.length);
            System.arraycopy(target, 0, trainTarget, 0, target.length);
            trainInputMax = inputMax;
            step(null);
        } finally {
            trainInputMax = -1f;
            endTraining();
        }
    }

    /**
     * Does exactly what {@link #train(double[], double[])} does, and returns every quantity of the
     * step — outputs, errors, gradients, deltas per layer — for learning how backpropagation works.
     */
    public TrainingStep trainStep(double[] input, double[] target) {
        Checks.vector(input, inputSize(), "input");
        Checks.vector(target, outputSize(), "target");
        beginTraining("trainStep");
        try {
            ensureTrainBuffers();
            for (int i = 0; i < input.length; i++) {
                trainActs[0][i] = (float) input[i];
            }
            for (int i = 0; i < target.length; i++) {
                trainTarget[i] = (float) target[i];
            }
            TrainingStep.Layer[] record = new TrainingStep.Layer[layers.size()];
            double loss = step(record);
            float[] out = trainActs[layers.size()];
            return new TrainingStep(updateRule, learningRate, Matrix.fromArray(input), Matrix.fromArray(target),
                    Matrix.fromArray(out), loss, List.of(record));
        } finally {
            endTraining();
        }
    }

    /**
     * {@link #trainStep(double[], double[])} for float32 inputs and targets (a sketch's {@code float[]}): the
     * same step, bit for bit, as {@link #train(float[], float[])}.
     */
    public TrainingStep trainStep(float[] input, float[] target) {
        return trainStep(doubles(input), doubles(target));   // float → double is exact; the step rounds back
    }

    /** {@code values} widened to double (exactly), or null for null, so the checks name the same problem. */
    private static double[] doubles(float[] values) {
        if (values == null) {
            return null;
        }
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    private void ensureTrainBuffers() {
        if (trainActs == null) {
            trainActs = newActivationBuffers();
            trainErrs = new float[layers.size()][];
            trainGrads = new float[layers.size()][];
            for (int l = 0; l < layers.size(); l++) {
                trainErrs[l] = new float[layers.get(l).outputs()];
                trainGrads[l] = new float[layers.get(l).outputs()];
            }
            trainTarget = new float[outputSize()];
        }
    }

    /**
     * Deltas smaller than this cannot push a finite float32 weight to infinity: overflow needs an
     * exact sum beyond {@code Float.MAX_VALUE} plus half its ulp (2^103 ≈ 1.01e31).
     */
    private static final double SAFE_DELTA = 1e30;

    /**
     * Whether {@code train} leaves each step's weight update for the next step's forward pass
     * (Dense.deferUpdate): on the Vector API path, where one sweep over W instead of two made T1 1.26×
     * faster. The plain-Java kernels are bound by arithmetic rather than by W's trips through the cache;
     * there the bookkeeping only cost ~4% (T1 on Java 17 without the module), so they update at once.
     * Either way the bits are the same.
     */
    private static final boolean DEFER_UPDATES = Kernels.path().equals("vector");

    /**
     * The lecture's step on trainActs[0] and trainTarget; fills record when not null; returns the loss.
     * Two passes: first every layer's error and gradient, from the output back, with the weights of the
     * forward pass; then, once all of them are known to be finite, the updates. So a step that diverges
     * throws before it changes any weight.
     */
    private double step(TrainingStep.Layer[] record) {
        int last = layers.size() - 1;
        float[] output = record == null && hasPendingUpdates() ? forwardApplyingUpdates(trainActs) : forward(trainActs);
        if (!Checks.allFinite(output, output.length)) {
            throw new TrainingDivergedException("training diverged: the network's output is NaN or infinite; "
                    + "use a lower learning rate (now " + learningRate + ") or scale the inputs");
        }
        float lr = (float) learningRate;
        float[] e = trainErrs[last];
        double loss = 0;
        for (int i = 0; i < e.length; i++) {
            e[i] = trainTarget[i] - output[i];                 // E = target − output
            loss += 0.5 * e[i] * e[i];
        }
        // Pass 1: errors and gradients, output layer first; no weight changes yet.
        for (int l = last; l >= 0; l--) {
            Dense layer = layers.get(l);
            int in = layer.inputs();
            int out = layer.outputs();
            float[] o = trainActs[l + 1];                      // output O of this layer      (out)
            float[] err = trainErrs[l];                        // E at this layer's output    (out)
            float[] g = trainGrads[l];                         //                             (out)
            float[] w = layer.weights();                       //                             (out, in)
            layer.activation().backward(o, err, g, 1, out);   // g = E ⊙ f′(O)
            if (l > 0) {
                // E_h = Wᵀ·E (lecture) or Wᵀ·(E ⊙ f′(O)) (exact), with W of the forward pass; the same
                // kernel call as Dense.backward's dX = dZ·W, so fit with batch size 1 matches bit for bit.
                float[] passed = updateRule == UpdateRule.LECTURE ? err : g;
                Kernels.gemmAB(passed, w, trainErrs[l - 1], 1, out, in, 1f, 0f);   // E_h    (1, in)
            }
            if (!Checks.allFinite(err, out) || !Checks.allFinite(g, out)) {
                throw new TrainingDivergedException("training diverged: the error or gradient of layer " + l
                        + " is NaN or infinite; use a lower learning rate (now " + learningRate
                        + "); the weights were left as they were before this step");
            }
            float maxH = l == 0 && trainInputMax >= 0f ? trainInputMax : Checks.maxAbs(trainActs[l], 0, in);
            if (!updateStaysFinite(w, layer.bias(), g, trainActs[l], maxH, lr, out, in)) {
                throw new TrainingDivergedException("training diverged: the update of layer " + l
                        + " would make a weight infinite; use a lower learning rate (now " + learningRate
                        + ") or scale the inputs; the weights were left as they were before this step");
            }
        }
        // Pass 2: W += ΔW = lr·(g·Hᵀ) and b += Δb = lr·g, every layer. The learning rate multiplies the
        // finished product — the order of SGD's w ← w − lr·dW after dW = dZᵀ·X — so fit with batch
        // size 1 reproduces this step bit for bit at any learning rate. Under the write lock: a concurrent
        // predict sees all of this step or none of it.
        long stamp = weightsLock.beginWrite();
        try {
            applyUpdates(record, lr, last);
        } finally {
            weightsLock.endWrite(stamp);
        }
        return loss;
    }

    /** Pass 2 of {@link #step}: the updates, every layer. */
    private void applyUpdates(TrainingStep.Layer[] record, float lr, int last) {
        for (int l = 0; l <= last; l++) {
            Dense layer = layers.get(l);
            int in = layer.inputs();
            int out = layer.outputs();
            float[] h = trainActs[l];                          // input H of this layer       (in)
            float[] g = trainGrads[l];                         // E ⊙ f′(O)                   (out)
            float[] w = layer.weights();                       //                             (out, in)
            float[] b = layer.bias();                          //                             (out)
            if (record != null) {
                Matrix gm = Matrix.fromArray(g).map((v, r, c) -> (float) (v * lr));   // G = lr · E ⊙ f′(O)
                Matrix hm = Matrix.fromArray(h);
                record[l] = new TrainingStep.Layer(hm, Matrix.fromArray(trainActs[l + 1]),
                        Matrix.fromRowMajor(w, out, in), Matrix.fromArray(trainErrs[l]), gm,
                        Matrix.multiply(gm, Matrix.transpose(hm)), gm.copy());
            }
            if (record == null && DEFER_UPDATES) {
                // W += ΔW = lr·(g·Hᵀ), applied by the next step's forward pass in the same sweep over W
                // (or first thing by anything else that reads W): same bits, one pass over W per sample
                layer.deferUpdate(lr, g, h, weightsLock);
            } else {
                Kernels.rank1Update(w, g, h, out, in, lr);     // W += ΔW = lr·(g·Hᵀ)         (out, in)
            }
            Kernels.axpy(lr, g, b, out);                       // b += Δb = lr·g              (out)
        }
    }

    /**
     * True when {@code W + lr·(g·Hᵀ)} and {@code b + lr·g} stay finite, computed as pass 2 computes them.
     * Cheap in the normal case (a bound from the largest |lr·g| and |H|); only a huge step pays for
     * checking every sum.
     */
    private static boolean updateStaysFinite(float[] w, float[] b, float[] g, float[] h, float maxAbsH, float lr,
                                             int out, int in) {
        double maxAbsG = Checks.maxAbs(g, 0, out);
        double maxG = maxAbsG * Math.abs(lr);
        double maxH = maxAbsH;
        if (maxG < SAFE_DELTA && maxG * maxH < SAFE_DELTA && maxAbsG * maxH < SAFE_DELTA) {
            return true;
        }
        for (int i = 0; i < out; i++) {
            float gi = g[i];
            int row = i * in;
            for (int j = 0; j < in; j++) {
                if (!Float.isFinite(w[row + j] + lr * (gi * h[j]))) {
                    return false;
                }
            }
            if (!Float.isFinite(b[i] + lr * gi)) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- modern training

    /**
     * A builder for networks beyond the friendly constructor, e.g.
     * <pre>{@code
     * NeuralNetwork nn = NeuralNetwork.builder().inputs(784)
     *         .dense(128, ActivationFunction.RELU).dropout(0.2)
     *         .dense(10, ActivationFunction.SOFTMAX)
     *         .loss(Loss.CROSS_ENTROPY).optimizer(Adam.of(1e-3)).seed(42).build();
     * }</pre>
     */
    public static NetworkBuilder builder() {
        return new NetworkBuilder();
    }

    /** The loss {@link #fit}, {@link #partialFit} and {@link #evaluate} use (default {@link Loss#MSE}). */
    public Loss loss() {
        return loss;
    }

    /**
     * Sets the loss of {@link #fit}, {@link #partialFit} and {@link #evaluate}.
     *
     * @throws IllegalArgumentException when the loss needs probabilities and the output activation does not give them
     */
    public void setLoss(Loss loss) {
        checkNotTrainingElsewhere("setLoss");
        Objects.requireNonNull(loss, "loss must not be null");
        loss.checkOutputActivation(layers.get(layers.size() - 1).activation());
        this.loss = loss;
    }

    /** The optimizer {@link #fit} uses, with its state; null means plain SGD with {@link #getLearningRate()}. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Sets the optimizer {@link #fit} and {@link #partialFit} use (null: plain SGD with {@link #getLearningRate()}).
     * The optimizer keeps state for this network's parameters; give another network {@link Optimizer#fresh()}.
     */
    public void setOptimizer(Optimizer optimizer) {
        checkNotTrainingElsewhere("setOptimizer", false);
        this.optimizer = optimizer;
    }

    /** The L2 weight decay λ: {@link #fit} minimises {@code loss + (λ/2)·Σ W²} over all weights (not biases). */
    public double weightDecay() {
        return weightDecay;
    }

    /**
     * Sets the L2 weight decay λ ≥ 0 (0 = none).
     *
     * @throws IllegalArgumentException unless λ is finite and ≥ 0
     */
    public void setWeightDecay(double lambda) {
        checkNotTrainingElsewhere("setWeightDecay", false);
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("weight decay must be a finite number ≥ 0, got " + lambda);
        }
        this.weightDecay = lambda;
    }

    /** The dropout rate on the output of layer {@code layer} while training (0 = none). */
    public double dropout(int layer) {
        checkLayerIndex(layer);
        return dropout[layer];
    }

    /**
     * Drops each output of layer {@code layer} with probability {@code rate} while training (inverted
     * dropout, see {@link Dropout}); predictions never drop anything.
     *
     * @throws IllegalArgumentException for the output layer, a layer that does not exist, or a rate outside [0, 1)
     */
    public void setDropout(int layer, double rate) {
        checkNotTrainingElsewhere("setDropout", false);
        checkLayerIndex(layer);
        Dropout.checkRate(rate);
        if (layer == layers.size() - 1 && rate > 0) {
            throw new IllegalArgumentException("dropout on the output layer (" + layer + ") is not supported; "
                    + "put it after a hidden layer");
        }
        dropout[layer] = rate;
    }

    /** The number of epochs {@link #fit} has completed on this network (saved in model files). */
    public int epochsTrained() {
        return epochsTrained;
    }

    /**
     * Records the number of epochs trained (fit and the model file reader set it).
     *
     * @throws IllegalArgumentException if negative
     */
    public void setEpochsTrained(int epochs) {
        checkNotTrainingElsewhere("setEpochsTrained", false);
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs trained must be ≥ 0, got " + epochs);
        }
        this.epochsTrained = epochs;
    }

    /**
     * The seed of {@link #fit}'s random streams (shuffling, dropout, validation split) when
     * {@link FitOptions#seed(long)} is not given: the one the last fit used, else {@link #seed()}.
     */
    public long trainingSeed() {
        return trainingSeed != null ? trainingSeed : seed;
    }

    /** Sets the seed of {@link #fit}'s random streams (fit and the model file reader set it). */
    public void setTrainingSeed(long seed) {
        checkNotTrainingElsewhere("setTrainingSeed", false);
        this.trainingSeed = seed;
    }

    /**
     * Trains on {@code train} in minibatches on the exact gradient of {@link #loss()} (plus weight decay),
     * stepping with {@link #optimizer()}; see {@link FitOptions} for epochs, batch size, shuffling,
     * validation, early stopping and listeners. When the network has no class names yet and {@code train}
     * names one class per output (a CSV label column, a bundled data set), the network takes them, so
     * {@link #classify} and the saved file name the classes without a {@link #setClassNames} call. Likewise
     * it takes {@code train}'s column names as its {@link #inputColumns()} when it has none, so that
     * {@link #predict(Map)} takes raw rows.
     *
     * <pre>{@code
     * History h = nn.fit(train, FitOptions.create().epochs(3).batchSize(128).validationSplit(0.1));
     * }</pre>
     *
     * @throws IllegalArgumentException when the data does not fit the network or the options contradict
     * @throws TrainingDivergedException naming the epoch and batch when the loss or gradients become NaN/∞, or
     *                                   the batch whose update made the weights NaN/∞ (that step is not undone)
     */
    public History fit(DataSet train, FitOptions options) {
        beginTraining("fit");
        try {
            History h = trainer().fit(train, options);
            noteInputShape(train);
            noteClassNames(train);
            noteInputColumns(train);
            return h;
        } finally {
            endTraining();
        }
    }

    /**
     * One optimizer step on the mean gradient of all of {@code batch} — for online learning, a few
     * samples at a time. With batch size 1, {@link Loss#MSE}, sigmoid everywhere and no optimizer set
     * (plain SGD), it is exactly {@link #train(double[], double[])} with {@link #setExactGradient(boolean)
     * setExactGradient(true)}.
     *
     * @return the batch's mean loss before the step
     * @throws IllegalArgumentException when the batch does not fit the network
     * @throws TrainingDivergedException when the loss or gradients become NaN/∞ (no weight changes then), or the
     *                                   step made the weights NaN/∞ (that step is not undone, as in {@link #fit})
     */
    public double partialFit(DataSet batch) {
        beginTraining("partialFit");
        try {
            double loss = trainer().partialFit(batch);
            noteInputShape(batch);
            return loss;
        } finally {
            endTraining();
        }
    }

    /**
     * Scores the network on {@code test}: mean loss; accuracy, confusion matrix and per-class
     * precision/recall/F1 for classification; MSE, MAE and R².
     *
     * <p>{@code test} is taken as given, like {@link #fit}'s data: the network's normalizers are not
     * applied (unlike {@link #predict}). For raw data and a network with normalizers (e.g. a loaded model),
     * use {@code evaluate(normalized(rawTest))}; regression scores are then on the normalized targets.
     *
     * @throws IllegalArgumentException when the data does not fit the network
     */
    public Evaluation evaluate(DataSet test) {
        beginTraining("evaluate", false);                 // shares fit's workspaces
        try {
            return trainer().evaluate(test);
        } finally {
            endTraining();
        }
    }

    private Trainer trainer() {
        if (trainer == null) {
            trainer = new Trainer(this);
        }
        return trainer;
    }

    // ---------------------------------------------------------------- evolution helpers

    /**
     * A deep copy: weights, biases, activations, learning rate, update rule, seed, and the training
     * settings (loss, optimizer with its state, weight decay, dropout, epochs trained).
     */
    public NeuralNetwork copy() {
        List<Dense> copies = new ArrayList<>(layers.size());
        Optimizer optimizerCopy;
        long stamp = weightsLock.beginRead();       // weights and optimizer state from between two steps
        try {
            for (Dense d : layers) {
                copies.add(d.copy());
            }
            optimizerCopy = optimizer == null ? null : optimizer.copy();
        } finally {
            weightsLock.endRead(stamp);
        }
        NeuralNetwork c = new NeuralNetwork(copies, seed);
        c.learningRate = learningRate;
        c.updateRule = updateRule;
        c.activation = activation;
        c.loss = loss;
        c.optimizer = optimizerCopy;
        c.weightDecay = weightDecay;
        System.arraycopy(dropout, 0, c.dropout, 0, dropout.length);
        c.epochsTrained = epochsTrained;
        c.trainingSeed = trainingSeed;
        giveCopyItsOwnStream(c);   // evolve (issue 7): copies mutate on their own streams
        copyDataSettingsTo(c);                                 // data (issue 4)
        return c;
    }

    /**
     * Replaces every weight and bias {@code w} by {@code fn(w)} — the lecture's neuroevolution
     * {@code mutate}, e.g. {@code w -> Math.random() < 0.1 ? w + gaussian() * 0.5 : w}.
     * All or nothing: when {@code fn} fails, the network keeps every weight it had.
     *
     * @throws IllegalArgumentException if {@code fn} returns NaN or an infinite value, or a value beyond the
     *                                  float32 range; the network is then unchanged
     */
    public void mutate(DoubleUnaryOperator fn) {
        Objects.requireNonNull(fn, "mutation function must not be null");
        float[][] next = new float[2 * layers.size()][];       // computed first, applied once all are finite
        for (int l = 0; l < layers.size(); l++) {
            next[2 * l] = mapped(layers.get(l).weights(), fn);
            next[2 * l + 1] = mapped(layers.get(l).bias(), fn);
        }
        long stamp = weightsLock.beginWrite();                 // predictions see all of it or none
        try {
            for (int l = 0; l < layers.size(); l++) {
                Dense d = layers.get(l);
                System.arraycopy(next[2 * l], 0, d.weights(), 0, next[2 * l].length);
                System.arraycopy(next[2 * l + 1], 0, d.bias(), 0, next[2 * l + 1].length);
            }
        } finally {
            weightsLock.endWrite(stamp);
        }
    }

    private static float[] mapped(float[] a, DoubleUnaryOperator fn) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            double v = fn.applyAsDouble(a[i]);
            if (!Float.isFinite((float) v)) {
                throw new IllegalArgumentException("mutation function returned " + v + " for weight " + a[i]
                        + "; it must return finite numbers within the float32 range (±" + Float.MAX_VALUE
                        + "); no weight was changed");
            }
            out[i] = (float) v;
        }
        return out;
    }

    // ================================================================ BEGIN evolve (issue 7)
    // Mutation and crossover for neuroevolution (toynn.evolve builds populations on these).
    // Parameters are visited in one fixed order, the "flattened parameter vector":
    // layer 0 weights (row-major), layer 0 bias, layer 1 weights, layer 1 bias, …

    private Rng evolutionRng;   // this network's own generator for mutate/crossover without an Rng

    /**
     * This network's own generator: seeded from {@link #seed()} on first use, so a seeded network
     * mutates reproducibly; {@link #copy()} gives the copy a stream split from it.
     */
    private Rng evolutionRng() {
        if (evolutionRng == null) {
            evolutionRng = new Rng(seed ^ 0x6A09E667F3BCC909L);   // a stream apart from the weight initialisation
        }
        return evolutionRng;
    }

    /**
     * Gaussian mutation with this network's own generator (seeded from {@link #seed()}): each weight
     * and bias, with probability {@code rate}, moves by a sample of {@code N(0, sigma²)}.
     *
     * <p>{@link #copy()} and the crossovers give their result a generator split from the parent's, so
     * {@code a = nn.copy(); b = nn.copy();} mutate differently, yet the same each run. (So {@code copy()}
     * advances this network's own generator: do not copy one network from several threads at once when
     * you rely on this method's reproducibility; pass an {@link Rng} instead.)
     *
     * @param rate  probability in [0, 1] that a parameter changes (0 changes nothing)
     * @param sigma standard deviation of the change, finite and ≥ 0
     * @throws IllegalArgumentException if rate or sigma is out of range
     */
    public void mutate(double rate, double sigma) {
        mutate(rate, sigma, evolutionRng());
    }

    /**
     * Gaussian mutation: each weight and bias, with probability {@code rate}, becomes
     * {@code w + sigma·g} with {@code g ~ N(0, 1)} drawn from {@code rng}.
     *
     * @param rng the generator to draw from (modified: advanced); the same state gives the same mutation
     * @throws IllegalArgumentException if rate is not in [0, 1], sigma is negative or not finite, rng is null, or
     *                                  sigma is so large that a weight would leave the float32 range (the network
     *                                  and rng are then unchanged)
     */
    public void mutate(double rate, double sigma, Rng rng) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("mutation rate must be a probability in [0, 1], got " + rate);
        }
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("mutation sigma must be a finite number >= 0, got " + sigma);
        }
        Objects.requireNonNull(rng, "rng must not be null");
        if (!mutationCannotOverflow(sigma)) {
            // A huge sigma: dry-run the same draws first, so an overflow leaves weights and rng as they were.
            long start = rng.state();
            for (Dense d : layers) {
                boolean finite = mutateInPlace(d.weights(), rate, sigma, rng, false)
                        && mutateInPlace(d.bias(), rate, sigma, rng, false);
                if (!finite) {
                    rng.setState(start);
                    throw new IllegalArgumentException("mutation sigma " + sigma + " would push a weight beyond the "
                            + "float32 range (±" + Float.MAX_VALUE + "); use a smaller sigma (no weight was changed)");
                }
            }
            rng.setState(start);
        }
        long stamp = weightsLock.beginWrite();                 // predictions see all of it or none
        try {
            for (Dense d : layers) {
                mutateInPlace(d.weights(), rate, sigma, rng, true);
                mutateInPlace(d.bias(), rate, sigma, rng, true);
            }
        } finally {
            weightsLock.endWrite(stamp);
        }
    }

    /**
     * Largest |g| {@link Rng#nextGaussian()} can return: Box–Muller with {@code u1 ≥ 2^-53} gives
     * {@code |g| ≤ √(−2·ln 2^-53) ≈ 8.58}.
     */
    private static final double MAX_GAUSSIAN = Math.sqrt(-2 * Math.log(0x1.0p-53));

    /** True when no weight can leave the float32 range: {@code max|w| + sigma·max|g|} stays far below it. */
    private boolean mutationCannotOverflow(double sigma) {
        double maxW = 0;
        for (Dense d : layers) {
            maxW = Math.max(maxW, Math.max(Checks.maxAbs(d.weights(), 0, d.weights().length),
                    Checks.maxAbs(d.bias(), 0, d.bias().length)));
        }
        return maxW + sigma * MAX_GAUSSIAN < 1e37;
    }

    /** Draws the mutation of {@code a}; writes it when {@code write}. Returns false at the first non-finite result. */
    private static boolean mutateInPlace(float[] a, double rate, double sigma, Rng rng, boolean write) {
        for (int i = 0; i < a.length; i++) {
            if (rng.nextDouble() < rate) {
                float v = (float) (a[i] + sigma * rng.nextGaussian());   // w ← w + N(0, σ²)
                if (!Float.isFinite(v)) {
                    return false;
                }
                if (write) {
                    a[i] = v;
                }
            }
        }
        return true;
    }

    /**
     * Uniform crossover with this network's own generator: a child that takes each weight and bias
     * from this network or from {@code other} with probability ½ each.
     *
     * @see #crossover(NeuralNetwork, Rng)
     */
    public NeuralNetwork crossover(NeuralNetwork other) {
        return crossover(other, evolutionRng());
    }

    /**
     * Uniform crossover: a new network with this one's settings (activations, learning rate, update
     * rule, seed) whose every weight and bias comes from this network or from {@code other}, each with
     * probability ½. Neither parent is changed.
     *
     * @param rng the generator to draw from (modified: advanced)
     * @throws IllegalArgumentException if the networks differ in layer sizes or activations
     */
    public NeuralNetwork crossover(NeuralNetwork other, Rng rng) {
        checkSameShape(other, "crossover");
        Objects.requireNonNull(rng, "rng must not be null");
        NeuralNetwork child = copyForChild(rng);
        for (int l = 0; l < layers.size(); l++) {
            Dense mine = child.layers.get(l);
            Dense theirs = other.layers.get(l);
            uniformMix(mine.weights(), theirs.weights(), rng);
            uniformMix(mine.bias(), theirs.bias(), rng);
        }
        return child;
    }

    private static void uniformMix(float[] child, float[] other, Rng rng) {
        for (int i = 0; i < child.length; i++) {
            if (rng.nextDouble() < 0.5) {
                child[i] = other[i];
            }
        }
    }

    /** Single-point crossover with this network's own generator; see {@link #crossoverSinglePoint(NeuralNetwork, Rng)}. */
    public NeuralNetwork crossoverSinglePoint(NeuralNetwork other) {
        return crossoverSinglePoint(other, evolutionRng());
    }

    /**
     * Single-point crossover over the flattened parameter vector (layer by layer, weights then bias):
     * a cut {@code c} is drawn uniformly from {@code 1 … P−1} ({@code P} = {@link #parameterCount()});
     * the child takes parameters {@code [0, c)} from this network and {@code [c, P)} from {@code other}.
     * With a single parameter the child is a copy of this network. Neither parent is changed.
     *
     * @param rng the generator to draw from (modified: advanced)
     * @throws IllegalArgumentException if the networks differ in layer sizes or activations
     */
    public NeuralNetwork crossoverSinglePoint(NeuralNetwork other, Rng rng) {
        checkSameShape(other, "crossoverSinglePoint");
        Objects.requireNonNull(rng, "rng must not be null");
        NeuralNetwork child = copyForChild(rng);
        int total = parameterCount();
        int cut = total > 1 ? 1 + rng.nextInt(total - 1) : total;
        int offset = 0;                                   // position of the current array in the flat vector
        for (int l = 0; l < layers.size(); l++) {
            Dense mine = child.layers.get(l);
            Dense theirs = other.layers.get(l);
            offset = copyFromCut(mine.weights(), theirs.weights(), offset, cut);
            offset = copyFromCut(mine.bias(), theirs.bias(), offset, cut);
        }
        return child;
    }

    /** Copies the entries of {@code other} whose flat index is ≥ cut into {@code child}; returns the next offset. */
    private static int copyFromCut(float[] child, float[] other, int offset, int cut) {
        int from = Math.max(0, Math.min(child.length, cut - offset));
        System.arraycopy(other, from, child, from, child.length - from);
        return offset + child.length;
    }

    /** A copy of this network whose own generator is split from {@code rng}; this network's own stream is left as it was. */
    private NeuralNetwork copyForChild(Rng rng) {
        Rng own = evolutionRng;
        long ownState = own == null ? 0L : own.state();
        NeuralNetwork child = copy();                      // copy() advances the own stream; undo that
        if (own == null) {
            evolutionRng = null;
        } else {
            own.setState(ownState);
        }
        child.evolutionRng = rng.split();
        return child;
    }

    /** Called by {@link #copy()}: the copy continues on a stream split from this network's own. */
    private void giveCopyItsOwnStream(NeuralNetwork copy) {
        copy.evolutionRng = evolutionRng().split();
    }

    private void checkSameShape(NeuralNetwork other, String what) {
        Objects.requireNonNull(other, "the other parent must not be null");
        int[] a = layerSizes();
        int[] b = other.layerSizes();
        if (!java.util.Arrays.equals(a, b)) {
            throw new IllegalArgumentException(what + " needs two networks of one shape, got " + shapeName(a)
                    + " and " + shapeName(b));
        }
        for (int l = 0; l < layers.size(); l++) {
            ActivationFunction fa = layers.get(l).activation();
            ActivationFunction fb = other.layers.get(l).activation();
            if (fa != fb) {
                throw new IllegalArgumentException(what + " needs two networks with the same activations, but layer "
                        + l + " of " + shapeName(a) + " uses " + fa.name() + " in one and " + fb.name() + " in the other");
            }
        }
    }

    private static String shapeName(int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            sb.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        return sb.toString();
    }
    // ================================================================ END evolve (issue 7)

    // ---------------------------------------------------------------- files

    /**
     * Reads a network saved by Toy-Neural-Network-JS's {@code serialize()}. The file holds the weights
     * and the learning rate but no activation function, so it is given here.
     *
     * @throws IllegalArgumentException when the JSON is malformed, with what was wrong and expected
     */
    public static NeuralNetwork fromToyNNJs(String json, ActivationFunction activation) {
        return ToyNNJsFormat.read(json, activation);
    }

    /**
     * This network in Toy-Neural-Network-JS's {@code serialize()} format. That format has no
     * normalizers, so an input normalizer (and a target normalizer on a linear output layer) is
     * folded into the weights: the file takes raw inputs, as {@link #predict} does here. Class
     * names are not kept.
     *
     * @throws IllegalStateException unless the network has exactly one hidden layer and one
     *                               activation for all layers (the only shape that format holds), or
     *                               when a target normalizer meets a non-linear output layer
     */
    public String toToyNNJs() {
        return ToyNNJsFormat.write(NormalizerFolding.fold(this, "a Toy-NN-JS file"));
    }

    /** This network as ToyNN's versioned JSON model (see {@link ModelFile}). */
    public String toJson() {
        return ModelFile.write(this);
    }

    /** Reads ToyNN's versioned JSON model. */
    public static NeuralNetwork fromJson(String json) {
        return ModelFile.read(json);
    }

    /**
     * Saves the network as ToyNN's JSON model file, atomically: a failed save leaves an existing file as it was.
     *
     * @throws IllegalStateException if an activation is custom (a file holds data, not code)
     */
    public void save(Path path) throws IOException {
        Objects.requireNonNull(path, "path must not be null; give the file to save to, e.g. Path.of(\"model.json\")");
        ModelFile.save(this, path);
    }

    /** Loads a model file written by {@link #save(Path)}. */
    public static NeuralNetwork load(Path path) throws IOException {
        Objects.requireNonNull(path, "path must not be null; give the model file to load, e.g. Path.of(\"model.json\")");
        return ModelFile.load(path);
    }

    // ==================================================================== data (issue 4): begin
    // Normalisation and class names (applied by predict, saved by ModelFile) and the ml5-style
    // sketch API: addData, normalizeData, train(epochs), classify.

    private Normalizer inputNormalizer;         // null: inputs are used as given
    private Normalizer targetNormalizer;        // null: outputs are returned as computed
    private List<String> classNames = List.of();
    private List<String> inputColumns = List.of();  // empty: not known
    private InputShape inputShape;              // null: not known (built by hand, trained one sample at a time)
    private DataCollector collectedData;        // made by the first addData
    private List<String> collectedColumns;      // the input names of addData(Map) examples; null: none, or arrays
    private boolean regressor;                  // made by regressor(): addData takes numbers, not labels

    /**
     * Makes {@link #predict} and {@link #classify} normalize raw inputs with {@code n} before the
     * forward pass — fit it on the training inputs ({@link Normalizer#fitInputs}) and train on the
     * normalized data. {@code null} removes it. Saved in the model file.
     *
     * @throws IllegalArgumentException unless {@code n} has one column per input
     */
    public void setInputNormalizer(Normalizer n) {
        checkNotTrainingElsewhere("setInputNormalizer");
        if (n != null && n.size() != inputSize()) {
            throw new IllegalArgumentException("the input normalizer has " + n.size() + " columns but the network has "
                    + inputSize() + " inputs");
        }
        this.inputNormalizer = n;
    }

    /** The input normalizer, or null. */
    public Normalizer inputNormalizer() {
        return inputNormalizer;
    }

    /**
     * For regression on normalized targets: makes {@link #predict} map outputs back to the original
     * units with {@link Normalizer#denormalize}. {@code null} removes it. Saved in the model file.
     *
     * @throws IllegalArgumentException unless {@code n} has one column per output
     */
    public void setTargetNormalizer(Normalizer n) {
        checkNotTrainingElsewhere("setTargetNormalizer");
        if (n != null && n.size() != outputSize()) {
            throw new IllegalArgumentException("the target normalizer has " + n.size() + " columns but the network has "
                    + outputSize() + " outputs");
        }
        this.targetNormalizer = n;
    }

    /** The target normalizer, or null. */
    public Normalizer targetNormalizer() {
        return targetNormalizer;
    }

    /**
     * {@code raw} as this network trains on it: inputs normalized by {@link #inputNormalizer()} and
     * targets by {@link #targetNormalizer()}, where set (with neither, {@code raw} itself). {@link #predict}
     * and {@link #classify} normalize raw inputs themselves, but {@link #fit}, {@link #partialFit} and
     * {@link #evaluate} take the data as given — so score a loaded model on raw data with
     * {@code nn.evaluate(nn.normalized(rawTest))}.
     *
     * @throws IllegalArgumentException when the data's columns do not fit the normalizers
     */
    public DataSet normalized(DataSet raw) {
        Objects.requireNonNull(raw, "data must not be null");
        DataSet d = raw;
        if (inputNormalizer != null) {
            d = inputNormalizer.normalizeInputs(d);
        }
        if (targetNormalizer != null) {
            d = targetNormalizer.normalizeTargets(d);
        }
        return d;
    }

    /**
     * Names the outputs as classes (output {@code i} is class {@code names.get(i)}), for
     * {@link #classify}; an empty list removes them. Saved in the model file.
     *
     * <p>A network with a single output is a binary classifier (as {@link toynn.train.Metrics} scores
     * it: class 1 when the output is ≥ 0.5, else class 0), so it takes two names: class 0's, then
     * class 1's — e.g. {@code List.of("no", "yes")}. One name is still accepted (files written before
     * hold it) and kept, but does not name the two classes: they are labelled "0" and "1".
     *
     * @throws IllegalArgumentException unless there is one distinct, non-null name per output (or two
     *                                  for a single output)
     */
    public void setClassNames(List<String> names) {
        Objects.requireNonNull(names, "class names must not be null (use an empty list)");
        if (!names.isEmpty() && !classNamesFit(names.size(), outputSize())) {
            throw new IllegalArgumentException(names.size() + " class names for " + outputSize()
                    + (outputSize() == 1 ? " output; expected two (class 0's, then class 1's: a single output is a"
                    + " binary classifier)" : " outputs; expected one name per output"));
        }
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (String name : names) {                            // (List.of(...).contains(null) would throw)
            distinct.add(name);
        }
        if (distinct.contains(null) || distinct.size() != names.size()) {
            throw new IllegalArgumentException("class names must be distinct and not null, got " + names);
        }
        this.classNames = List.copyOf(names);
    }

    /**
     * Whether {@code names} class names fit a network of {@code outputs} outputs: one per output, or two
     * for a single output (a binary classifier: class 0's, then class 1's). {@link #setClassNames}, the
     * model file readers and the sketch API's data collector all go by this rule.
     */
    public static boolean classNamesFit(int names, int outputs) {
        return names == outputs || (outputs == 1 && names == 2);
    }

    /**
     * Whether this is a binary classifier with both classes named: a single output and two class names
     * (class 0's, then class 1's), see {@link #setClassNames}.
     */
    public boolean hasBinaryClassNames() {
        return outputSize() == 1 && classNames.size() == 2;
    }

    /** The class names in output order; empty when none were set. */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Records what one input row is — an image of {@code width × height} pixels or plain values — for
     * tools that turn files into inputs ({@code toynn predict IMAGE.png}); {@code null}: not known.
     * {@link #fit} and {@link #partialFit} record their data's shape when none is set. Saved in the model file.
     *
     * @throws IllegalArgumentException if an image's {@code width × height} is not the number of inputs
     */
    public void setInputShape(InputShape shape) {
        if (shape != null) {
            shape.requireInputs(inputSize(), "the network has");
        }
        this.inputShape = shape;
    }

    /** What one input row is, or {@code null} when not known (see {@link #setInputShape}). */
    public InputShape inputShape() {
        return inputShape;
    }

    /**
     * fit on a data set of named classes names the outputs, as scikit-learn's {@code classes_}, unless names
     * were set (DataSet checks its names are distinct and non-null; one column of a binary set names too few).
     */
    private void noteClassNames(DataSet data) {
        List<String> names = data.classNames();
        if (classNames.isEmpty() && !regressor && names.size() >= 2 && names.size() == outputSize()) {
            classNames = names;                                  // immutable (List.copyOf in DataSet)
        }
    }

    /**
     * Names the inputs by their data columns, as {@link toynn.data.CsvReader} lays them out: a numeric column
     * by its name, a categorical column {@code col} as one input {@code col=value} per category (its one-hot
     * group). {@link #predict(Map)} and {@link #classify(Map)} encode raw rows by these names; an empty list
     * removes them. {@link #fit} records its data's column names when none are set. Saved in the model file.
     *
     * @throws IllegalArgumentException unless there is one distinct, non-null, non-blank name per input, and no
     *                                  plain name is also the column of a one-hot group
     */
    public void setInputColumns(List<String> names) {
        Objects.requireNonNull(names, "input column names must not be null (use an empty list)");
        List<String> copy = new ArrayList<>(names);             // (List.copyOf would throw a bare NPE on a null name)
        if (!copy.isEmpty()) {
            InputColumns.check(copy, inputSize());
        }
        this.inputColumns = List.copyOf(copy);
    }

    /** The input column names in input order (see {@link #setInputColumns}); empty when not known. */
    public List<String> inputColumns() {
        return inputColumns;
    }

    /**
     * The raw columns a row for {@link #predict(Map)} has, in input order: each numeric column with an empty
     * list, each text column ({@code col=value} inputs) with its categories — what a reader of raw rows (a CSV
     * with a header) needs to check a row. Empty when the {@link #inputColumns()} are not known.
     */
    public Map<String, List<String>> rawInputColumns() {
        return Collections.unmodifiableMap(InputColumns.layout(inputColumns));
    }

    /**
     * Predicts from a raw row by the {@link #inputColumns()}: a numeric column takes a {@link Number} (or a
     * numeric String); a categorical column {@code col} takes its category (a String, or any value's
     * {@code toString()}), which sets its input {@code col=value} to 1 and the rest of its group to 0. Then as
     * {@link #predict(double[])} (which applies the input normalizer).
     *
     * <pre>{@code
     * double[] out = nn.predict(Map.of("sepal", 5.1, "color", "red"));
     * }</pre>
     *
     * @throws IllegalArgumentException when the network has no input column names, a column is missing or
     *                                  unknown, a category was not seen in training, or a numeric column's
     *                                  value is not a finite number
     */
    public double[] predict(Map<String, ?> row) {
        return predict(InputColumns.encode(inputColumns, row));
    }

    /**
     * {@link #classify(double[])} on a raw row, encoded as {@link #predict(Map)} does.
     *
     * @throws IllegalArgumentException as {@link #predict(Map)}
     * @throws IllegalStateException    as {@link #classify(double[])}
     */
    public List<Classification> classify(Map<String, ?> row) {
        return classify(InputColumns.encode(inputColumns, row));
    }

    /** fit on data with column names (one per input) names the inputs, unless they are named already. */
    private void noteInputColumns(DataSet data) {
        List<String> names = data.columnNames();
        if (inputColumns.isEmpty() && names.size() == inputSize()) {
            try {
                InputColumns.check(names, inputSize());
                inputColumns = names;                            // immutable (List.copyOf in DataSet)
            } catch (IllegalArgumentException e) {
                // names a raw row cannot address (duplicates, blank): the network stays without them
            }
        }
    }

    /** Records the shape of the data the network is trained on, unless one is known already. */
    private void noteInputShape(DataSet data) {
        if (inputShape == null && data.inputSize() == inputSize()) {
            inputShape = InputShape.of(data);
        }
    }

    /**
     * Classifies raw inputs: {@link #predict} (which applies the input normalizer), then every class
     * with the network's output for it, best first (ties keep output order). Labels are the class
     * names, or "0", "1", … when none were set.
     *
     * <p>A network with a single output is a binary classifier, as {@link toynn.train.Metrics} scores
     * it: the answer holds two classes, class 1 with confidence {@code p} (the output) and class 0 with
     * {@code 1 − p}, best first — class 1 first when {@code p ≥ 0.5}. Their labels are the two class
     * names (see {@link #setClassNames}), or "1" and "0".
     *
     * @throws IllegalStateException on a {@link #regressor} or a network with a target normalizer: their
     *                               outputs are numbers, not class scores (use {@link #predict})
     */
    public List<Classification> classify(double[] raw) {
        if (regressor || targetNormalizer != null) {
            throw new IllegalStateException("classify is for classifiers, and this network is a regressor (its outputs "
                    + "are target numbers" + (targetNormalizer != null ? ", denormalized" : "") + "); use predict");
        }
        double[] out = predict(raw);
        if (out.length == 1) {
            boolean named = hasBinaryClassNames();           // a single (older) name does not name both classes
            Classification one = new Classification(named ? classNames.get(1) : "1", out[0]);
            Classification zero = new Classification(named ? classNames.get(0) : "0", 1 - out[0]);
            return new ArrayList<>(out[0] >= 0.5 ? List.of(one, zero) : List.of(zero, one));   // Metrics.classOf: ≥ 0.5 is 1
        }
        Integer[] order = new Integer[out.length];
        for (int i = 0; i < out.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(out[b], out[a]));
        List<Classification> result = new ArrayList<>(out.length);
        for (int i : order) {
            result.add(new Classification(classNames.isEmpty() ? Integer.toString(i) : classNames.get(i), out[i]));
        }
        return result;
    }

    /** {@link #classify(double[])} for float32 inputs (a sketch's {@code float[]}): the same answer. */
    public List<Classification> classify(float[] raw) {
        return classify(doubles(raw));
    }

    /**
     * ml5 style: remembers an example with a class label, for {@link #normalizeData()} and
     * {@link #train(int)}. Labels become outputs in the order they first appear (or follow
     * {@link #setClassNames} when set first); there can be at most {@link #outputSize()} of them, or
     * two for a network with a single output (a binary classifier: the first label is trained as 0,
     * the second as 1).
     *
     * @throws IllegalArgumentException for a wrong input length, NaN, a blank or unknown label, when
     *                                  earlier examples had target numbers or were maps
     *                                  ({@link #addData(Map, String)}), or on a {@link #regressor}
     */
    public void addData(double[] inputs, String label) {
        requireArrayData();
        addLabelled(inputs, label);
    }

    private void addLabelled(double[] inputs, String label) {
        if (regressor) {                                   // labels would make it a classifier with a linear output
            throw new IllegalArgumentException("a regressor takes target numbers, one per output ("
                    + outputSize() + "), not a label (got \"" + label + "\"); use addData(inputs, new double[] {...}),"
                    + " or NeuralNetwork.classifier(...) for labels");
        }
        collector().add(inputs, label);
    }

    /**
     * ml5 style: remembers an example with target numbers (regression), one per output.
     *
     * @throws IllegalArgumentException for wrong lengths, NaN, or when earlier examples had labels or were maps
     */
    public void addData(double[] inputs, double[] targets) {
        requireArrayData();
        collector().add(inputs, targets);
    }

    /**
     * ml5 style with named inputs: {@code addData(Map.of("r", 255, "g", 0, "b", 0), "red-ish")}, as ml5.js's
     * {@code nn.addData({r: 255, g: 0, b: 0}, {label: 'red-ish'})}; then {@link #classify(Map)} and
     * {@link #predict(Map)} take rows by the same names. Each value is a {@link Number} (a category as text is
     * refused). The first example fixes the names: the network's {@link #inputColumns()} when it has them
     * (set by hand, or a loaded model's), otherwise its keys sorted by {@link String#compareTo} — so
     * {@code {r, g, b}} are inputs {@code [b, g, r]} whatever the map's order (a {@code HashMap} keeps none) —
     * which it sets with {@link #setInputColumns}. Every later example must have exactly those names. One
     * network's examples are all maps or all arrays, until {@link #clearData()}.
     *
     * @throws IllegalArgumentException for a missing or extra name, a value that is not a finite number, a
     *                                  name with {@code '='} (kept for one-hot groups), the wrong number of
     *                                  inputs, examples added as arrays, or as {@link #addData(double[], String)}
     */
    public void addData(Map<String, ?> inputs, String label) {
        List<String> names = namedDataColumns(inputs);
        addLabelled(InputColumns.exampleInputs(names, inputs), label);
        noteNamedData(names);
    }

    /**
     * {@link #addData(Map, String)} with target numbers (regression), one per output.
     *
     * @throws IllegalArgumentException as {@link #addData(Map, String)} and {@link #addData(double[], double[])}
     */
    public void addData(Map<String, ?> inputs, double[] targets) {
        List<String> names = namedDataColumns(inputs);
        collector().add(InputColumns.exampleInputs(names, inputs), targets);
        noteNamedData(names);
    }

    /** Arrays are in input order, maps by name: one network's examples are all one or the other. */
    private void requireArrayData() {
        if (collectedColumns != null) {
            throw new IllegalArgumentException("this network's examples were added as maps by input name "
                    + collectedColumns + "; add every example the same way (or clearData() first)");
        }
    }

    /** The input names an addData(Map) example must have (see addData(Map, String)). */
    private List<String> namedDataColumns(Map<String, ?> example) {
        if (collectedColumns != null) {
            return collectedColumns;
        }
        if (collectedData != null && collectedData.size() > 0) {
            throw new IllegalArgumentException("this network's examples were added as arrays (" + collectedData.size()
                    + " so far), in input order; add every example the same way (or clearData() first)");
        }
        if (!inputColumns.isEmpty()) {
            for (String name : inputColumns) {
                if (InputColumns.column(name) != null) {
                    throw new IllegalArgumentException("this network's inputs " + inputColumns + " include one-hot "
                            + "groups (col=value); addData(Map, ...) takes numeric inputs only; use addData(double[], ...)");
                }
            }
            return inputColumns;            // the network is named already: its weights follow that order
        }
        List<String> names = InputColumns.exampleNames(example);
        if (names.size() != inputSize()) {
            throw new IllegalArgumentException("the example has " + names.size() + " inputs " + names + " but the "
                    + "network has " + inputSize() + "; give one value per input");
        }
        return names;
    }

    /** After the first addData(Map) example went in: its names are the data's and the network's. */
    private void noteNamedData(List<String> names) {
        if (collectedColumns == null) {
            collectedColumns = names;
            inputColumns = names;           // checked by InputColumns.exampleNames, immutable
        }
    }

    /** {@link #addData(double[], String)} for float32 inputs (a sketch's {@code float[]}). */
    public void addData(float[] inputs, String label) {
        addData(doubles(inputs), label);
    }

    /** {@link #addData(double[], double[])} for float32 inputs and targets (a sketch's {@code float[]}). */
    public void addData(float[] inputs, float[] targets) {
        addData(doubles(inputs), doubles(targets));
    }

    /**
     * The examples given to {@code addData} so far, as a data set (a copy; raw, not normalized); examples
     * given as maps name its {@link DataSet#columnNames()}.
     */
    public DataSet collectedData() {
        if (collectedData == null) {
            throw new IllegalStateException("no data yet; add examples with addData(inputs, label or targets) first");
        }
        DataSet data = collectedData.toDataSet();
        return collectedColumns == null ? data : data.withNames(data.classNames(), collectedColumns);
    }

    /**
     * Forgets the examples given to {@code addData} (the network itself is unchanged, its
     * {@link #inputColumns()} too: new examples as maps must have the same names).
     */
    public void clearData() {
        collectedData = null;
        collectedColumns = null;
    }

    /**
     * ml5 style: fits min-max normalizers ([0, 1] per column) on the examples given to {@code addData}
     * — inputs, and targets too for regression data — and sets them with {@link #setInputNormalizer}
     * and {@link #setTargetNormalizer}. From then on {@link #train(int)} trains on normalized data while
     * {@link #predict} and {@link #classify} take raw inputs and give outputs in original units.
     *
     * @throws IllegalStateException when no data was added
     */
    public void normalizeData() {
        DataSet raw = collectedData();
        setInputNormalizer(Normalizer.fitInputs(Normalizer.Method.MIN_MAX, raw));
        if (!collectedData.isClassification()) {
            setTargetNormalizer(Normalizer.fitTargets(Normalizer.Method.MIN_MAX, raw));
        }
    }

    /** The hidden layer of {@link #classifier} and {@link #regressor}: ml5.js's default, 16 ReLU units. */
    public static final int SKETCH_HIDDEN_UNITS = 16;
    /** The Adam learning rate of {@link #classifier} and {@link #regressor}. */
    public static final double SKETCH_LEARNING_RATE = 0.02;
    /** The minibatch size of {@link #train(int)}. */
    public static final int SKETCH_BATCH_SIZE = 32;

    /**
     * ml5 style: a network for classifying into the given classes —
     * {@code inputs → 16 ReLU → one softmax output per class}, cross-entropy, {@code Adam.of(0.02)},
     * seed {@value NetworkBuilder#DEFAULT_SEED} (same data ⇒ same model; use {@link #builder()} for
     * anything else). Feed it with {@link #addData(double[], String)}, then {@link #normalizeData()}
     * and {@link #train(int)}.
     *
     * @throws IllegalArgumentException for fewer than two classes, duplicate names or a bad size
     */
    public static NeuralNetwork classifier(int inputs, String... classNames) {
        Objects.requireNonNull(classNames, "class names must not be null");
        return classifier(inputs, java.util.Arrays.asList(classNames));   // (List.of would throw a bare NPE on a null name)
    }

    /**
     * As {@link #classifier(int, String...)}, with hidden layers of the given sizes (default: one of
     * {@value #SKETCH_HIDDEN_UNITS}), all ReLU.
     */
    public static NeuralNetwork classifier(int inputs, List<String> classNames, int... hiddenUnits) {
        Objects.requireNonNull(classNames, "class names must not be null");
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two classes, got " + classNames);
        }
        NeuralNetwork nn = sketchNetwork(inputs, classNames.size(), ActivationFunction.SOFTMAX, hiddenUnits);
        nn.setClassNames(classNames);
        return nn;
    }

    /**
     * ml5 style: a classifier for {@code classes} classes whose names are the labels given to
     * {@link #addData(double[], String)}, in the order they first appear.
     */
    public static NeuralNetwork classifier(int inputs, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least two classes, got " + classes);
        }
        return sketchNetwork(inputs, classes, ActivationFunction.SOFTMAX);
    }

    /**
     * ml5 style: a network for predicting {@code outputs} numbers —
     * {@code inputs → 16 ReLU (or the given hidden sizes) → outputs, linear}, squared error,
     * {@code Adam.of(0.02)}, seed {@value NetworkBuilder#DEFAULT_SEED}. With {@link #normalizeData()} it
     * learns on targets scaled to [0, 1] and {@link #predict} answers in the original units. Feed it
     * with {@link #addData(double[], double[])}; a label ({@link #addData(double[], String)}) is refused.
     */
    public static NeuralNetwork regressor(int inputs, int outputs, int... hiddenUnits) {
        NeuralNetwork nn = sketchNetwork(inputs, outputs, ActivationFunction.LINEAR, hiddenUnits);
        nn.regressor = true;
        return nn;
    }

    /**
     * Whether this network predicts numbers only: made by {@link #regressor} (or read from the model file
     * of one). {@link #classify} then refuses it and {@link #addData(double[], String)} refuses labels.
     */
    public boolean isRegressor() {
        return regressor;
    }

    /**
     * Marks this network as a regressor or not (see {@link #isRegressor()}); {@link #regressor} and the
     * model file reader set it, and the model file keeps it.
     */
    public void setRegressor(boolean regressor) {
        this.regressor = regressor;
    }

    private static NeuralNetwork sketchNetwork(int inputs, int outputs, ActivationFunction out, int... hidden) {
        NetworkBuilder b = builder().inputs(inputs);
        int[] sizes = hidden == null || hidden.length == 0 ? new int[] {SKETCH_HIDDEN_UNITS} : hidden;
        for (int h : sizes) {
            b.dense(h, ActivationFunction.RELU);
        }
        return b.dense(outputs, out).optimizer(toynn.train.Adam.of(SKETCH_LEARNING_RATE)).build();
    }

    /** ml5 style: {@link #train(int, EpochCallback)} without a callback. */
    public History train(int epochs) {
        return train(epochs, null);
    }

    /**
     * ml5 style: trains on the examples given to {@code addData} for {@code epochs} more epochs with
     * {@link #fit} — shuffled minibatches of {@value #SKETCH_BATCH_SIZE}, the network's own loss and
     * optimizer (see {@link #classifier} and {@link #regressor} for the ml5 defaults; a network from
     * {@code new NeuralNetwork(...)} trains with squared error and plain SGD at its learning rate). When
     * {@link #normalizeData()} was called, it trains on the normalized examples. Labelled examples also
     * set {@link #classNames()}. Calling it again continues where the last call stopped.
     *
     * @param epochs   passes over the data, at least 1
     * @param callback called after every epoch with the epoch of this call (from 1) and its mean
     *                 training loss (ml5's {@code whileTraining}); may be null
     * @return the history of this call
     * @throws IllegalStateException when no data was added, or labelled data has fewer classes than outputs
     *                               (than two, for a single output)
     * @throws TrainingDivergedException when the loss becomes NaN or infinite
     */
    public History train(int epochs, EpochCallback callback) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        DataSet data = collectedData();
        if (collectedColumns != null && !collectedColumns.equals(inputColumns)) {   // setInputColumns since
            throw new IllegalStateException("the examples were added by the input names " + collectedColumns
                    + " but the network's inputColumns() are now " + inputColumns + "; setInputColumns back, or "
                    + "clearData() and add them again");
        }
        if (collectedData.isClassification()) {
            if (classNames.isEmpty()) {
                setClassNames(collectedData.classNames());   // (binary data on one output: the set names none)
            }
        } else if (targetNormalizer != null) {
            data = targetNormalizer.normalizeTargets(data);
        }
        if (inputNormalizer != null) {
            data = inputNormalizer.normalizeInputs(data);
        }
        int done = epochsTrained();
        FitOptions options = FitOptions.create().initialEpoch(done).epochs(done + epochs)
                .batchSize(SKETCH_BATCH_SIZE).shuffle(true);
        if (callback != null) {
            options.listener(new toynn.train.TrainingListener() {
                @Override
                public void onEpochEnd(toynn.train.EpochEvent e) {
                    callback.onEpoch(e.epoch() - done, e.trainLoss());
                }
            });
        }
        return fit(data, options);
    }

    private DataCollector collector() {
        if (collectedData == null) {
            collectedData = new DataCollector(inputSize(), outputSize(), classNames);
        }
        return collectedData;
    }

    /**
     * Applies the input normalizer to one input row in place (nothing when there is none); refuses a value
     * it maps beyond float32 (a column with a tiny spread), which the forward pass would run on as ±∞.
     */
    private void normalizeInput(float[] x) {
        Normalizer n = inputNormalizer;
        if (n != null) {
            try {
                n.normalize(x, x, 1);
            } catch (IllegalArgumentException e) {             // "column c: …": the row is this network's input
                throw new IllegalArgumentException("input " + e.getMessage(), e);
            }
        }
    }

    /** Maps one output row back to target units in place (nothing when there is no target normalizer). */
    private void denormalizeOutput(double[] y) {
        Normalizer n = targetNormalizer;
        if (n != null) {
            double[] back = n.denormalize(y);
            System.arraycopy(back, 0, y, 0, y.length);
        }
    }

    /**
     * Maps one output row back to target units in place; {@code raw} holds the same outputs before (the
     * forward pass's buffer, so that the check allocates nothing per call).
     */
    private void denormalizeOutput(float[] y, float[] raw) {
        Normalizer n = targetNormalizer;
        if (n != null) {
            n.denormalize(y, y, 1);
            for (int i = 0; i < y.length; i++) {
                if (!Float.isFinite(y[i]) && Float.isFinite(raw[i])) {     // a huge target range: float32 overflows
                    throw new IllegalStateException("output " + i + " (" + raw[i] + ") maps back to "
                            + n.denormalize(doubles(raw))[i] + " in target units, beyond the float32 range (±"
                            + Float.MAX_VALUE + "); use predict(double[]), which returns doubles");
                }
            }
        }
    }

    private void copyDataSettingsTo(NeuralNetwork c) {
        c.inputNormalizer = inputNormalizer;        // immutable, safe to share
        c.targetNormalizer = targetNormalizer;
        c.classNames = classNames;
        c.inputColumns = inputColumns;
        c.inputShape = inputShape;
        c.regressor = regressor;
    }
    // ==================================================================== data (issue 4): end

    private void checkLayerIndex(int layer) {
        if (layer < 0 || layer >= layers.size()) {
            throw new IllegalArgumentException("layer " + layer + " does not exist; this network has layers 0 to "
                    + (layers.size() - 1));
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NeuralNetwork(");
        int[] s = layerSizes();
        for (int i = 0; i < s.length; i++) {
            sb.append(i == 0 ? "" : "-").append(s[i]);
        }
        sb.append(", ").append(activation == null ? "mixed" : activation.name());
        return sb.append(", lr ").append(learningRate).append(')').toString();
    }
}
