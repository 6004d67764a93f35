package toynn.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.cli.progress.JsonLines;
import toynn.data.TrainTest;
import toynn.train.Evaluation;

/**
 * {@code toynn evaluate --model PATH --data SOURCE [--json]}: accuracy, per-class precision, recall
 * and F1 and the confusion matrix on the source's test set — or MSE, MAE and R² for regression.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores a model on a data set's test examples: accuracy, per-class precision/recall/F1 and the "
                + "confusion matrix, or MSE, MAE and R² for regression.",
            "The test set is the one train held out (same --seed and --test-split)."})
public final class EvaluateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--data", required = true, paramLabel = "SOURCE",
            description = "xor, iris, digits, fashion-mnist, idx:DIR, csv:PATH or npy:… (as for train).")
    String data;

    @Option(names = "--label", paramLabel = "COLUMN", description = "For csv: the label column (default: the last).")
    String label;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the test split, as given to train (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-split", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Test share, as given to train (default ${DEFAULT-VALUE}).")
    double testSplit;

    @Option(names = "--json", description = "Print the scores as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Models.Loaded loaded = modelOptions.open();
        NeuralNetwork nn = loaded.network();
        int last = nn.layers().size() - 1;
        if (!loaded.format().startsWith("toynn") && nn.loss() == Loss.MSE
                && nn.layers().get(last).activation().name().equals(ActivationFunction.SOFTMAX.name())) {
            // Other formats record no loss, so the network comes back with the default (MSE). A softmax
            // classifier is scored with cross-entropy, as train reports it: one model, one loss, in any format.
            nn.setLoss(Loss.CROSS_ENTROPY);
        }
        boolean classifier = !nn.classNames().isEmpty() || nn.loss() != Loss.MSE;
        boolean csv = data.trim().toLowerCase(Locale.ROOT).startsWith("csv:");
        TrainTest tt = DataLoading.load(data, label, csv ? classifier : null, testSplit, seed);
        DataSet test = tt.test();
        List<String> dataClasses = test.classNames();
        if (nn.outputSize() == 1 && test.isClassification() && test.targetSize() == 2) {
            test = binaryTargets(test);     // a single output is a binary classifier: one 0/1 target, as it trained
        }
        TrainCommand.checkFits(nn, test, data);
        if (!nn.classNames().isEmpty() && !dataClasses.isEmpty() && !nn.classNames().equals(dataClasses)) {
            throw new CliException("the model's classes " + nn.classNames() + " are not the data's " + dataClasses
                    + "; evaluate the model on the data it was trained for");
        }
        boolean classification = classifier || !dataClasses.isEmpty();
        Evaluation ev = classification ? nn.evaluate(TrainCommand.normalized(nn, test))
                : TrainCommand.regression(nn, test, TrainCommand.normalized(nn, test));
        List<String> names = !classification ? List.of()
                : nn.outputSize() == 1 && dataClasses.size() == 2 ? dataClasses : TrainCommand.classNames(ev, nn);
        PrintStream out = main.out();
        if (json) {
            JsonLines.print(out, toJson(ev, names, nn.loss().id(), classification, test.size()));
        } else if (classification) {
            printClassification(out, ev, names, nn.loss().id(), test.size());
        } else {
            out.printf(Locale.ROOT, "Test examples: %,d%nLoss: %.6g (%s%s)%nMSE:  %.6g%nMAE:  %.6g%nR²:   %.4f%n",
                    test.size(), ev.loss(), nn.loss().id(), nn.targetNormalizer() != null ? ", on normalised targets" : "",
                    ev.mse(), ev.mae(), ev.r2());
        }
        return 0;
    }

    /** Two-class data (one-hot, two columns) as one target column: 1 for the second class, 0 for the first. */
    private static DataSet binaryTargets(DataSet d) {
        float[] oneHot = d.targets();
        float[] t = new float[d.size()];
        for (int r = 0; r < t.length; r++) {
            t[r] = oneHot[2 * r + 1];
        }
        return DataSet.of(d.inputs(), t, d.size(), d.inputSize(), 1, List.of(), d.columnNames());
    }

    private static JsonObject toJson(Evaluation ev, List<String> names, String lossName, boolean classification,
                                     int examples) {
        JsonObject o = new JsonObject();
        o.addProperty("examples", examples);
        JsonLines.put(o, "loss", ev.loss());
        o.addProperty("loss_function", lossName);
        if (!classification) {
            JsonLines.put(o, "mse", ev.mse());
            JsonLines.put(o, "mae", ev.mae());
            JsonLines.put(o, "r2", ev.r2());
            return o;
        }
        JsonLines.put(o, "accuracy", ev.accuracy());
        JsonLines.put(o, "macro_f1", ev.macroF1());
        int[][] m = ev.confusionMatrix();
        JsonArray classes = new JsonArray();
        for (int c = 0; c < names.size(); c++) {
            JsonObject k = new JsonObject();
            k.addProperty("name", names.get(c));
            JsonLines.put(k, "precision", ev.precision(c));
            JsonLines.put(k, "recall", ev.recall(c));
            JsonLines.put(k, "f1", ev.f1(c));
            k.addProperty("support", support(m, c));
            classes.add(k);
        }
        o.add("classes", classes);
        JsonArray rows = new JsonArray();
        for (int[] row : m) {
            JsonArray r = new JsonArray();
            for (int v : row) {
                r.add(v);
            }
            rows.add(r);
        }
        o.add("confusion_matrix", rows);
        return o;
    }

    private static int support(int[][] m, int c) {
        int s = 0;
        for (int v : m[c]) {
            s += v;
        }
        return s;
    }

    private static void printClassification(PrintStream out, Evaluation ev, List<String> names, String lossName,
                                            int examples) {
        out.printf(Locale.ROOT, "Test examples: %,d%nAccuracy: %.2f%%  (%s loss %.4f, macro F1 %.4f)%n%n", examples,
                100 * ev.accuracy(), lossName, ev.loss(), ev.macroF1());
        int[][] m = ev.confusionMatrix();
        Table t = new Table("Class", ">Precision", ">Recall", ">F1", ">Support");
        for (int c = 0; c < names.size(); c++) {
            t.row(names.get(c), f3(ev.precision(c)), f3(ev.recall(c)), f3(ev.f1(c)), support(m, c));
        }
        t.print(out, 2);
        out.println();
        out.println("Confusion matrix (rows: true class, columns: predicted class):");
        String[] titles = new String[names.size() + 1];
        titles[0] = "true \\ predicted";
        for (int c = 0; c < names.size(); c++) {
            titles[c + 1] = ">" + names.get(c);
        }
        Table cm = new Table(titles);
        for (int r = 0; r < names.size(); r++) {
            Object[] cells = new Object[names.size() + 1];
            cells[0] = names.get(r);
            for (int c = 0; c < names.size(); c++) {
                cells[c + 1] = m[r][c];
            }
            cm.row(cells);
        }
        cm.print(out, 2);
    }

    private static String f3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }
}
