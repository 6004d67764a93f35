package toynn.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.TrainingDivergedException;
import toynn.kernels.Kernels;
import toynn.layers.Dense;
import toynn.layers.Dropout;
import toynn.util.Rng;

/**
 * The training loop behind {@code NeuralNetwork.fit}, {@code partialFit} and {@code evaluate}, always
 * on the exact gradient. It owns the workspaces — batch inputs and targets, every layer's outputs and
 * gradients, dropout masks — sized once for the largest batch and reused, so training allocates nothing
 * per batch.
 *
 * <p>One step on a batch {@code X} (n rows) with targets {@code T}:
 * <pre>
 * forward     A_l = f_l(A_{l−1}·W_lᵀ + b_l), then dropout on A_l while training     // (n, out_l)
 * loss        mean over rows of the network's {@link Loss}
 * backward    dZ = A − T (fused loss) or dA = ∂loss/∂A → dZ = dA ⊙ f′;
 *             dW = dZᵀ·A_{l−1} / n + λ·W,  db = Σ dZ / n,  dA_{l−1} = dZ·W
 * update      the network's {@link Optimizer} (plain SGD with its learning rate if none is set)
 * </pre>
 * With plain {@link Sgd} and neither weight decay nor gradient clipping, {@code fit} folds the update
 * into the weight-gradient product, {@code W ← W − (lr/n)·dZᵀ·A_{l−1}} in one pass (β = 1 into W), so
 * it leaves {@link Dense#weightGradient()} unfilled (the bias gradients are filled); a step that would
 * make a weight NaN or infinite is still refused before any weight changes.
 * Most code calls {@code nn.fit(...)}; a Trainer of one's own is for gradient checks
 * ({@link #computeGradients(DataSet)}) and custom loops. Not thread-safe: one thread per trainer. Each
 * optimizer step holds the network's {@link toynn.util.WeightsLock}, so predictions on other threads
 * see the weights before or after a step, never half-way.
 */
public final class Trainer {
    private final NeuralNetwork nn;
    private final List<Dense> layers;       // live
    private final int depth;
    private final float[][] params;         // W0, b0, W1, b1, … (live arrays)
    private final float[][] grads;          // dW0, db0, dW1, db1, … (live arrays)
    private final int[] paramSizes;
    private int capacity;                   // rows every buffer holds
    private float[] x;                      // (capacity, inputs)
    private float[] t;                      // (capacity, outputs)
    private float[] xNext;                  // (capacity, inputs): fit's next batch, copied during a step; lazy
    private float[] tNext;                  // (capacity, outputs)
    private DataSet nextData;               // set: forward copies rows order[nextFrom ..] once layer 0 is done
    private int[] nextOrder;
    private int nextFrom;
    private int nextRows;
    private boolean copying;                // that copy is in flight
    private float[] zOut;                   // (capacity, outputs): the output layer's Z
    private float[][] act;                  // act[l]: (capacity, out_l), f(Z_l)
    private float[][] grad;                 // grad[l]: (capacity, out_l), dA_l then dZ_l
    private final float[][] mask;           // mask[l]: dropout mask on layer l's output, or null
    private final float[][] dropped;        // dropped[l]: layer l's output after dropout, or null
    private final Rng rng = new Rng(0);     // reseeded per stream
    private final StopSignal stop = new StopSignal();
    private final BatchEvent batchEvent = new BatchEvent(stop);
    private Sgd defaultSgd;
    private boolean nextReady;              // x, t already hold the batch fit takes next
    private double measuredLoss;            // set by measure()
    private double measuredAccuracy;
    private final double[] weightBound;     // fused SGD: an upper bound on max|W_l|, NaN when unknown
    private final boolean[] fusedLayer;     // fused SGD: layer l's update goes into the gradient product this step
    private float inputMaxAbs;              // fused SGD: max |x| over the training inputs of this fit

    /** A trainer for {@code nn}, which it updates in place. */
    public Trainer(NeuralNetwork nn) {
        this.nn = Objects.requireNonNull(nn, "network must not be null");
        this.layers = nn.layers();
        this.depth = layers.size();
        this.params = new float[2 * depth][];
        this.grads = new float[2 * depth][];
        this.paramSizes = new int[2 * depth];
        for (int l = 0; l < depth; l++) {
            Dense d = layers.get(l);
            params[2 * l] = d.weights();
            params[2 * l + 1] = d.bias();
            grads[2 * l] = d.weightGradient();
            grads[2 * l + 1] = d.biasGradient();
            paramSizes[2 * l] = d.weights().length;
            paramSizes[2 * l + 1] = d.bias().length;
        }
        this.act = new float[depth][];
        this.grad = new float[depth][];
        this.mask = new float[depth][];
        this.dropped = new float[depth][];
        this.weightBound = new double[depth];
        this.fusedLayer = new boolean[depth];
    }

