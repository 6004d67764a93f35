package toynn.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.TrainingDivergedException;
import toynn.layers.Dense;
import toynn.train.EarlyStopping;
import toynn.train.EarlyStoppingState;
import toynn.train.Evaluation;
import toynn.train.Optimizer;
import toynn.train.Sgd;
import toynn.train.Trainer;

/**
 * Trains a network on data spread over a Spark cluster, in one of two ways.
 *
 * <p><b>Synchronous</b> ({@link #synchronous}): every step, the driver broadcasts the weights; each of
 * the {@code P} workers computes the gradient of its {@code b} examples of the global batch of
 * {@code P·b} — summed, not averaged; the sums meet in a {@code treeAggregate}; the driver divides by
 * the batch size, adds weight decay and applies the network's optimizer. Same math as
 * {@code nn.fit} with batch {@code P·b} on one machine: the batches are cut from the same epoch
 * order ({@link Trainer#epochOrder}, see {@link EpochLayout}), so the weights agree up to float
 * summation order. One Spark job per step.
 *
 * <p><b>Parameter averaging</b> ({@link #parameterAveraging}, as DL4J's
 * {@code ParameterAveragingTrainingMaster}): the driver broadcasts weights and optimizer state; each
 * worker takes {@code k} local optimizer steps on its own {@code b}-example batches; the driver
 * averages the resulting weights and optimizer state (weighted by examples trained). One job per
 * {@code k} steps: less communication, at the price of workers drifting apart between averages.
 *
 * <pre>{@code
 * SparkData data = SparkData.readCsv(spark, "digits.csv", "label").cache();
 * NeuralNetwork nn = NeuralNetwork.builder().inputs(64).dense(32, RELU).dense(10, SOFTMAX)
 *         .optimizer(Adam.of(0.01)).seed(1).build();
 * SparkHistory h = SparkTraining.parameterAveraging(sc, 5).workers(4).batchSizePerWorker(16)
 *         .epochs(20).seed(1).fit(nn, data);
 * }</pre>
 *
 * <p>Deterministic: the same seed, data order, settings and worker count give the same model bit for
 * bit, on any cluster and however the input is partitioned: each worker's arithmetic depends only on
 * its examples and the broadcast values, and the workers' results are summed in one fixed order
 * whatever order the tasks finish in ({@link TreeSum}). Dropout is not applied (networks with
 * dropout are refused); learning-rate schedules and early stopping are {@code fit}'s alone.
 */
public final class SparkTraining {
    /** Examples per worker and step unless set. */
    public static final int DEFAULT_BATCH_PER_WORKER = 32;

    private final JavaSparkContext sc;
    private final int averagingFrequency;          // 0: synchronous
    private int workers;                           // 0: the context's default parallelism
    private int batchPerWorker = DEFAULT_BATCH_PER_WORKER;
    private int epochs = 10;
    private int initialEpoch;
    private int patience;                          // 0: no early stopping
    private double minDelta;
    private boolean restoreBest;
    private EarlyStoppingState resumeEarlyStopping;
    private EarlyStoppingState earlyStoppingState;  // after the last epoch trained
    private Long seed;
    private boolean shuffle = true;
    private int treeDepth = 2;
    private DataSet validationData;
    private final List<SparkTrainingListener> listeners = new ArrayList<>();

    private SparkTraining(JavaSparkContext sc, int averagingFrequency) {
        this.sc = Objects.requireNonNull(sc, "spark context must not be null");
        this.averagingFrequency = averagingFrequency;
    }

    /** Synchronous data-parallel training: one gradient step per global batch of {@code workers·b} examples. */
    public static SparkTraining synchronous(JavaSparkContext sc) {
        return new SparkTraining(sc, 0);
    }

