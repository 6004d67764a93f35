package toynn.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NetworkBuilder;
import toynn.NeuralNetwork;
import toynn.cli.plots.ConfusionPlot;
import toynn.cli.plots.EpochPoint;
import toynn.cli.plots.Mistake;
import toynn.cli.plots.MistakesPlot;
import toynn.cli.plots.TrainingPlot;
import toynn.cli.progress.EpochProgressBar;
import toynn.cli.progress.EpochSummary;
import toynn.cli.progress.JsonLines;
import toynn.cli.progress.TrainingReporter;
import toynn.cli.train.Checkpoint;
import toynn.cli.train.Checkpointer;
import toynn.cli.train.TrainSettings;
import toynn.data.Normalizer;
import toynn.data.TrainTest;
import toynn.train.BatchEvent;
import toynn.train.EarlyStoppingState;
import toynn.train.EpochEvent;
import toynn.train.Evaluation;
import toynn.train.FitOptions;
import toynn.train.History;
import toynn.train.Optimizer;
import toynn.train.Trainer;
import toynn.train.TrainingListener;

/**
 * {@code toynn train}: learns a data set, shows progress, and writes the model, a checkpoint per
 * epoch and the plots into {@code --out}. With no flags: the bundled digits.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a network on a data set and writes the model, checkpoints and plots into --out.",
            "With no options it learns the bundled digits (8×8 images, 10 classes)."})
public final class TrainCommand implements Callable<Integer> {
    /** The file names written into --out. */
    public static final String MODEL = "model.json";
    /** The checkpoint's file name. */
    public static final String CHECKPOINT = "checkpoint.json";

    /** Hidden-layer activations (names are contracts). */
    enum Hidden { sigmoid, tanh, relu, leaky_relu, elu, linear }

    /** Output activations. */
    enum Output { softmax, sigmoid, tanh, linear }

    /** Losses. */
    enum LossName { cross_entropy, binary_cross_entropy, mse }

    /** Optimizers. */
    enum OptimizerName { sgd, momentum, nesterov, adam, adamw, rmsprop }

    /** Input (and regression target) normalisation. */
    enum Normalize { minmax, zscore, none }

    /** What is learned. */
    enum Task { classification, regression }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = "digits",
            description = "xor, iris, digits, fashion-mnist, idx:DIR, csv:PATH, npy:INPUTS.npy,LABELS.npy or "
                    + "npy:CLASS1.npy,CLASS2.npy,… (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "For csv: the label column, by header name or 0-based index (default: the last column).")
    String label;

    @Option(names = "--layers", paramLabel = "SIZES", split = ",", defaultValue = "128,64",
            description = "Hidden layer sizes, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Hidden activation;

    @Option(names = "--output-activation", paramLabel = "NAME",
            description = "Output activation: ${COMPLETION-CANDIDATES} (default softmax; regression: linear).")
    Output outputActivation;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "Loss: ${COMPLETION-CANDIDATES} (default cross_entropy; regression: mse).")
    LossName loss;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "Optimizer: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    OptimizerName optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001",
            description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of weights, shuffling and splits: same seed, same model (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--val-split", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Share of the training data held out for validation (default ${DEFAULT-VALUE}; 0 = none).")
    double valSplit;

    @Option(names = "--early-stop", paramLabel = "PATIENCE", defaultValue = "0",
            description = "Stop when the validation loss has not improved for this many epochs (default 0 = off).")
    int earlyStop;

    @Option(names = "--clip-norm", paramLabel = "NORM", defaultValue = "0",
            description = "Clip the gradient by its global norm: scale every step whose gradient norm exceeds NORM "
                    + "down to NORM (0 = off, the default).")
    double clipNorm;

    @Option(names = "--normalize", paramLabel = "HOW", defaultValue = "minmax",
            description = "Input scaling fitted on the training data: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Normalize normalize;

    @Option(names = "--task", paramLabel = "TASK",
            description = "${COMPLETION-CANDIDATES} (default from the data: classes → classification, "
                    + "a numeric CSV label → regression).")
    Task task;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "${sys:toynn.out:-toynn-out}",
            description = "Where the model, checkpoint and plots go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object per line instead of progress bars.")
    boolean json;

    @Option(names = "--quiet", description = "Print only the final result.")
    boolean quiet;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue from a checkpoint written by an earlier run (its settings are used).")
    Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1",
            description = "Write " + CHECKPOINT + " into --out every N epochs, and the last finished epoch on Ctrl-C "
                    + "(default ${DEFAULT-VALUE}; 0 = off).")
    int checkpointEvery;

    @Option(names = "--test-split", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Share held out as the test set when the data has none of its own (default ${DEFAULT-VALUE}).")
    double testSplit;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train on Apache Spark at MASTER, e.g. local[2] or spark://host:7077 (needs toynn-spark; "
                    + "./toynn adds it): --batch is split over the workers, the model as without it up to float rounding "
                    + "(the gradient is summed in another order).")
    String spark;

    @Option(names = "--spark-workers", paramLabel = "N", defaultValue = "0",
            description = "With --spark: workers the data is dealt to (default 0 = Spark's default parallelism).")
    int sparkWorkers;

    @Option(names = "--spark-averaging", paramLabel = "K", defaultValue = "0",
            description = "With --spark: parameter averaging every K local steps instead of synchronous training "
                    + "(default 0 = synchronous).")
    int sparkAveraging;

    @Override
    public Integer call() throws Exception {
        checkRanges();
        PrintStream stdout = main.out();
        PrintStream stderr = main.err();
        Checkpoint.Contents resumed = null;
        TrainSettings settings;
        TrainTest data;
        if (resume != null) {
            resumed = Checkpoint.read(resume);
            settings = resumedSettings(resumed.settings());
            if (!given("--out")) {                             // keep writing beside the checkpoint, named as
                Path parent = resume.getParent();              // the user named it (as a fresh run's --out)
                out = parent != null ? parent : Path.of("");   // a bare file name: the working folder
            }
            data = DataLoading.load(settings.dataFromWorkingDir(), settings.label(), settings.classification(),
                    settings.testSplit(), settings.seed());
        } else {
            Boolean forced = task == null ? null : task == Task.classification;
            data = DataLoading.load(this.data, label, forced, testSplit, seed);
            settings = resolve(data.train(), data.test());
        }
        DataSet train = data.train();
        DataSet test = data.test();

        NeuralNetwork nn;
        EarlyStoppingState resumeEarly = null;      // the checkpoint's early stopping, to carry on with
        if (resumed != null) {
            nn = resumed.network(resume.toString());
            checkFits(nn, train, settings.data());
            if (nn.epochsTrained() > settings.epochs()) {        // "done 4 of 2 epochs" would read as a contradiction
                throw new CliException("--epochs " + settings.epochs() + " is fewer than the " + nn.epochsTrained()
                        + " epochs " + resume + " has already done; give --epochs above " + nn.epochsTrained()
                        + " to train further");
            }
            if (nn.epochsTrained() >= settings.epochs()) {
                throw new CliException(resume + " has already done " + nn.epochsTrained() + " of " + settings.epochs()
                        + " epochs; give --epochs with a larger number to train further");
            }
            if (settings.earlyStop() > 0 && resumed.earlyStopping() != null) {
                resumeEarly = resumedEarlyStopping(resumed, settings);
            }
        } else {
            nn = build(settings, train);
        }
        DataSet trainN = normalized(nn, train);
        DataSet testN = normalized(nn, test);

        Path checkpoint = out.resolve(CHECKPOINT);
        Path modelFile = out.resolve(MODEL);
        OutputFolder.make(out);
        List<EpochPoint> history = resumed == null ? new ArrayList<>() : new ArrayList<>(resumed.history());
        TrainingReporter reporter = json ? new JsonLines(stdout) : quiet ? TrainingReporter.quiet()
                : new EpochProgressBar(stderr, EpochProgressBar.terminal());
        if (!json && !quiet) {
            stderr.println(describe(nn, settings, train, test, resumed != null));
        }
        // Only the checkpoint resumed from is this run's before it writes one: another run's (a fresh run into
        // an --out used before) must not be offered for --resume on Ctrl-C.
        Checkpointer checkpointer = new Checkpointer(checkpoint, checkpointEvery, settings,
                resume != null && sameFile(resume, checkpoint));
        EarlyStoppingState[] earlyState = new EarlyStoppingState[1];    // fit's, at the end of the epoch reported
        Consumer<EpochSummary> epochEnded = e -> {
            history.add(new EpochPoint(e.epoch(), e.loss(), e.valLoss(), e.accuracy(), e.valAccuracy()));
            checkpointer.epochEnded(e.epoch(), e.epochs(), history, nn,     // before the report: a Ctrl-C after it
                    earlyState[0]);
            reporter.epoch(e);                                               // keeps this epoch
        };
        TrainingListener listener = new TrainingListener() {
            private double lossSum;      // running sums over the epoch so far, weighted by batch size
            private double correct;
            private int seen;

            @Override
            public void onBatchEnd(BatchEvent b) {
                if (b.batch() == 1) {
                    lossSum = 0;
                    correct = 0;
                    seen = 0;
                }
                lossSum += b.loss() * b.size();
                correct += b.accuracy() * b.size();
                seen += b.size();
                reporter.batch(b.epoch(), b.epochs(), b.batch(), b.batches(), lossSum / seen, correct / seen,
                        b.samplesPerSecond());
            }

            @Override
            public void onEpochEnd(EpochEvent e) {
                earlyState[0] = e.earlyStoppingState();
                epochEnded.accept(new EpochSummary(e.epoch(), e.epochs(), e.trainLoss(), e.trainAccuracy(), e.valLoss(),
                        e.valAccuracy(), e.samplesPerSecond(), e.seconds()));
            }
        };
        FitOptions fit = FitOptions.create().epochs(settings.epochs()).batchSize(settings.batch()).seed(settings.seed())
                .validationSplit(settings.valSplit()).initialEpoch(nn.epochsTrained()).listener(listener);
        if (settings.earlyStop() > 0) {
            fit.earlyStopping(settings.earlyStop(), 0, true);
            if (resumeEarly != null) {
                fit.resumeEarlyStopping(resumeEarly);        // patience count and best weights go on
            }
        }
        if (settings.clipNorm() > 0) {
            fit.clipGradientNorm(settings.clipNorm());
        }
        InterruptHint hint = new InterruptHint(stderr, checkpointer);
        int firstEpoch = nn.epochsTrained() + 1;                // a resumed run's summary counts from here
        long start = System.nanoTime();
        boolean stoppedEarly;
        int bestEpoch;
        if (spark == null) {
            History h;
            try (reporter; hint) {
                h = nn.fit(trainN, fit);
            }
            stoppedEarly = h.stoppedEarly();
            bestEpoch = h.bestEpoch();
        } else {
            SparkRunner.TrainOutcome o = trainOnSpark(nn, trainN, settings, resumeEarly, reporter, hint,
                    s -> earlyState[0] = s, epochEnded);
            stoppedEarly = o.stoppedEarly();
            bestEpoch = o.bestEpoch();
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        nn.save(modelFile);

        List<Path> written = new ArrayList<>(List.of(modelFile));
        if (checkpointEvery > 0 && Files.exists(checkpoint)) {
            written.add(checkpoint);
        }
        Path trainingPng = out.resolve("training.png");
        TrainingPlot.write(history, trainingPng);
        written.add(trainingPng);

        JsonObject done = new JsonObject();
        done.addProperty("event", "done");
        done.addProperty("epochs", nn.epochsTrained());
        done.addProperty("stopped_early", stoppedEarly);
        String result;
        if (settings.classification()) {
            Evaluation ev = nn.evaluate(testN);
            List<String> names = classNames(ev, nn);
            Path confusion = out.resolve("confusion.png");
            ConfusionPlot.write(ev.confusionMatrix(), names, confusion);
            written.add(confusion);
            if (test.isImage()) {
                Path mistakes = out.resolve("mistakes.png");
                writeMistakes(nn, test, names, mistakes);
                written.add(mistakes);
            }
            JsonLines.put(done, "test_accuracy", ev.accuracy());
            JsonLines.put(done, "test_loss", ev.loss());
            result = String.format(Locale.ROOT, "Test accuracy %.2f%% (loss %.4f) on %,d test examples", 100 * ev.accuracy(),
                    ev.loss(), test.size());
        } else {
            Evaluation ev = regression(nn, test, testN);
            JsonLines.put(done, "test_mse", ev.mse());
            JsonLines.put(done, "test_r2", ev.r2());
            JsonLines.put(done, "test_mae", ev.mae());
            JsonLines.put(done, "test_loss", ev.loss());
            result = String.format(Locale.ROOT, "Test MSE %.6g, R² %.4f, MAE %.6g on %,d test examples", ev.mse(), ev.r2(),
                    ev.mae(), test.size());
        }
        // A plot this run does not draw (regression has no confusion matrix, non-image data no mistakes) would
        // otherwise be an earlier run's, shown beside this model as if it were its.
        for (String plot : List.of("confusion.png", "mistakes.png")) {
            Path stale = out.resolve(plot);
            if (!written.contains(stale)) {
                Files.deleteIfExists(stale);
            }
        }
        JsonLines.put(done, "train_seconds", trainSeconds);
        done.addProperty("model", modelFile.toString());
        if (json) {
            JsonLines.print(stdout, done);
        } else {
            stdout.println(result + String.format(Locale.ROOT, " — %s in %.1f s%s",
                    epochsRun(firstEpoch, nn.epochsTrained(), resumed != null), trainSeconds,
                    stoppedEarly ? " (stopped early; best epoch " + bestEpoch + ")" : ""));
            stdout.println("Wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
            // --seed and --test-split only pick evaluate's test set when the data has none of its own (xor's is fixed).
            boolean split = !DataLoading.hasOwnTestSet(settings.data());
            stdout.println("Next: toynn evaluate --model " + modelFile + " --data " + settings.data()
                    + (settings.label() == null ? "" : " --label " + settings.label())
                    + (!split || settings.seed() == 1 ? "" : " --seed " + settings.seed())
                    + (!split || settings.testSplit() == 0.2 ? "" : " --test-split " + settings.testSplit()));
        }
        return 0;
    }

    /**
     * {@code --spark}: the same training on a Spark cluster. The validation examples are the ones fit would
     * hold out ({@link Trainer#validationSplit}); the rest is dealt to the workers in fit's epoch order.
     */
    private SparkRunner.TrainOutcome trainOnSpark(NeuralNetwork nn, DataSet trainN, TrainSettings s,
                                                  EarlyStoppingState resumeEarly, TrainingReporter reporter,
                                                  InterruptHint hint, Consumer<EarlyStoppingState> earlyStopping,
                                                  Consumer<EpochSummary> epochEnded) {
        DataSet fitTrain = trainN;
        DataSet validation = null;
        if (s.valSplit() > 0) {
            int[][] split = Trainer.validationSplit(s.seed(), trainN.size(), s.valSplit());
            fitTrain = trainN.subset(split[0]);
            validation = trainN.subset(split[1]);
        }
        SparkRunner.TrainJob job = new SparkRunner.TrainJob(s.epochs(), nn.epochsTrained(), s.batch(), s.seed(),
                sparkWorkers, sparkAveraging, s.earlyStop(), resumeEarly);
        // The hint and reporter first: a runner that cannot open (no toynn-spark, a bad master) still closes them,
        // so the hint's shutdown hook does not report an interruption at exit.
        try (reporter; hint; SparkRunner runner = SparkRunner.open(spark)) {
            if (!json && !quiet) {
                main.err().println("On " + runner.describe() + (sparkAveraging > 0
                        ? ", parameter averaging every " + sparkAveraging + " steps" : ", synchronous"));
            }
            return runner.train(nn, fitTrain, validation, job, earlyStopping, epochEnded);
        }
    }

    // ------------------------------------------------------------------ settings

    private void checkRanges() {
        if (epochs < 1) {
            throw new CliException("--epochs must be at least 1, got " + epochs);
        }
        if (batch < 1) {
            throw new CliException("--batch must be at least 1, got " + batch);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new CliException("--lr must be a number > 0, got " + lr);
        }
        if (!(valSplit >= 0 && valSplit < 1)) {
            throw new CliException("--val-split must be at least 0 and below 1, got " + valSplit);
        }
        if (earlyStop < 0) {
            throw new CliException("--early-stop must be 0 (off) or a number of epochs, got " + earlyStop);
        }
        if (earlyStop > 0 && valSplit == 0) {
            throw new CliException("--early-stop watches the validation loss; give --val-split above 0 too");
        }
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new CliException("--clip-norm must be 0 (off) or a finite number > 0, got " + clipNorm);
        }
        if (clipNorm > 0 && spark != null) {
            throw new CliException("--clip-norm is not available with --spark yet; train without one of them");
        }
        if (checkpointEvery < 0) {
            throw new CliException("--checkpoint-every must be 0 (off) or a number of epochs, got " + checkpointEvery);
        }
        if (sparkWorkers < 0 || sparkAveraging < 0) {
            throw new CliException("--spark-workers and --spark-averaging must be 0 (the default) or more, got "
                    + sparkWorkers + " and " + sparkAveraging);
        }
        if (spark == null && (sparkWorkers != 0 || sparkAveraging != 0)) {
            throw new CliException("--spark-workers and --spark-averaging need --spark MASTER");
        }
        if (layers.isEmpty() || layers.stream().anyMatch(n -> n < 1)) {
            throw new CliException("--layers needs hidden layer sizes of at least 1, like 128,64; got " + layers);
        }
    }

    /** True when both name one existing file. */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the user typed this option. */
    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The flags and defaults turned into concrete settings, with the task and output decided from the data. */
    private TrainSettings resolve(DataSet train, DataSet test) {
        boolean classes = train.isClassification() || (!data.trim().toLowerCase(Locale.ROOT).startsWith("csv:")
                && zeroOneTargets(train));
        if (task == Task.regression && train.isClassification()) {
            throw new CliException("--task regression needs numeric targets, but " + data + " has classes "
                    + train.classNames() + "; leave out --task");
        }
        boolean cls = task == null ? classes : task == Task.classification;
        if (cls && train.classNames().size() == 1) {
            // One output that is always right: a model that learns nothing and scores as if it had.
            throw new CliException("the labels of " + data + " take only one value, " + train.classNames()
                    + "; a classifier needs at least two classes — check --label names the column to predict");
        }
        int examples = train.size() + test.size();
        if (task == Task.classification && train.classNames().size() > examples / 2) {
            // A numeric column forced into classes: nearly every value its own class, nothing to learn.
            throw new CliException("--task classification: the labels of " + data + " take "
                    + train.classNames().size() + " different values in " + examples
                    + " examples, too few examples per class; for a number to predict leave out --task (regression)");
        }
        // The default validation share of a tiny set (xor's 4 rows) would hold out nothing: train without one.
        double validation = !given("--val-split") && earlyStop == 0 && Math.round(valSplit * train.size()) < 1
                ? 0 : valSplit;
        long held = Math.round(validation * train.size());
        if (validation > 0 && (held < 1 || held >= train.size())) {
            // With --early-stop, 0 is no way out: it needs the validation loss.
            throw new CliException(String.format(Locale.ROOT, "%s--val-split %s of %,d training examples holds out %d for "
                    + "validation; give a share that leaves at least one on each side%s",
                    earlyStop > 0 ? "--early-stop watches the validation loss, but " : "", validation, train.size(), held,
                    earlyStop > 0 ? "" : ", or 0 for none"));
        }
        int outputs = train.targetSize();
        String outAct = outputActivation != null ? outputActivation.name()
                : cls ? (outputs > 1 ? "softmax" : "sigmoid") : "linear";
        String lossName = loss != null ? loss.name()
                : cls ? (outputs > 1 ? "cross_entropy" : "binary_cross_entropy") : "mse";
        return new TrainSettings(data, label, layers, activation.name(), outAct, lossName, optimizer.name(), lr, epochs,
                batch, seed, validation, earlyStop, normalize.name(), cls ? "classification" : "regression", testSplit,
                clipNorm, Path.of("").toAbsolutePath().toString());
    }

    /** One target column of only 0s and 1s (like XOR): a yes/no classification. */
    private static boolean zeroOneTargets(DataSet d) {
        if (d.targetSize() != 1) {
            return false;
        }
        for (float t : d.targets()) {
            if (t != 0f && t != 1f) {
                return false;
            }
        }
        return true;
    }

    /** The checkpoint's settings; --epochs may change, other explicit options must agree. */
    private TrainSettings resumedSettings(TrainSettings s) {
        List<String> conflicts = new ArrayList<>();
        // The same file named from this folder (a full path, or ../run/h.csv) is the same --data too.
        String here = TrainSettings.dataFrom(data, Path.of("").toAbsolutePath().toString());
        if (given("--data") && !DataLoading.canonical(data).equals(DataLoading.canonical(s.data()))
                && !DataLoading.canonical(here).equals(DataLoading.canonical(s.dataFromWorkingDir()))) {
            conflicts.add("--data is " + data + " where the checkpoint has " + s.data());    // DIGITS is digits
        }
        check(conflicts, "--label", label, s.label());
        check(conflicts, "--layers", layers, s.layers());
        check(conflicts, "--activation", activation == null ? null : activation.name(), s.activation());
        check(conflicts, "--output-activation", outputActivation == null ? null : outputActivation.name(), s.outputActivation());
        check(conflicts, "--loss", loss == null ? null : loss.name(), s.loss());
        check(conflicts, "--optimizer", optimizer == null ? null : optimizer.name(), s.optimizer());
        check(conflicts, "--lr", lr, s.lr());
        check(conflicts, "--batch", batch, s.batch());
        check(conflicts, "--seed", seed, s.seed());
        check(conflicts, "--val-split", valSplit, s.valSplit());
        check(conflicts, "--early-stop", earlyStop, s.earlyStop());
        check(conflicts, "--normalize", normalize == null ? null : normalize.name(), s.normalize());
        check(conflicts, "--task", task == null ? null : task.name(), s.task());
        check(conflicts, "--test-split", testSplit, s.testSplit());
        check(conflicts, "--clip-norm", clipNorm, s.clipNorm());
        if (!conflicts.isEmpty()) {
            throw new CliException("--resume continues with the checkpoint's settings, but " + String.join(", ", conflicts)
                    + "; leave those options out (only --epochs, --out, --json, --quiet and --checkpoint-every may change)");
        }
        return given("--epochs") ? s.withEpochs(epochs) : s;
    }

    /** The checkpoint's early-stopping state, unless early stopping had already ended that run. */
    private EarlyStoppingState resumedEarlyStopping(Checkpoint.Contents c, TrainSettings s) {
        EarlyStoppingState state = c.earlyStopping();
        if (state.sinceBest() >= s.earlyStop()) {
            throw new CliException(resume + ": early stopping already ended this run after epoch " + state.epoch()
                    + " (no improvement for " + state.sinceBest() + " epochs since epoch " + state.bestEpoch()
                    + ", --early-stop " + s.earlyStop() + "); its model.json is the result, there is nothing left to train");
        }
        return state;
    }

    private void check(List<String> conflicts, String option, Object value, Object saved) {
        if (given(option) && !String.valueOf(value).equals(String.valueOf(saved))) {
            conflicts.add(option + " is " + value + " where the checkpoint has " + saved);
        }
    }

    // ------------------------------------------------------------------ network and data

    private static NeuralNetwork build(TrainSettings s, DataSet train) {
        NetworkBuilder b = NeuralNetwork.builder().inputs(train.inputSize());
        ActivationFunction hidden = ActivationFunction.byName(s.activation());
        for (int units : s.layers()) {
            b.dense(units, hidden);
        }
        b.dense(train.targetSize(), ActivationFunction.byName(s.outputActivation()));
        Loss loss = Loss.byName(s.loss());
        try {
            loss.checkOutputActivation(ActivationFunction.byName(s.outputActivation()));
        } catch (IllegalArgumentException e) {
            throw new CliException("--loss " + s.loss() + " does not fit --output-activation " + s.outputActivation()
                    + ": " + e.getMessage());
        }
        // Combinations the core accepts but that learn nothing here: the model would come out silently wrong.
        if ("softmax".equals(s.outputActivation()) && train.targetSize() == 1) {
            throw new CliException("--output-activation softmax needs two or more outputs, but " + s.data()
                    + " has one target per example (the softmax of one output is always 1); use --output-activation "
                    + "sigmoid" + (s.loss().equals("mse") ? "" : " with --loss binary_cross_entropy"));
        }
        if ("cross_entropy".equals(s.loss()) && "sigmoid".equals(s.outputActivation())) {
            throw new CliException("--loss cross_entropy does not fit --output-activation sigmoid: it only raises the "
                    + "target's output, so every output learns to answer 1; use --loss binary_cross_entropy with sigmoid"
                    + (train.targetSize() > 1 ? ", or --output-activation softmax" : ""));
        }
        NeuralNetwork nn = b.loss(loss).optimizer(Optimizer.byName(s.optimizer(), s.lr())).seed(s.seed()).build();
        if (!"none".equals(s.normalize())) {
            Normalizer.Method m = Normalizer.Method.byName(s.normalize());
            nn.setInputNormalizer(Normalizer.fitInputs(m, train));      // fitted on the training data only
            if (!s.classification()) {
                nn.setTargetNormalizer(Normalizer.fitTargets(m, train));
            }
        }
        if (s.classification() && !train.classNames().isEmpty()) {
            nn.setClassNames(train.classNames());
        }
        return nn;
    }

    /** {@code data} as the network trains on it: inputs (and regression targets) normalised by the network's normalizers. */
    static DataSet normalized(NeuralNetwork nn, DataSet data) {
        DataSet d = data;
        if (nn.inputNormalizer() != null) {
            d = nn.inputNormalizer().normalizeInputs(d);
        }
        if (nn.targetNormalizer() != null) {
            d = nn.targetNormalizer().normalizeTargets(d);
        }
        return d;
    }

    /** A one-line error unless the network's sizes fit the data. */
    static void checkFits(NeuralNetwork nn, DataSet data, String source) {
        if (nn.inputSize() != data.inputSize()) {
            throw new CliException("the model takes " + nn.inputSize() + " inputs but " + source + " has "
                    + data.inputSize() + " per example; use a model trained on this kind of data");
        }
        if (nn.outputSize() != data.targetSize()) {
            throw new CliException("the model has " + nn.outputSize() + " outputs but " + source + " has "
                    + data.targetSize() + " targets per example; use a model trained on this kind of data");
        }
    }

    /** Regression scores in the data's own units (outputs mapped back through the target normalizer). */
    static Evaluation regression(NeuralNetwork nn, DataSet raw, DataSet normalized) {
        double loss = nn.evaluate(normalized).loss();
        int rows = raw.size();
        int cols = raw.targetSize();
        float[] outputs = new float[rows * cols];
        float[] row = new float[raw.inputSize()];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(raw.inputs(), r * row.length, row, 0, row.length);
            System.arraycopy(nn.predict(row), 0, outputs, r * cols, cols);
        }
        return Evaluation.of(outputs, raw.targets(), rows, cols, List.of(), false, loss);
    }

    /**
     * The class names of an evaluation of {@code nn}: a one-output network's two class names (a binary
     * classifier's, which its one-column data cannot name), else the data's, or "0", "1", … when it has none.
     */
    static List<String> classNames(Evaluation ev, NeuralNetwork nn) {
        if (nn.hasBinaryClassNames()) {
            return nn.classNames();
        }
        if (!ev.classNames().isEmpty()) {
            return ev.classNames();
        }
        int n = ev.confusionMatrix().length;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(String.valueOf(i));
        }
        return names;
    }

    /** Draws up to 32 misclassified test images with their true and predicted labels. */
    static void writeMistakes(NeuralNetwork nn, DataSet test, List<String> names, Path file) throws IOException {
        List<Mistake> shown = new ArrayList<>();
        int total = 0;
        int in = test.inputSize();
        float[] row = new float[in];
        for (int i = 0; i < test.size(); i++) {
            System.arraycopy(test.inputs(), i * in, row, 0, in);
            int guess = argmax(nn.predict(row));
            int truth = test.label(i);
            if (guess != truth) {
                total++;
                if (shown.size() < 32) {
                    shown.add(new Mistake(row.clone(), test.imageWidth(), test.imageHeight(), names.get(truth),
                            names.get(guess)));
                }
            }
        }
        MistakesPlot.write(shown, total, file);
    }

    static int argmax(float[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The epochs this call ran, {@code first} to {@code last}: "10 epochs" for a fresh run, "epochs 3–5" (or
     * "epoch 5") for a resumed one, whose earlier epochs were another call's.
     */
    static String epochsRun(int first, int last, boolean resumed) {
        if (!resumed) {
            return last + (last == 1 ? " epoch" : " epochs");
        }
        return first >= last ? "epoch " + last : "epochs " + first + "–" + last;
    }

    private static String describe(NeuralNetwork nn, TrainSettings s, DataSet train, DataSet test, boolean resumed) {
        String validation = s.valSplit() > 0
                ? String.format(Locale.ROOT, "%.0f%% held out for validation", 100 * s.valSplit()) : "no validation";
        return String.format(Locale.ROOT, "%s %s on %s: %,d training examples (%s), %,d test; "
                        + "%s/%s, %s, %s lr %s, batch %d, seed %d", resumed ? "Resuming" : "Training",
                ConvertCommand.sizes(nn.layerSizes()), s.data(), train.size(), validation, test.size(),
                s.activation(), s.outputActivation(), s.loss(), s.optimizer(), s.lr(), s.batch(), s.seed());
    }
}