    /**
     * The order in which {@link #fit} visits {@code n} training examples in epoch {@code epoch}
     * (0-based) when shuffling, with no validation split: example {@code order[k]} is the {@code k}-th.
     * Depends on (seed, epoch, n) only. Distributed trainers (toynn-spark) cut their global batches
     * from it, so they see the batches {@code fit} sees.
     *
     * @throws IllegalArgumentException if {@code n < 0} or {@code epoch < 0}
     */
    public static int[] epochOrder(long seed, int epoch, int n) {
        if (n < 0 || epoch < 0) {
            throw new IllegalArgumentException("epochOrder needs n ≥ 0 and epoch ≥ 0, got n " + n + ", epoch " + epoch);
        }
        int[] order = identity(n);
        new Rng(RandomStreams.seed(seed, epoch, RandomStreams.SHUFFLE)).shuffle(order, n);
        return order;
    }

    /**
     * The split {@link #fit} makes for {@code FitOptions.validationSplit(fraction)} of {@code n} examples:
     * {@code [0]} the training indices, {@code [1]} the validation indices ({@code round(fraction·n)} of
     * them), each ascending. Depends on (seed, n, fraction) only, so distributed trainers hold out the
     * same examples.
     *
     * @throws IllegalArgumentException when either part would be empty
     */
    public static int[][] validationSplit(long seed, int n, double fraction) {
        int nVal = (int) Math.round(fraction * n);
        if (nVal < 1 || nVal >= n) {
            throw new IllegalArgumentException("validation split " + fraction + " of " + n + " samples leaves "
                    + nVal + " for validation and " + (n - nVal) + " for training; both need at least one");
        }
        int[] perm = identity(n);
        new Rng(RandomStreams.seed(seed, 0, RandomStreams.SPLIT)).shuffle(perm, n);
        int[] valIdx = Arrays.copyOfRange(perm, 0, nVal);
        int[] trainIdx = Arrays.copyOfRange(perm, nVal, n);
        Arrays.sort(valIdx);
        Arrays.sort(trainIdx);
        return new int[][] {trainIdx, valIdx};
    }

    /** The lengths of the parameter arrays in the order optimizers see them: W0, b0, W1, b1, …. */
    public int[] parameterSizes() {
        return paramSizes.clone();
    }

    // ------------------------------------------------------------------ fit

    /**
     * Trains {@code nn} on {@code train}; see {@code NeuralNetwork.fit} and {@link FitOptions}.
     *
     * @throws IllegalArgumentException when data and network do not fit, or the options contradict
     * @throws TrainingDivergedException naming the epoch and batch when the loss or gradients become NaN/∞, or
     *                                   the batch whose update made the weights NaN/∞ (that step is not undone)
     */
    public History fit(DataSet train, FitOptions o) {
        Objects.requireNonNull(train, "training data must not be null");
        Objects.requireNonNull(o, "fit options must not be null (use FitOptions.create())");
        long largest = 0;
        for (Dense d : layers) {
            largest = Math.max(largest, (long) d.inputs() * d.outputs());
        }
        SplitChooser chooser = SplitChooser.forFit(largest * Math.min(o.batchSize(), train.size()));
        try {
            return fit(train, o, chooser);
        } finally {
            Kernels.finishGatherRows();                          // a copy of the next batch a failure left in flight
            nextData = null;
            copying = false;
            nextReady = false;
            chooser.close();
        }
    }

