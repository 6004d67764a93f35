package toynn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import toynn.io.ModelFile;
import toynn.io.ToyNNJsFormat;
import toynn.kernels.Kernels;
import toynn.layers.Dense;
import toynn.util.Checks;
import toynn.util.Rng;

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
 * <p>Seeds: {@code new NeuralNetwork(...)} draws a fresh seed (like {@code Math.random()}) and
 * records it in {@link #seed()}; {@link #seeded(long, int...)} makes the initial weights
 * reproducible.
 *
 * <p>Threads: {@link #predict} may be called from many threads at once on a network that is not
 * being changed; {@code train}, {@code mutate} and the setters must not run concurrently with
 * anything else on the same network.
 */
public class NeuralNetwork {
    /** The learning rate of the friendly constructor, as in the lecture. */
    public static final double DEFAULT_LEARNING_RATE = 0.1;

    private final List<Dense> layers;
    private double learningRate = DEFAULT_LEARNING_RATE;
    private UpdateRule updateRule = UpdateRule.LECTURE;
    private long seed;
    private ActivationFunction activation;  // the one set for all layers; null when layers differ

    // Per-sample training workspace (reused: train() allocates nothing).
    private float[][] trainActs;   // [0] = input, [l+1] = output of layer l
    private float[][] trainErrs;   // error at the output of layer l
    private float[][] trainGrads;  // dZ, then G = lr·dZ, of layer l
    private float[] trainTarget;
    // Per-thread prediction workspace, so predict() is safe to share across threads.
    private final ThreadLocal<float[][]> predictActs = ThreadLocal.withInitial(this::newActivationBuffers);

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
        Objects.requireNonNull(f, "activation function must not be null");
        for (Dense d : layers) {
            d.setActivation(f);
        }
        this.activation = f;
    }

    /** Uses {@code f} in layer {@code layer} only (0 = first hidden layer). */
    public void setActivationFunction(int layer, ActivationFunction f) {
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
     * @throws IllegalArgumentException if the input is null, has the wrong length, or holds NaN/infinity
     */
    public double[] predict(double[] input) {
        Checks.vector(input, inputSize(), "input");
        float[][] acts = predictActs.get();
        float[] x = acts[0];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) input[i];
        }
        float[] out = forward(acts);
        double[] result = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            result[i] = out[i];
        }
        return result;
    }

    /** {@link #predict(double[])} for float32 inputs and outputs. */
    public float[] predict(float[] input) {
        Checks.vector(input, inputSize(), "input");
        float[][] acts = predictActs.get();
        System.arraycopy(input, 0, acts[0], 0, input.length);
        return forward(acts).clone();
    }

    /** Runs every layer on acts[0]; returns the output buffer. */
    private float[] forward(float[][] acts) {
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(acts[l], 1, acts[l + 1]);    // H = f(W·X + b)
        }
        return acts[layers.size()];
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
     * @throws IllegalArgumentException if input or target is null, the wrong length, or not finite
     * @throws TrainingDivergedException if the outputs, errors, gradients or updated weights would be NaN or
     *                                   infinite; that step then changes no weight
     */
    public void train(double[] input, double[] target) {
        Checks.vector(input, inputSize(), "input");
        Checks.vector(target, outputSize(), "target");
        ensureTrainBuffers();
        for (int i = 0; i < input.length; i++) {
            trainActs[0][i] = (float) input[i];
        }
        for (int i = 0; i < target.length; i++) {
            trainTarget[i] = (float) target[i];
        }
        step(null);
    }

    /** {@link #train(double[], double[])} for float32 inputs and targets. */
    public void train(float[] input, float[] target) {
        Checks.vector(input, inputSize(), "input");
        Checks.vector(target, outputSize(), "target");
        ensureTrainBuffers();
        System.arraycopy(input, 0, trainActs[0], 0, input.length);
        System.arraycopy(target, 0, trainTarget, 0, target.length);
        step(null);
    }

    /**
     * Does exactly what {@link #train(double[], double[])} does, and returns every quantity of the
     * step — outputs, errors, gradients, deltas per layer — for learning how backpropagation works.
     */
    public TrainingStep trainStep(double[] input, double[] target) {
        Checks.vector(input, inputSize(), "input");
        Checks.vector(target, outputSize(), "target");
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
     * The lecture's step on trainActs[0] and trainTarget; fills record when not null; returns the loss.
     * Two passes: first every layer's error and gradient, from the output back, with the weights of the
     * forward pass; then, once all of them are known to be finite, the updates. So a step that diverges
     * throws before it changes any weight.
     */
    private double step(TrainingStep.Layer[] record) {
        int last = layers.size() - 1;
        float[] output = forward(trainActs);
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
                // E_h = Wᵀ·E (lecture) or Wᵀ·(E ⊙ f′(O)) (exact), with W of the forward pass.
                float[] passed = updateRule == UpdateRule.LECTURE ? err : g;
                Kernels.matvecT(w, passed, trainErrs[l - 1], out, in, 1f, 0f);   // E_h = Wᵀ·E   (in)
            }
            for (int i = 0; i < out; i++) {
                g[i] *= lr;                                    // G = lr · E ⊙ f′(O)
            }
            if (!Checks.allFinite(err, out) || !Checks.allFinite(g, out)) {
                throw new TrainingDivergedException("training diverged: the error or gradient of layer " + l
                        + " is NaN or infinite; use a lower learning rate (now " + learningRate
                        + "); the weights were left as they were before this step");
            }
            if (!updateStaysFinite(w, layer.bias(), g, trainActs[l], out, in)) {
                throw new TrainingDivergedException("training diverged: the update of layer " + l
                        + " would make a weight infinite; use a lower learning rate (now " + learningRate
                        + ") or scale the inputs; the weights were left as they were before this step");
            }
        }
        // Pass 2: W += ΔW = G·Hᵀ and b += Δb = G, every layer.
        for (int l = 0; l <= last; l++) {
            Dense layer = layers.get(l);
            int in = layer.inputs();
            int out = layer.outputs();
            float[] h = trainActs[l];                          // input H of this layer       (in)
            float[] g = trainGrads[l];                         // G                           (out)
            float[] w = layer.weights();                       //                             (out, in)
            float[] b = layer.bias();                          //                             (out)
            if (record != null) {
                Matrix gm = Matrix.fromArray(g);
                Matrix hm = Matrix.fromArray(h);
                record[l] = new TrainingStep.Layer(hm, Matrix.fromArray(trainActs[l + 1]),
                        Matrix.fromRowMajor(w, out, in), Matrix.fromArray(trainErrs[l]), gm,
                        Matrix.multiply(gm, Matrix.transpose(hm)), gm.copy());
            }
            Kernels.rank1Update(w, g, h, out, in, 1f);         // W += ΔW = G·Hᵀ              (out, in)
            Kernels.axpy(1f, g, b, out);                       // b += Δb = G                 (out)
        }
        return loss;
    }

    /**
     * True when {@code W + G·Hᵀ} and {@code b + G} stay finite. Cheap in the normal case (a bound from
     * the largest |G| and |H|); only a huge step pays for checking every sum.
     */
    private static boolean updateStaysFinite(float[] w, float[] b, float[] g, float[] h, int out, int in) {
        double maxG = maxAbs(g, out);
        double maxH = maxAbs(h, in);
        if (maxG < SAFE_DELTA && maxG * maxH < SAFE_DELTA) {
            return true;
        }
        for (int i = 0; i < out; i++) {
            float gi = g[i];
            int row = i * in;
            for (int j = 0; j < in; j++) {
                if (!Float.isFinite(w[row + j] + gi * h[j])) {
                    return false;
                }
            }
            if (!Float.isFinite(b[i] + gi)) {
                return false;
            }
        }
        return true;
    }

    /** max |a[i]| over a[0..n); NaN if any value is NaN. */
    private static double maxAbs(float[] a, int n) {
        float m = 0f;
        for (int i = 0; i < n; i++) {
            float v = Math.abs(a[i]);
            if (Float.isNaN(v)) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        return m;
    }

    // ---------------------------------------------------------------- evolution helpers

    /** A deep copy: weights, biases, activations, learning rate, update rule and seed. */
    public NeuralNetwork copy() {
        List<Dense> copies = new ArrayList<>(layers.size());
        for (Dense d : layers) {
            copies.add(d.copy());
        }
        NeuralNetwork c = new NeuralNetwork(copies, seed);
        c.learningRate = learningRate;
        c.updateRule = updateRule;
        c.activation = activation;
        return c;
    }

    /**
     * Replaces every weight and bias {@code w} by {@code fn(w)} — the lecture's neuroevolution
     * {@code mutate}, e.g. {@code w -> Math.random() < 0.1 ? w + gaussian() * 0.5 : w}.
     *
     * @throws IllegalArgumentException if {@code fn} returns NaN or an infinite value
     */
    public void mutate(DoubleUnaryOperator fn) {
        Objects.requireNonNull(fn, "mutation function must not be null");
        for (Dense d : layers) {
            mapInPlace(d.weights(), fn);
            mapInPlace(d.bias(), fn);
        }
    }

    private static void mapInPlace(float[] a, DoubleUnaryOperator fn) {
        for (int i = 0; i < a.length; i++) {
            double v = fn.applyAsDouble(a[i]);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("mutation function returned " + v + " for weight " + a[i]
                        + "; it must return finite numbers");
            }
            a[i] = (float) v;
        }
    }

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
     * This network in Toy-Neural-Network-JS's {@code serialize()} format.
     *
     * @throws IllegalStateException unless the network has exactly one hidden layer and one
     *                               activation for all layers (the only shape that format holds)
     */
    public String toToyNNJs() {
        return ToyNNJsFormat.write(this);
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
        ModelFile.save(this, path);
    }

    /** Loads a model file written by {@link #save(Path)}. */
    public static NeuralNetwork load(Path path) throws IOException {
        return ModelFile.load(path);
    }

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