    /**
     * Parameter averaging: every {@code k} local steps the workers' weights and optimizer state are averaged.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public static SparkTraining parameterAveraging(JavaSparkContext sc, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("averaging frequency must be at least 1 local step, got " + k);
        }
        return new SparkTraining(sc, k);
    }

    // ------------------------------------------------------------------ settings

    /**
     * Number of workers {@code P}: the data is dealt into P partitions, each trains on its share (default:
     * the context's default parallelism).
     *
     * @throws IllegalArgumentException if {@code p < 1}
     */
    public SparkTraining workers(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + p);
        }
        this.workers = p;
        return this;
    }

    /**
     * Examples each worker trains on per step, {@code b} (default 32); the global batch is {@code P·b}.
     *
     * @throws IllegalArgumentException if {@code b < 1}
     */
    public SparkTraining batchSizePerWorker(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("batch size per worker must be at least 1, got " + b);
        }
        this.batchPerWorker = b;
        return this;
    }

    /**
     * Epochs to train (default 10).
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public SparkTraining epochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + n);
        }
        this.epochs = n;
        return this;
    }

    /**
     * Starts at epoch {@code k} (0-based) of {@link #epochs(int)}, as {@code FitOptions.initialEpoch}: to
     * continue a network saved after {@code k} epochs, with the epoch orders it would have seen.
     *
     * @throws IllegalArgumentException if {@code k < 0}
     */
    public SparkTraining initialEpoch(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("initial epoch must be at least 0, got " + k);
        }
        this.initialEpoch = k;
        return this;
    }

    /**
     * Early stopping as {@code fit} does it: stop when the monitored loss (validation loss when there is
     * validation data, else training loss) has not fallen by more than {@code minDelta} for
     * {@code patience} epochs; optionally go back to the best epoch's weights.
     *
     * @throws IllegalArgumentException unless patience ≥ 1 and minDelta is finite and ≥ 0
     */
    public SparkTraining earlyStopping(int patience, double minDelta, boolean restoreBestWeights) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping patience must be at least 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("early stopping minDelta must be a finite number ≥ 0, got " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBest = restoreBestWeights;
        return this;
    }

    /**
     * Carries early stopping on from an earlier run, as {@code FitOptions.resumeEarlyStopping}: the patience
     * count, the best loss and, with {@code restoreBestWeights}, the best weights go on from {@code state},
     * so a run resumed from a saved network and its state stops where the uninterrupted run stops. Without
     * it a resumed run starts its patience count afresh. {@link #fit} checks that it goes with
     * {@link #earlyStopping}, belongs to epoch {@link #initialEpoch}, has patience left, and (when restoring)
     * holds best weights of the network's shapes.
     */
    public SparkTraining resumeEarlyStopping(EarlyStoppingState state) {
        this.resumeEarlyStopping = Objects.requireNonNull(state, "early stopping state must not be null");
        return this;
    }

    /**
     * Early stopping's state after the last epoch {@link #fit} trained — what {@link #resumeEarlyStopping}
     * needs to carry on from there, best weights included when they are restored — or null without early
     * stopping or before the first epoch. A listener reads it in {@code onEpochEnd} to write a checkpoint.
     */
    public EarlyStoppingState earlyStoppingState() {
        return earlyStoppingState;
    }

    /** The seed of the epoch orders (default: the network's training seed, as fit). */
    public SparkTraining seed(long s) {
        this.seed = s;
        return this;
    }

    /** Whether each epoch visits the examples in a fresh order (default true); off, the data's order and no reshuffle. */
    public SparkTraining shuffle(boolean on) {
        this.shuffle = on;
        return this;
    }

    /**
     * Depth of the {@code treeAggregate} that sums the workers' results (default 2).
     *
     * @throws IllegalArgumentException if {@code d < 1}
     */
    public SparkTraining treeDepth(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("tree depth must be at least 1, got " + d);
        }
        this.treeDepth = d;
        return this;
    }

    /** Data scored on the driver after every epoch (null: none). */
    public SparkTraining validationData(DataSet data) {
        this.validationData = data;
        return this;
    }

    /** Adds a listener told about every epoch. */
    public SparkTraining listener(SparkTrainingListener l) {
        listeners.add(Objects.requireNonNull(l, "listener must not be null"));
        return this;
    }

    /** Whether this is synchronous training (else parameter averaging). */
    public boolean isSynchronous() {
        return averagingFrequency == 0;
    }

    /** The number of workers that {@link #fit} uses. */
    public int workerCount() {
        return workers > 0 ? workers : sc.defaultParallelism();
    }

    // ------------------------------------------------------------------ fit

    /**
     * Trains {@code nn} in place on {@code data}; on the driver it uses the network's optimizer (plain SGD
     * with its learning rate if none is set), loss and weight decay, and counts its epochs
     * ({@link NeuralNetwork#epochsTrained()}), and records what an input row is ({@link SparkData#inputShape()})
     * when the network does not know it yet.
     *
     * @return one entry per epoch, and how training ended
     * @throws IllegalArgumentException  when the data does not fit the network (naming both sizes), the
     *                                   network has dropout, the loss does not suit the output activation,
     *                                   or the initial epoch leaves nothing to train
     * @throws TrainingDivergedException naming the epoch and step when the loss, gradients or weights become NaN/∞
     *                                   (synchronously, the batch whose update made them so; that step is not undone)
     */
    public SparkHistory fit(NeuralNetwork nn, SparkData data) {
        Objects.requireNonNull(nn, "network must not be null");
        Objects.requireNonNull(data, "data must not be null");
        if (initialEpoch >= epochs) {
            throw new IllegalArgumentException("initial epoch " + initialEpoch + " leaves nothing to train: epochs("
                    + epochs + ") is the number of epochs in all, so it must be larger");
        }
        data.checkFits(nn);
        if (resumeEarlyStopping != null) {
            Trainer.checkResumedEarlyStopping(resumeEarlyStopping,
                    patience == 0 ? null : new EarlyStopping(patience, minDelta, restoreBest), initialEpoch, nn.layers());
        }
        earlyStoppingState = null;
        List<Dense> layers = nn.layers();
        Loss loss = nn.loss();
        ActivationFunction outAct = layers.get(layers.size() - 1).activation();
        loss.checkOutputActivation(outAct);
        for (int l = 0; l < layers.size(); l++) {
            if (nn.dropout(l) > 0) {
                throw new IllegalArgumentException("layer " + l + " has dropout " + nn.dropout(l) + "; Spark training "
                        + "does not apply dropout, so it refuses rather than train another model than fit would "
                        + "(set the rate to 0 with setDropout(" + l + ", 0))");
            }
        }
        if (validationData != null && (validationData.inputSize() != nn.inputSize()
                || validationData.targetSize() != nn.outputSize())) {
            throw new IllegalArgumentException("the validation data has " + validationData.inputSize() + " inputs and "
                    + validationData.targetSize() + " targets per example; the network takes " + nn.inputSize()
                    + " and gives " + nn.outputSize());
        }
        if (data.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the data has " + data.size() + " examples; at most "
                    + (Integer.MAX_VALUE - 8) + " per training run");
        }
        long runSeed = seed != null ? seed : nn.trainingSeed();
        nn.setTrainingSeed(runSeed);
        if (nn.inputShape() == null && data.inputShape() != null) {
            nn.setInputShape(data.inputShape());                  // as NeuralNetwork.fit records it
        }
        Optimizer opt = nn.optimizer() != null ? nn.optimizer() : Sgd.of(nn.getLearningRate());
        float[][] params = Parameters.arrays(nn);
        int[] sizes = new int[params.length];
        for (int p = 0; p < sizes.length; p++) {
            sizes[p] = params[p].length;
        }
        opt.attach(sizes);

        Run run = new Run(nn, data, opt, params, loss,
                data.isClassification() || loss != Loss.MSE || outAct == ActivationFunction.SOFTMAX);
        try {
            return run.epochs();
        } finally {
            run.close();
        }
    }

    /** One call of fit: its fixed values, broadcasts and cached RDDs. */
    private final class Run {
        final NeuralNetwork nn;
        final SparkData data;
        final Optimizer opt;
        final float[][] params;          // live
        final float[][] grads;           // the driver's gradient arrays, W0, b0, …
        final float[] flat;              // the weights as broadcast
        final Loss loss;
        final boolean classification;
        final int n;
        final int p;
        final int b;
        final int steps;                 // global batches per epoch
        final String runId = UUID.randomUUID().toString();
        final Broadcast<NetworkTemplate> template;
        final JavaPairRDD<Example, Long> indexed;
        JavaRDD<Shard> fixed;

        Run(NeuralNetwork nn, SparkData data, Optimizer opt, float[][] params, Loss loss, boolean classification) {
            this.nn = nn;
            this.data = data;
            this.opt = opt;
            this.params = params;
            this.grads = new float[params.length][];
            for (int i = 0; i < params.length; i++) {
                grads[i] = new float[params[i].length];
            }
            this.flat = new float[Parameters.count(nn)];
            this.loss = loss;
            this.classification = classification;
            this.n = (int) data.size();
            this.p = workerCount();
            // b ≥ n deals every example to worker 0 in one step, as b = n does; only the workspaces (b rows) differ
            this.b = Math.min(batchPerWorker, n);
            this.steps = (int) ((n + (long) p * b - 1) / ((long) p * b));
            this.template = sc.broadcast(NetworkTemplate.of(nn));
            this.indexed = data.examples().zipWithIndex().persist(StorageLevel.MEMORY_AND_DISK());
        }

        SparkHistory epochs() {
            List<SparkEpoch> history = new ArrayList<>(epochs);
            long seedOfRun = nn.trainingSeed();
            double bestValue = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            int sinceBest = 0;
            boolean stoppedEarly = false;
            float[] best = patience > 0 && restoreBest ? new float[flat.length] : null;
            EarlyStoppingState resumed = resumeEarlyStopping;
            if (resumed != null) {                                   // checked in fit
                bestValue = resumed.bestValue();
                bestEpoch = resumed.bestEpoch();
                sinceBest = resumed.sinceBest();
                if (best != null) {
                    int at = 0;
                    for (float[] a : resumed.bestWeights()) {         // W0, b0, W1, b1, … as Parameters lays them out
                        System.arraycopy(a, 0, best, at, a.length);
                        at += a.length;
                    }
                }
            }
            for (int e = initialEpoch; e < epochs; e++) {
                long start = System.nanoTime();
                JavaRDD<Shard> shards;
                if (shuffle) {
                    shards = EpochLayout.shards(sc, indexed, positions(Trainer.epochOrder(seedOfRun, e, n)), p, b,
                            data.inputSize(), data.targetSize());
                } else {
                    if (fixed == null) {
                        fixed = EpochLayout.shards(sc, indexed, null, p, b, data.inputSize(), data.targetSize());
                    }
                    shards = fixed;
                }
                Totals totals;
                try {
                    totals = isSynchronous() ? synchronousEpoch(shards, e) : averagingEpoch(shards, e);
                } finally {
                    if (shuffle) {
                        shards.unpersist(false);
                    }
                }
                double trainSeconds = seconds(start);
                for (float[] a : params) {
                    if (!allFinite(a)) {
                        throw diverged("the weights became NaN or infinite", e, steps - 1, "batch");
                    }
                }
                double valLoss = Double.NaN;
                double valAcc = Double.NaN;
                if (validationData != null) {
                    Evaluation ev = nn.evaluate(validationData);
                    valLoss = ev.loss();
                    valAcc = ev.isClassification() ? ev.accuracy() : Double.NaN;
                    if (!Double.isFinite(valLoss)) {
                        throw diverged("the validation loss is " + valLoss, e, steps - 1, "batch");
                    }
                }
                nn.setEpochsTrained(e + 1);
                double trainLoss = totals.lossSum / totals.seen;
                double monitored = validationData != null ? valLoss : trainLoss;
                if (monitored < bestValue - minDelta || bestEpoch == 0) {      // fit's rule
                    bestValue = monitored;
                    bestEpoch = e + 1;
                    sinceBest = 0;
                    if (best != null) {
                        Parameters.copyTo(nn, best, 0);
                    }
                } else {
                    sinceBest++;
                }
                if (patience > 0) {
                    earlyStoppingState = new EarlyStoppingState(bestValue, bestEpoch, sinceBest,
                            best == null ? null : bestArrays(best));
                }
                SparkEpoch ep = new SparkEpoch(e + 1, epochs, trainLoss,
                        classification ? (double) totals.correct / totals.seen : Double.NaN, valLoss, valAcc,
                        totals.seen / trainSeconds, seconds(start), totals.jobs);
                history.add(ep);
                for (SparkTrainingListener l : listeners) {
                    l.onEpochEnd(ep);
                }
                if (patience > 0 && sinceBest >= patience && e + 1 < epochs) {
                    stoppedEarly = true;
                    break;
                }
            }
            boolean restored = false;
            if (best != null && bestEpoch != history.get(history.size() - 1).epoch()) {
                Parameters.copyFrom(best, 0, nn);
                restored = true;
            }
            return new SparkHistory(history, stoppedEarly, bestEpoch, restored, earlyStoppingState);
        }

        /** The flat best weights as the arrays an early-stopping state holds: W0, b0, W1, b1, … */
        private float[][] bestArrays(float[] best) {
            float[][] a = new float[params.length][];
            int at = 0;
            for (int i = 0; i < a.length; i++) {
                a[i] = java.util.Arrays.copyOfRange(best, at, at + params[i].length);
                at += params[i].length;
            }
            return a;
        }

        /** One optimizer step per global batch; gradients summed over the workers. */
        private Totals synchronousEpoch(JavaRDD<Shard> shards, int e) {
            Totals totals = new Totals();
            double lr = opt.learningRate();
            float lambda = (float) nn.weightDecay();
            for (int s = 0; s < steps; s++) {
                Parameters.copyTo(nn, flat, 0);
                Broadcast<float[]> weights = sc.broadcast(flat);
                Function2<TreeSum, Shard, TreeSum> work = gradientStep(runId, template, loss, b, s, classification,
                        weights);
                TreeSum r;
                try {
                    r = SparkErrors.call(() -> shards.treeAggregate(new TreeSum(p, treeDepth), work, TreeSum::merge,
                            treeDepth), "training step " + (s + 1) + " of epoch " + (e + 1) + " on Spark");
                } finally {
                    weights.destroy();
                }
                totals.jobs++;
                if (!Double.isFinite(r.loss())) {
                    throw diverged("the loss is " + r.loss(), e, s, "batch");
                }
                int at = 0;
                float count = r.count;
                float[] sums = r.sum();
                for (int i = 0; i < grads.length; i++) {
                    float[] g = grads[i];
                    for (int j = 0; j < g.length; j++) {
                        g[j] = sums[at + j] / count;                          // mean over the global batch
                    }
                    at += g.length;
                    if (i % 2 == 0 && lambda > 0) {
                        float[] w = params[i];
                        for (int j = 0; j < g.length; j++) {
                            g[j] += lambda * w[j];                             // + λ·W, as fit adds it
                        }
                    }
                    if (!allFinite(g)) {
                        throw diverged("the " + (i % 2 == 0 ? "weight" : "bias") + " gradient of layer " + i / 2
                                + " is NaN or infinite", e, s, "batch");
                    }
                }
                opt.step(params, grads, lr);
                for (float[] w : params) {            // the step is not bounded beforehand: name this batch
                    if (!allFinite(w)) {
                        throw diverged("the update made the weights NaN or infinite", e, s, "batch");
                    }
                }
                totals.add(r);
            }
            return totals;
        }

        /** Rounds of {@code k} local steps on every worker, then the average of weights and optimizer state. */
        private Totals averagingEpoch(JavaRDD<Shard> shards, int e) {
            Totals totals = new Totals();
            int k = averagingFrequency;
            int m = flat.length;
            for (int first = 0; first < steps; first += k) {
                int last = Math.min(first + k, steps);
                Snapshot snap = new Snapshot(Parameters.of(nn), stateOf(opt), opt.steps(), opt.name(),
                        new HashMap<>(opt.hyperParameters()), (float) nn.weightDecay(), e, epochs, steps);
                Broadcast<Snapshot> bs = sc.broadcast(snap);
                Function2<TreeSum, Shard, TreeSum> work = localSteps(runId, template, loss, b, first, last,
                        classification, bs);
                TreeSum r;
                try {
                    int from = first;
                    r = SparkErrors.call(() -> shards.treeAggregate(new TreeSum(p, treeDepth), work, TreeSum::merge,
                            treeDepth), "averaging round at step " + (from + 1) + " of epoch " + (e + 1) + " on Spark");
                } finally {
                    bs.destroy();
                }
                totals.jobs++;
                if (!Double.isFinite(r.loss())) {
                    throw diverged("the loss is " + r.loss(), e, last - 1, "round ending at batch");
                }
                float count = r.count;
                float[] sums = r.sum();
                for (int i = 0; i < sums.length; i++) {
                    sums[i] /= count;                                           // Σ n_p·w_p / Σ n_p
                }
                if (!allFinite(sums)) {
                    throw diverged("the averaged weights or optimizer state are NaN or infinite", e, last - 1,
                            "round ending at batch");
                }
                Parameters.copyFrom(sums, 0, nn);
                setState(opt, sums, m);
                opt.setSteps(opt.steps() + r.steps);
                totals.add(r);
            }
            return totals;
        }

        private TrainingDivergedException diverged(String what, int e, int step, String unit) {
            return divergence(what, e, epochs, step, steps, unit, opt.learningRate());
        }

        void close() {
            if (fixed != null) {
                fixed.unpersist(false);
            }
            indexed.unpersist(false);
            template.destroy();
        }
    }

    // ------------------------------------------------------------------ executor side

    /** Synchronous step {@code s} on one worker: the gradient of its rows, summed over them. */
    private static Function2<TreeSum, Shard, TreeSum> gradientStep(String runId, Broadcast<NetworkTemplate> template,
                                                                   Loss loss, int b, int s, boolean classification,
                                                                   Broadcast<float[]> weights) {
        return (acc, shard) -> {
            int rows = shard.rowsOfStep(s, b);
            if (rows == 0) {
                return acc.add(shard.worker, null, 0);                         // nothing this step, but counted in
            }
            BatchWorker w = BatchWorker.of(runId, template.value(), loss, b);
            w.load(weights.value());
            double lossSum = w.gradient(shard, s * b, rows, classification);
            float[] sums = new float[template.value().parameterCount()];
            Parameters.addGradients(w.network(), rows, sums);                    // Σ over rows = mean · rows
            acc.correct += w.lastCorrect();
            acc.count += rows;
            acc.steps = Math.max(acc.steps, 1);
            return acc.add(shard.worker, sums, lossSum);
        };
    }

    /** Local steps {@code [first, last)} on one worker; returns its weights and state times its examples. */
    private static Function2<TreeSum, Shard, TreeSum> localSteps(String runId, Broadcast<NetworkTemplate> template,
                                                                 Loss loss, int b, int first, int last,
                                                                 boolean classification, Broadcast<Snapshot> snapshot) {
        return (acc, shard) -> {
            if (shard.rowsOfStep(first, b) == 0) {
                return acc.add(shard.worker, null, 0);                         // no data this round: weight 0
            }
            Snapshot snap = snapshot.value();
            BatchWorker w = BatchWorker.of(runId, template.value(), loss, b);
            w.load(snap.params());
            Optimizer o = Optimizer.fromHyperParameters(snap.optimizer(), snap.hyperParameters());
            float[][] params = w.params();
            int[] sizes = new int[params.length];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = params[i].length;
            }
            o.attach(sizes);
            setState(o, snap.state(), 0);
            o.setSteps(snap.steps());
            double lossSum = 0;
            long correct = 0;
            long count = 0;
            int taken = 0;
            for (int s = first; s < last; s++) {
                int rows = shard.rowsOfStep(s, b);
                if (rows == 0) {
                    break;
                }
                double sum = w.gradient(shard, s * b, rows, classification);
                w.addWeightDecay(snap.weightDecay());
                String bad = !Double.isFinite(sum) ? "the loss is " + sum : firstNonFinite(w.grads());
                if (bad != null) {
                    throw divergence(bad + " on worker " + shard.worker, snap.epoch(), snap.epochs(), s, snap.stepsPerEpoch(),
                            "local batch", o.learningRate());
                }
                o.step(params, w.grads(), o.learningRate());
                lossSum += sum;
                correct += w.lastCorrect();
                count += rows;
                taken++;
            }
            int m = template.value().parameterCount();
            float[] state = stateOf(o);
            float[] sums = new float[m + state.length];
            Parameters.copyTo(w.network(), sums, 0);
            System.arraycopy(state, 0, sums, m, state.length);
            float weight = count;
            for (int i = 0; i < sums.length; i++) {
                sums[i] *= weight;                                                // n_p·w_p, averaged on the driver
            }
            acc.correct += correct;
            acc.count += count;
            acc.steps = Math.max(acc.steps, taken);
            return acc.add(shard.worker, sums, lossSum);
        };
    }

    /**
     * What a parameter-averaging round starts from: weights, optimizer (kind, hyper-parameters, state,
     * step count), weight decay, and where in training it is (for messages).
     */
    private record Snapshot(float[] params, float[] state, long steps, String optimizer, HashMap<String, Double> hyperParameters,
                            float weightDecay, int epoch, int epochs, int stepsPerEpoch) implements Serializable {
    }

    /** The optimizer's state arrays in one vector: parameter array by parameter array, slot by slot. */
    private static float[] stateOf(Optimizer o) {
        List<String> slots = o.slotNames();
        int[] sizes = o.parameterSizes();
        int len = 0;
        for (int s : sizes) {
            len += s * slots.size();
        }
        float[] out = new float[len];
        int at = 0;
        for (int p = 0; p < sizes.length; p++) {
            for (String slot : slots) {
                float[] a = o.state(slot, p);
                System.arraycopy(a, 0, out, at, a.length);
                at += a.length;
            }
        }
        return out;
    }

    /** The reverse of {@link #stateOf}: reads the state from {@code flat[offset …]}. */
    private static void setState(Optimizer o, float[] flat, int offset) {
        List<String> slots = o.slotNames();
        int[] sizes = o.parameterSizes();
        int at = offset;
        for (int p = 0; p < sizes.length; p++) {
            for (String slot : slots) {
                float[] a = o.state(slot, p);
                System.arraycopy(flat, at, a, 0, a.length);
                at += a.length;
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** What an epoch's steps added up to. */
    private static final class Totals {
        double lossSum;
        long correct;
        long seen;
        int jobs;

        void add(TreeSum r) {
            lossSum += r.loss();
            correct += r.correct;
            seen += r.count;
        }
    }

    /** {@code position[order[k]] = k}. */
    private static int[] positions(int[] order) {
        int[] pos = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            pos[order[k]] = k;
        }
        return pos;
    }

    private static TrainingDivergedException divergence(String what, int e, int epochs, int step, int steps, String unit,
                                                        double lr) {
        return new TrainingDivergedException(String.format(Locale.ROOT,
                "training diverged in epoch %d (of %d), %s %d (of %d): %s; use a lower learning rate (now %s) "
                        + "or scale the inputs", e + 1, epochs, unit, step + 1, steps, what, lr));
    }

    private static String firstNonFinite(float[][] arrays) {
        for (int i = 0; i < arrays.length; i++) {
            if (!allFinite(arrays[i])) {
                return "the " + (i % 2 == 0 ? "weight" : "bias") + " gradient of layer " + i / 2 + " is NaN or infinite";
            }
        }
        return null;
    }

    private static boolean allFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double seconds(long startNanos) {
        return Math.max(System.nanoTime() - startNanos, 1) / 1e9;
    }

    @Override
    public String toString() {
        return (isSynchronous() ? "synchronous" : "parameter averaging every " + averagingFrequency + " steps") + ", "
                + (workers > 0 ? workers : "default") + " workers × " + batchPerWorker + " examples, " + epochs + " epochs";
    }
}