    private History fit(DataSet train, FitOptions o, SplitChooser chooser) {
        checkData(train, "training data");
        Loss loss = nn.loss();
        ActivationFunction outAct = layers.get(depth - 1).activation();
        loss.checkOutputActivation(outAct);
        if (o.initialEpoch() >= o.epochs()) {
            throw new IllegalArgumentException("initialEpoch " + o.initialEpoch() + " leaves nothing to train: epochs("
                    + o.epochs() + ") is the number of epochs in all, so it must be larger");
        }
        EarlyStoppingState resumed = o.resumeEarlyStopping();
        if (resumed != null) {
            checkResumedEarlyStopping(resumed, o.earlyStopping(), o.initialEpoch(), layers);
        }
        long seed = o.seed() != null ? o.seed() : nn.trainingSeed();
        nn.setTrainingSeed(seed);

        // Split off validation data by index (no copy): the same split every epoch, from the seed alone.
        int[] trainIdx;
        int[] valIdx = null;
        DataSet valData = o.validationData();
        if (valData != null) {
            checkData(valData, "validation data");
            trainIdx = identity(train.size());
        } else if (o.validationSplit() > 0) {
            int[][] split = validationSplit(seed, train.size(), o.validationSplit());
            trainIdx = split[0];
            valIdx = split[1];
            valData = train;
        } else {
            trainIdx = identity(train.size());
        }
        int nTrain = trainIdx.length;
        int batchSize = Math.min(o.batchSize(), nTrain);
        int batches = (nTrain + batchSize - 1) / batchSize;
        ensureCapacity(batchSize);
        Optimizer opt = optimizer();
        opt.attach(paramSizes);
        boolean classification = Metrics.isClassification(train, loss, outAct);
        LearningRateSchedule schedule = o.schedule();
        TrainingListener[] listeners = o.listeners().toArray(new TrainingListener[0]);
        EarlyStopping early = o.earlyStopping();
        boolean fuse = fusesSgd(opt, o);
        if (fuse) {
            inputMaxAbs = maxAbsByRows(train.inputs(), train.size(), inputs());
            Arrays.fill(weightBound, Double.NaN);
        }
        float[][] best = early != null && early.restoreBestWeights() ? newParamCopy() : null;

        int[] order = new int[nTrain];
        List<EpochEvent> events = new ArrayList<>();
        double bestValue = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        if (resumed != null) {                 // carry on with the earlier run's early stopping
            bestValue = resumed.bestValue();
            bestEpoch = resumed.bestEpoch();
            sinceBest = resumed.sinceBest();
            if (best != null) {
                copyParams(resumed.bestWeightsShared(), best);
            }
        }
        boolean stoppedEarly = false;
        stop.requested = false;
        BatchEvent be = batchEvent;
        be.epochs = o.epochs();
        be.batches = batches;

        for (int e = o.initialEpoch(); e < o.epochs(); e++) {
            long start = System.nanoTime();
            double lr = schedule == null ? opt.learningRate() : schedule.rate(opt.learningRate(), e);
            if (!(lr > 0) || !Double.isFinite(lr)) {
                throw new IllegalArgumentException("the learning-rate schedule gave " + lr + " for epoch " + (e + 1)
                        + "; it must give finite numbers > 0");
            }
            System.arraycopy(trainIdx, 0, order, 0, nTrain);
            if (o.shuffle()) {
                rng.setState(RandomStreams.seed(seed, e, RandomStreams.SHUFFLE));
                rng.shuffle(order, nTrain);
            }
            rng.setState(RandomStreams.seed(seed, e, RandomStreams.DROPOUT));
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            int b = 0;
            nextReady = false;                                   // an epoch stopped early may have left one
            while (b < batches && !stop.requested) {
                int from = b * batchSize;
                int n = Math.min(batchSize, nTrain - from);
                chooser.begin(n == batchSize);
                if (nextReady) {
                    swapBatchBuffers();                                          // copied during the last step
                } else {
                    gather(train, order, from, n);
                }
                nextReady = false;
                if (b + 1 < batches) {                                           // copied while this step runs
                    nextData = train;
                    nextOrder = order;
                    nextFrom = from + batchSize;
                    nextRows = Math.min(batchSize, nTrain - nextFrom);
                }
                forward(n, true);
                double batchLoss;
                int batchCorrect;
                if (fuse && n > 1) {
                    batchLoss = lossAndGradients(n, true, false);
                    if (!Double.isFinite(batchLoss)) {
                        throw diverged("the loss is " + batchLoss, e, o.epochs(), b, batches, lr);
                    }
                    checkFusedStep(n, lr, e, o.epochs(), b, batches);
                    batchCorrect = classification ? Metrics.countCorrect(act[depth - 1], t, n, outputs()) : 0;
                    fusedStep(opt, n, lr);
                } else {
                    batchLoss = lossAndGradients(n, true);
                    if (!Double.isFinite(batchLoss)) {
                        throw diverged("the loss is " + batchLoss, e, o.epochs(), b, batches, lr);
                    }
                    checkGradients(e, o.epochs(), b, batches, lr);
                    if (o.clipGradientNorm() > 0) {
                        clipByGlobalNorm(o.clipGradientNorm());
                    }
                    batchCorrect = classification ? Metrics.countCorrect(act[depth - 1], t, n, outputs()) : 0;
                    step(opt, lr);
                    Arrays.fill(weightBound, Double.NaN);
                    if (!allFinite(params)) {     // not bounded beforehand as the fused step is: name this batch
                        throw diverged("the update made the weights NaN or infinite", e, o.epochs(), b, batches, lr);
                    }
                }
                if (copying) {                                                   // the next batch is in xNext, tNext
                    Kernels.finishGatherRows();
                    copying = false;
                    nextReady = true;
                }
                lossSum += batchLoss;
                correct += batchCorrect;
                seen += n;
                b++;
                chooser.end(n == batchSize);
                if (listeners.length > 0) {
                    be.epoch = e + 1;
                    be.batch = b;
                    be.size = n;
                    be.loss = batchLoss / n;
                    be.accuracy = classification ? (double) batchCorrect / n : Double.NaN;
                    be.samplesPerSecond = seen / seconds(start);
                    be.learningRate = lr;
                    for (TrainingListener l : listeners) {
                        l.onBatchEnd(be);
                    }
                    Arrays.fill(weightBound, Double.NaN);                // a listener may have changed weights
                }
            }
            double trainSeconds = seconds(start);
            chooser.endEpoch();
            if (!allFinite(params)) {
                throw diverged("the weights became NaN or infinite", e, o.epochs(), b - 1, batches, lr);
            }
            double valLoss = Double.NaN;
            double valAcc = Double.NaN;
            if (valData != null) {
                measure(valData, valIdx, classification);
                valLoss = measuredLoss;
                valAcc = measuredAccuracy;
                if (!Double.isFinite(valLoss)) {
                    throw diverged("the validation loss is " + valLoss, e, o.epochs(), b - 1, batches, lr);
                }
            }
            nn.setEpochsTrained(e + 1);
            double trainLoss = lossSum / seen;
            double monitored = valData != null ? valLoss : trainLoss;
            double minDelta = early == null ? 0 : early.minDelta();
            if (monitored < bestValue - minDelta || bestEpoch == 0) {
                bestValue = monitored;
                bestEpoch = e + 1;
                sinceBest = 0;
                if (best != null) {
                    copyParams(params, best);
                }
            } else {
                sinceBest++;
            }
            EpochEvent ev = new EpochEvent(stop, e + 1, o.epochs(), trainLoss,
                    classification ? (double) correct / seen : Double.NaN, valLoss, valAcc, seen / trainSeconds,
                    seconds(start), lr,
                    early == null ? null : new EarlyStoppingState(bestValue, bestEpoch, sinceBest, null), best);
            events.add(ev);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(ev);
            }
            ev.endOfEpoch();
            boolean last = e + 1 == o.epochs();
            if (early != null && sinceBest >= early.patience() && !last) {
                stoppedEarly = true;
                break;
            }
            if (stop.requested) {
                stoppedEarly = !last || b < batches;
                break;
            }
        }
        stop.requested = false;   // a stop() on a kept event after fit must not affect the next fit
        EarlyStoppingState finalState = early == null ? null
                : new EarlyStoppingState(bestValue, bestEpoch, sinceBest, best);
        boolean restored = false;
        if (best != null && bestEpoch != events.get(events.size() - 1).epoch()) {
            long stamp = nn.weightsLock().beginWrite();
            try {
                copyParams(best, params);
            } finally {
                nn.weightsLock().endWrite(stamp);
            }
            restored = true;
        }
        return new History(events, stoppedEarly, bestEpoch, restored, finalState);
    }

    /**
     * Checks that an early-stopping state can be resumed from: it goes with {@code early} (null: none set),
     * belongs to epoch {@code initialEpoch}, has patience left, and when {@code early} restores the best
     * weights holds them in the shapes of {@code layers} (W0, b0, W1, b1, …). Shared by {@code fit} and Spark
     * training, so both refuse the same states with the same messages.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public static void checkResumedEarlyStopping(EarlyStoppingState s, EarlyStopping early, int initialEpoch,
                                                 List<Dense> layers) {
        if (early == null) {
            throw new IllegalArgumentException("resumeEarlyStopping needs earlyStopping(patience, minDelta, "
                    + "restoreBestWeights) too; without early stopping there is nothing to resume");
        }
        if (s.epoch() != initialEpoch) {
            throw new IllegalArgumentException("the early-stopping state is of epoch " + s.epoch() + " (best epoch "
                    + s.bestEpoch() + " + " + s.sinceBest() + " since), but initialEpoch is " + initialEpoch
                    + "; resume with the state saved together with the model");
        }
        if (s.sinceBest() >= early.patience()) {
            throw new IllegalArgumentException("early stopping already ended this training after epoch " + s.epoch()
                    + ": no improvement for " + s.sinceBest() + " epochs since epoch " + s.bestEpoch() + " (patience "
                    + early.patience() + "); give a larger patience to train further");
        }
        if (!early.restoreBestWeights()) {
            return;                            // best weights, if any, are not needed
        }
        float[][] w = s.bestWeightsShared();
        int depth = layers.size();
        if (w == null) {
            throw new IllegalArgumentException("earlyStopping restores the best weights, but the early-stopping state "
                    + "has none (it was taken without restoreBestWeights)");
        }
        if (w.length != 2 * depth) {
            throw new IllegalArgumentException("the early-stopping state has " + w.length + " best-weight arrays; this "
                    + "network needs " + 2 * depth + " (W and b of each of its " + depth + " layers)");
        }
        for (int p = 0; p < w.length; p++) {
            Dense d = layers.get(p / 2);
            int size = p % 2 == 0 ? d.weights().length : d.bias().length;
            if (w[p].length != size) {
                throw new IllegalArgumentException("the early-stopping state's best " + (p % 2 == 0 ? "weights" : "bias")
                        + " of layer " + p / 2 + " has " + w[p].length + " numbers; this network's has " + size
                        + (p % 2 == 0 ? " (" + d.outputs() + " outputs × " + d.inputs() + " inputs)"
                        : " (" + d.outputs() + " outputs)"));
            }
        }
    }

    // ------------------------------------------------------------------ partialFit, evaluate, gradients

    /**
     * One optimizer step on all of {@code batch} (its mean gradient), with dropout — for online
     * learning. Dropout's random stream comes from the network's training seed and the optimizer's
     * step count. Does not count epochs.
     *
     * @return the batch's mean loss before the step
     * @throws IllegalArgumentException when the batch does not fit the network
     * @throws TrainingDivergedException when the loss or gradients become NaN or infinite (no weight has
     *                                   changed then), or the step made a weight NaN or infinite (as in
     *                                   {@link #fit}, that step is not undone)
     */
    public double partialFit(DataSet batch) {
        Objects.requireNonNull(batch, "batch must not be null");
        checkData(batch, "batch");
        nn.loss().checkOutputActivation(layers.get(depth - 1).activation());
        int n = batch.size();
        ensureCapacity(n);
        Optimizer opt = optimizer();
        opt.attach(paramSizes);
        System.arraycopy(batch.inputs(), 0, x, 0, n * inputs());
        System.arraycopy(batch.targets(), 0, t, 0, n * outputs());
        rng.setState(RandomStreams.seed(nn.trainingSeed(), opt.steps(), RandomStreams.PARTIAL_FIT));
        forward(n, true);
        double sum = lossAndGradients(n, true);
        double lr = opt.learningRate();
        if (!Double.isFinite(sum)) {
            throw new TrainingDivergedException("training diverged in partialFit step " + (opt.steps() + 1)
                    + ": the loss is " + sum + "; use a lower learning rate (now " + lr + ") or scale the inputs");
        }
        for (int p = 0; p < grads.length; p++) {
            if (!allFinite(grads[p])) {
                throw new TrainingDivergedException("training diverged in partialFit step " + (opt.steps() + 1)
                        + ": the gradient of layer " + p / 2 + " is NaN or infinite; use a lower learning rate (now "
                        + lr + ")");
            }
        }
        step(opt, lr);
        if (!allFinite(params)) {             // a finite gradient times a huge rate can still overflow
            throw new TrainingDivergedException("training diverged in partialFit step " + opt.steps()
                    + ": the update made the weights NaN or infinite; use a lower learning rate (now " + lr
                    + ") or scale the inputs");
        }
        return sum / n;
    }

    /**
     * Scores the network on {@code data} (no dropout; weights unchanged).
     *
     * @throws IllegalArgumentException when the data does not fit the network
     */
    public Evaluation evaluate(DataSet data) {
        Objects.requireNonNull(data, "data must not be null");
        checkData(data, "evaluation data");
        int size = data.size();
        int cols = outputs();
        ensureCapacity(Math.min(size, Math.max(capacity, 256)));
        float[] out = new float[size * cols];
        Loss loss = nn.loss();
        boolean fused = loss.isFusedWith(layers.get(depth - 1).activation());
        double sum = 0;
        for (int from = 0; from < size; from += capacity) {
            int n = Math.min(capacity, size - from);
            gather(data, null, from, n);
            forward(n, false);
            sum += loss.sum(zOut, act[depth - 1], t, n, cols, fused);
            System.arraycopy(act[depth - 1], 0, out, from * cols, n * cols);
        }
        boolean classification = Metrics.isClassification(data, loss, layers.get(depth - 1).activation());
        // The data's class names, else the network's (a one-column binary data set names its one column, not
        // both classes), else none: the evaluation then says "0", "1", ...
        int classes = Metrics.classCount(cols);
        List<String> names = data.classNames().size() == classes ? data.classNames()
                : nn.classNames().size() == classes ? nn.classNames() : List.of();
        return Evaluation.of(out, data.targets(), size, cols, names, classification, sum / size);
    }

    /**
     * The mean loss of {@code batch} under the network's loss, and every layer's
     * {@link Dense#weightGradient()} and {@link Dense#biasGradient()} filled with its gradient — the weight
     * decay term {@code λ·W} included, dropout switched off — without changing any weight. This is the
     * gradient {@code fit} steps along; gradient checks compare it with finite differences of
     * {@code mean loss + (λ/2)·Σ W²}.
     *
     * @throws IllegalArgumentException when the batch does not fit the network
     */
    public double computeGradients(DataSet batch) {
        Objects.requireNonNull(batch, "batch must not be null");
        checkData(batch, "batch");
        int n = batch.size();
        ensureCapacity(n);
        System.arraycopy(batch.inputs(), 0, x, 0, n * inputs());
        System.arraycopy(batch.targets(), 0, t, 0, n * outputs());
        forward(n, false);
        return lossAndGradients(n, false) / n;
    }

    // ------------------------------------------------------------------ the step

    /** Forward on rows [0, n) of x; dropout on hidden outputs while training. */
    private void forward(int n, boolean training) {
        float[] in = x;                                                        // (n, inputs)
        for (int l = 0; l < depth; l++) {
            Dense d = layers.get(l);
            d.forward(in, n, l == depth - 1 ? zOut : act[l], act[l]);          // A_l = f(in·Wᵀ + b)  (n, out_l)
            if (l == 0 && nextData != null) {
                startNextBatch();
            }
            double rate = training ? nn.dropout(l) : 0;
            if (rate > 0) {
                int len = n * d.outputs();
                Dropout.sampleMask(mask[l], len, rate, rng);
                Dropout.forward(act[l], mask[l], dropped[l], len);             // A_l ⊙ mask          (n, out_l)
                in = dropped[l];
            } else {
                in = act[l];
            }
        }
    }

    /** The loss summed over rows [0, n), and every layer's parameter gradients (weight decay included). */
    private double lossAndGradients(int n, boolean training) {
        return lossAndGradients(n, training, true);
    }

    /**
     * As {@link #lossAndGradients(int, boolean)}; with {@code weightGradients} false the weight gradients
     * are not formed (every layer's {@code dZ} stays in {@code grad[l]} and the bias gradients are
     * filled): the fused SGD step multiplies {@code dZᵀ·A} straight into the weights.
     */
    private double lossAndGradients(int n, boolean training, boolean weightGradients) {
        int last = depth - 1;
        Dense out = layers.get(last);
        int cols = out.outputs();
        Loss loss = nn.loss();
        boolean fused = loss.isFusedWith(out.activation());
        double sum = loss.sum(zOut, act[last], t, n, cols, fused);
        loss.gradient(act[last], t, grad[last], n, cols, fused);              // dZ (fused) or dA   (n, out)
        for (int l = last; l >= 0; l--) {
            Dense d = layers.get(l);
            float[] dX = l == 0 ? null : grad[l - 1];                          // dA_{l−1} = dZ·W     (n, in_l)
            if (l != last || !fused) {
                d.activation().backward(act[l], grad[l], grad[l], n, d.outputs()); // dZ = dA ⊙ f′     (n, out_l)
            }
            d.backwardFromZ(layerInput(l, training), grad[l], n, dX, weightGradients);
            if (l > 0 && training && nn.dropout(l - 1) > 0) {
                int len = n * layers.get(l - 1).outputs();
                Dropout.backward(grad[l - 1], mask[l - 1], grad[l - 1], len); // through the same mask
            }
        }
        float lambda = (float) nn.weightDecay();
        if (lambda > 0) {
            for (Dense d : layers) {
                float[] w = d.weights();
                float[] dW = d.weightGradient();
                for (int i = 0; i < w.length; i++) {
                    dW[i] += lambda * w[i];                                    // ∂(λ/2·ΣW²)/∂W = λ·W
                }
            }
        }
        return sum;
    }

    // ------------------------------------------------------------------ plain SGD fused into the product

    /**
     * Whether {@code fit} folds plain SGD into the weight-gradient product, {@code W ← W − (lr/n)·dZᵀ·A}
     * with β = 1 into {@code W}: one pass instead of filling {@code dW}, checking it and stepping. Only
     * for {@link Sgd} without weight decay or clipping (nothing else needs the gradient arrays); batches
     * of one row keep the separate step, which reproduces the lecture's {@code train} bit for bit.
     * The result differs from the separate step only in rounding ({@code W + α·acc} rounded once).
     */
    private boolean fusesSgd(Optimizer opt, FitOptions o) {
        return opt instanceof Sgd && o.clipGradientNorm() == 0 && nn.weightDecay() == 0;
    }

    /** The input layer {@code l} saw in the last forward pass, (n, in_l): with dropout's mask when training. */
    private float[] layerInput(int l, boolean training) {
        return l == 0 ? x : (training && nn.dropout(l - 1) > 0 ? dropped[l - 1] : act[l - 1]);
    }

    /**
     * Refuses a fused step that would put a NaN or ∞ into a weight, before any weight changes — without
     * forming {@code dW}. Every element of {@code (lr/n)·dZᵀ·A} is at most {@code lr·max|dZ|·max|A|} in
     * magnitude, so with a running bound on {@code max|W|} the update is finite when that sum stays below
     * {@link #FUSED_LIMIT}; otherwise the bound is refreshed from the weights, and if it still does not
     * fit, layer l takes the separate step this time, with its gradient and update checked exactly.
     */
    private void checkFusedStep(int n, double lr, int e, int epochs, int b, int batches) {
        for (int l = 0; l < depth; l++) {
            Dense d = layers.get(l);
            float dzMax = Kernels.maxAbs(grad[l], 0, n * d.outputs());
            float inMax = l == 0 ? inputMaxAbs : Kernels.maxAbs(layerInput(l, true), 0, n * d.inputs());
            if (!(dzMax < Float.POSITIVE_INFINITY) || !(inMax < Float.POSITIVE_INFINITY)) {
                throw diverged("the weight gradient of layer " + l + " is NaN or infinite", e, epochs, b, batches, lr);
            }
            float[] db = d.biasGradient();
            float rate = (float) lr;
            float[] bias = d.bias();
            for (int i = 0; i < db.length; i++) {
                if (!Float.isFinite(bias[i] - rate * db[i])) {
                    throw diverged(Float.isFinite(db[i]) ? "the update would make a bias of layer " + l + " infinite"
                            : "the bias gradient of layer " + l + " is NaN or infinite", e, epochs, b, batches, lr);
                }
            }
            double growth = lr * dzMax * inMax * (1 + 1e-3);                 // ≥ max |(lr/n)·dZᵀ·A|, rounding included
            if (!(weightBound[l] + growth < FUSED_LIMIT)) {
                weightBound[l] = Kernels.maxAbs(d.weights(), 0, d.weights().length);   // after a listener: every batch
            }
            fusedLayer[l] = weightBound[l] + growth < FUSED_LIMIT;
            if (fusedLayer[l]) {
                weightBound[l] += growth;
                continue;
            }
            float[] dW = d.weightGradient();                                  // the exact check, rarely needed
            Kernels.gemmAtB(grad[l], layerInput(l, true), dW, d.outputs(), n, d.inputs(), 1f / n, 0f);
            float[] w = d.weights();
            for (int i = 0; i < w.length; i++) {
                if (!Float.isFinite(w[i] - rate * dW[i])) {
                    throw diverged(Float.isFinite(dW[i]) ? "the update would make a weight of layer " + l + " infinite"
                            : "the weight gradient of layer " + l + " is NaN or infinite", e, epochs, b, batches, lr);
                }
            }
            weightBound[l] = Double.NaN;
        }
    }

    /** Magnitudes below this stay far from float32's 3.4·10³⁸, so a fused update cannot overflow. */
    private static final double FUSED_LIMIT = 1e38;

    /**
     * The fused SGD step under the write lock: {@code W ← W − (lr/n)·dZᵀ·A} for every layer in one
     * product (β = 1 into W), {@code b ← b − lr·db} as {@link Sgd} does, and the optimizer's step count.
     */
    private void fusedStep(Optimizer opt, int n, double lr) {
        float rate = (float) lr;
        float alpha = -(float) (lr / n);
        long stamp = nn.weightsLock().beginWrite();
        try {
            opt.countStep();
            for (int l = 0; l < depth; l++) {
                Dense d = layers.get(l);
                float[] w = d.weights();
                if (fusedLayer[l]) {
                    Kernels.gemmAtB(grad[l], layerInput(l, true), w, d.outputs(), n, d.inputs(), alpha, 1f); // W −= (lr/n)·dZᵀ·A
                } else {
                    float[] dW = d.weightGradient();
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= rate * dW[i];                                 // w ← w − lr·g
                    }
                }
                float[] bias = d.bias();
                float[] db = d.biasGradient();
                for (int i = 0; i < bias.length; i++) {
                    bias[i] -= rate * db[i];                                  // b ← b − lr·db
                }
            }
        } finally {
            nn.weightsLock().endWrite(stamp);
        }
    }

    /** {@code max |a[i]|} over {@code rows} rows of {@code cols}, a row per call (so the JIT compiles it early). */
    private static float maxAbsByRows(float[] a, int rows, int cols) {
        float m = 0f;
        for (int r = 0; r < rows; r++) {
            m = Math.max(m, Kernels.maxAbs(a, r * cols, cols));
        }
        return m;
    }

    /** Mean loss and accuracy of the network on {@code idx} rows of data (all rows when idx is null). */
    private void measure(DataSet data, int[] idx, boolean classification) {
        int size = idx == null ? data.size() : idx.length;
        int cols = outputs();
        Loss loss = nn.loss();
        boolean fused = loss.isFusedWith(layers.get(depth - 1).activation());
        double sum = 0;
        long correct = 0;
        for (int from = 0; from < size; from += capacity) {
            int n = Math.min(capacity, size - from);
            gather(data, idx, from, n);
            forward(n, false);
            sum += loss.sum(zOut, act[depth - 1], t, n, cols, fused);
            if (classification) {
                correct += Metrics.countCorrect(act[depth - 1], t, n, cols);
            }
        }
        measuredLoss = sum / size;
        measuredAccuracy = classification ? (double) correct / size : Double.NaN;
    }

    // ------------------------------------------------------------------ helpers

    private Optimizer optimizer() {
        Optimizer o = nn.optimizer();
        if (o != null) {
            return o;
        }
        if (defaultSgd == null || defaultSgd.learningRate() != nn.getLearningRate()) {
            defaultSgd = Sgd.of(nn.getLearningRate());
        }
        return defaultSgd;
    }

    private int inputs() {
        return layers.get(0).inputs();
    }

    private int outputs() {
        return layers.get(depth - 1).outputs();
    }

    private void checkData(DataSet d, String what) {
        if (d.inputSize() != inputs()) {
            throw new IllegalArgumentException(what + " has " + d.inputSize() + " inputs per sample but the network expects "
                    + inputs());
        }
        if (d.targetSize() != outputs()) {
            throw new IllegalArgumentException(what + " has " + d.targetSize() + " targets per sample but the network has "
                    + outputs() + " outputs");
        }
    }

    /** Makes every buffer hold at least {@code rows} rows (and dropout buffers where a rate is set). */
    private void ensureCapacity(int rows) {
        if (rows > capacity) {
            capacity = rows;
            nextReady = false;                                                   // (a listener's evaluate)
            x = new float[rows * inputs()];
            t = new float[rows * outputs()];
            xNext = null;
            tNext = null;
            zOut = new float[rows * outputs()];
            for (int l = 0; l < depth; l++) {
                int len = rows * layers.get(l).outputs();
                act[l] = new float[len];
                grad[l] = new float[len];
                mask[l] = null;
                dropped[l] = null;
            }
        }
        for (int l = 0; l < depth; l++) {
            if (nn.dropout(l) > 0 && mask[l] == null) {
                int len = capacity * layers.get(l).outputs();
                mask[l] = new float[len];
                dropped[l] = new float[len];
            }
        }
    }

    /**
     * Starts copying fit's next batch into {@code xNext}, {@code tNext} on the kernel threads, once layer 0
     * has read {@code x}: the copy waits on memory (rows from all over the data set) while the rest of the
     * step — the later layers, the loss, the backward pass — runs here, until the weight update, whose
     * product finishes the copy before it splits ({@link Kernels#startGatherRows}). Same rows as
     * {@link #gather}, so the same model.
     */
    private void startNextBatch() {
        DataSet d = nextData;
        nextData = null;
        if (xNext == null) {                                                     // once per fit (evaluation never copies ahead)
            xNext = new float[x.length];
            tNext = new float[t.length];
        }
        copying = true;
        Kernels.startGatherRows(d.inputs(), nextOrder, nextFrom, nextRows, inputs(), xNext);
        Kernels.gatherRows(d.targets(), nextOrder, nextFrom, nextRows, outputs(), tNext);
    }

    private void swapBatchBuffers() {
        float[] tmp = x;
        x = xNext;
        xNext = tmp;
        tmp = t;
        t = tNext;
        tNext = tmp;
    }

    /** Copies rows order[from .. from+n) (or rows from .. from+n when order is null) into x and t. */
    private void gather(DataSet d, int[] order, int from, int n) {
        int in = inputs();
        int out = outputs();
        float[] xs = d.inputs();
        float[] ts = d.targets();
        if (order == null) {
            System.arraycopy(xs, from * in, x, 0, n * in);
            System.arraycopy(ts, from * out, t, 0, n * out);
            return;
        }
        Kernels.gatherRows(xs, order, from, n, in, x);                         // split over the threads when large
        Kernels.gatherRows(ts, order, from, n, out, t);
    }

    private void checkGradients(int e, int epochs, int b, int batches, double lr) {
        for (int p = 0; p < grads.length; p++) {
            if (!allFinite(grads[p])) {
                throw diverged("the " + (p % 2 == 0 ? "weight" : "bias") + " gradient of layer " + p / 2
                        + " is NaN or infinite", e, epochs, b, batches, lr);
            }
        }
    }

    /**
     * One optimizer step on the weights, under the network's write lock: a concurrent predict sees the
     * weights (and the optimizer state) before or after it, never half-way.
     */
    private void step(Optimizer opt, double lr) {
        long stamp = nn.weightsLock().beginWrite();
        try {
            opt.step(params, grads, lr);
        } finally {
            nn.weightsLock().endWrite(stamp);
        }
    }

    /** {@code g ← g · maxNorm/‖g‖} for every gradient array when {@code ‖g‖ > maxNorm}; the norm is over all of them. */
    private void clipByGlobalNorm(double maxNorm) {
        double sumSquares = 0;
        for (float[] g : grads) {
            for (float v : g) {
                sumSquares += (double) v * v;
            }
        }
        double norm = Math.sqrt(sumSquares);                          // ‖g‖ over W0, b0, W1, b1, …
        if (norm <= maxNorm) {
            return;
        }
        float scale = (float) (maxNorm / norm);
        for (float[] g : grads) {
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;                                        // g · maxNorm/‖g‖
            }
        }
    }

    private static TrainingDivergedException diverged(String what, int e, int epochs, int b, int batches, double lr) {
        return new TrainingDivergedException(String.format(Locale.ROOT,
                "training diverged in epoch %d (of %d), batch %d (of %d): %s; use a lower learning rate (now %s) "
                        + "or scale the inputs", e + 1, epochs, b + 1, batches, what, lr));
    }

    /**
     * One vectorised pass (no branch per value): per step in partialFit, and per batch in fit on the gradients
     * and, off the fused SGD path, on the weights after the step.
     */
    private static boolean allFinite(float[] a) {
        return Kernels.maxAbs(a, 0, a.length) <= Float.MAX_VALUE;          // NaN fails the comparison
    }

    private static boolean allFinite(float[][] arrays) {
        for (float[] a : arrays) {
            if (!allFinite(a)) {
                return false;
            }
        }
        return true;
    }

    private float[][] newParamCopy() {
        float[][] c = new float[params.length][];
        for (int p = 0; p < c.length; p++) {
            c[p] = params[p].clone();
        }
        return c;
    }

    private static void copyParams(float[][] from, float[][] to) {
        for (int p = 0; p < from.length; p++) {
            System.arraycopy(from[p], 0, to[p], 0, from[p].length);
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static double seconds(long startNanos) {
        return Math.max(System.nanoTime() - startNanos, 1) / 1e9;
    }
}
