package toynn.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import toynn.InputShape;
import toynn.NeuralNetwork;
import toynn.cli.input.ImageInput;
import toynn.cli.input.NamedCsvRows;
import toynn.cli.input.NumberRows;

/**
 * {@code toynn predict --model PATH (--input JSON_ARRAY | --csv PATH | IMAGE.png)}: one JSON array
 * of outputs per input, or with {@code --labels} the label and its confidence.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Runs a model on inputs and prints one JSON line per input: the outputs, "
                + "or with --labels the label and its confidence.",
            "Inputs: --input '[0, 1]' (or '[[0, 1], [1, 0]]'), --csv FILE (one input per line; a header naming the "
                + "model's input columns, as in the training file, reads each line by name), "
                + "or image files (grayscale, scaled to the model's image size, values in [0, 1])."})
public final class PredictCommand implements Callable<Integer> {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--input", paramLabel = "JSON_ARRAY",
            description = "Input numbers as a JSON array, e.g. '[0, 1]', or an array of arrays; may repeat.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "PATH",
            description = "A CSV file with one input per line. For a model that knows its input columns, a header naming "
                    + "them (as in the training file: numbers and text categories, other columns such as the label "
                    + "ignored) reads each line by name; otherwise the numbers in order (a non-numeric first line is "
                    + "a header and skipped).")
    Path csv;

    @Parameters(paramLabel = "IMAGE", arity = "0..*",
            description = "Image files (PNG, JPEG, GIF, BMP) for models trained on images (or, for files that do not "
                    + "say, with a square number of inputs).")
    List<Path> images = new ArrayList<>();

    @Option(names = "--labels", description = "Print the predicted label and its confidence instead of the outputs.")
    boolean labels;

    @Option(names = "--invert", paramLabel = "WHEN", defaultValue = "auto",
            description = "Invert image gray values: ${COMPLETION-CANDIDATES} (auto: when the background is light; "
                    + "the image data sets have bright ink on black). Default ${DEFAULT-VALUE}.")
    ImageInput.Invert invert = ImageInput.Invert.auto;

    @Override
    public Integer call() throws Exception {
        if (inputs.isEmpty() && csv == null && images.isEmpty()) {
            throw new CliException("no inputs given; add --input '[...]', --csv FILE or image files "
                    + "(see 'toynn predict --help')");
        }
        NeuralNetwork nn = modelOptions.load();
        if (labels && nn.classNames().isEmpty() && nn.targetNormalizer() != null) {
            throw new CliException("--labels is for classifiers, but this model predicts numbers (a regression "
                    + "model); leave out --labels to print its outputs");
        }
        PrintStream out = main.out();
        List<double[]> rows = new ArrayList<>();       // all checked before the first is printed: no half an answer
        List<String> sources = new ArrayList<>();
        List<Map<String, String>> namedRows = new ArrayList<>();   // a CSV row by name where rows holds null
        for (String text : inputs) {
            List<double[]> parsed = NumberRows.fromJson(text, "--input");
            for (int i = 0; i < parsed.size(); i++) {
                String what = "--input " + text + (parsed.size() > 1 ? " row " + i : "");
                checkSize(parsed.get(i).length, nn, what);
                rows.add(parsed.get(i));
                namedRows.add(null);
                sources.add(what);
            }
        }
        NamedCsvRows.Result named = csv == null ? null : NamedCsvRows.read(csv, nn);
        if (named != null) {                // a header naming the model's raw columns: rows by name, as trained on
            for (NamedCsvRows.Row row : named.rows()) {
                rows.add(null);
                namedRows.add(row.values());
                sources.add(csv + " line " + row.line());
            }
        } else if (csv != null) {
            List<double[]> csvRows = NumberRows.fromCsv(csv);
            for (int i = 0; i < csvRows.size(); i++) {
                checkSize(csvRows.get(i).length, nn, csv + " row " + (i + 1));
                rows.add(csvRows.get(i));
                namedRows.add(null);
                sources.add(csv + " row " + (i + 1));
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            try {                                       // refuses values beyond float32, and outputs that overflow
                double[] input = rows.get(i);
                lines.add(format(nn, input != null ? nn.predict(input)
                        : nn.predict(namedRows.get(i))));
            } catch (IllegalArgumentException e) {
                throw new CliException(sources.get(i) + ": " + e.getMessage(), e);
            }
        }
        for (String line : lines) {
            out.println(line);
        }
        if (!images.isEmpty()) {
            InputShape shape = ImageInput.shapeFor(nn, modelOptions.model.toString());
            boolean guessed = nn.inputShape() == null;
            for (Path image : images) {
                double[] x = ImageInput.read(image, shape, invert);
                if (guessed) {                              // said once, and not before an error (one line each)
                    main.err().println("toynn: " + modelOptions.model + " does not say whether its inputs are an image "
                            + "(a file from Toy-NN-JS, TensorFlow.js or a network never fitted on a data set); "
                            + "reading each image as " + shape.width() + "×" + shape.height() + " gray pixels");
                    guessed = false;
                }
                String line;
                try {
                    line = format(nn, nn.predict(x));
                } catch (IllegalArgumentException e) {
                    throw new CliException(image + ": " + e.getMessage(), e);
                }
                out.println(line);
            }
        }
        if (named != null && !named.ignored().isEmpty()) {    // said once, and not before an error (one line each)
            main.err().println("toynn: " + csv + ": ignoring column" + (named.ignored().size() == 1 ? " " : "s ")
                    + String.join(", ", named.ignored()) + " (not an input of the model)");
        }
        return 0;
    }

    private static void checkSize(int given, NeuralNetwork nn, String what) {
        if (given != nn.inputSize()) {
            throw new CliException(what + " has " + given + " value" + (given == 1 ? "" : "s") + " but the model takes "
                    + nn.inputSize() + " inputs; give " + nn.inputSize() + " numbers per input");
        }
    }

    /** One output line for outputs {@code y}: a JSON array, or {"label", "confidence"} with --labels. */
    private String format(NeuralNetwork nn, double[] y) {
        for (double v : y) {
            if (!Double.isFinite(v)) {    // JSON has no NaN or Infinity, and such an answer means nothing
                throw new IllegalArgumentException("the outputs are " + Arrays.toString(y) + ", not finite "
                        + "numbers: the network's float32 arithmetic overflows on this input; expected inputs on the "
                        + "scale of the data the model was trained on");
            }
        }
        if (!labels) {
            JsonArray a = new JsonArray(y.length);
            for (double v : y) {
                a.add((float) v);          // float32 values print in their shortest form
            }
            return GSON.toJson(a);
        }
        Labeled l = label(nn, y);
        JsonObject o = new JsonObject();
        o.addProperty("label", l.label());
        o.addProperty("confidence", (float) l.confidence());
        return GSON.toJson(o);
    }

    /** A label and how sure the network is. */
    record Labeled(String label, double confidence) {
    }

    /**
     * The label of outputs {@code y}: the largest output's class (its value as confidence); for one
     * output, class 1 when it is at least 0.5 (confidence {@code y} or {@code 1 − y}).
     */
    static Labeled label(NeuralNetwork nn, double[] y) {
        List<String> names = classNames(nn);
        if (y.length == 1) {
            int c = y[0] >= 0.5 ? 1 : 0;
            return new Labeled(names.size() == 2 ? names.get(c) : String.valueOf(c), c == 1 ? y[0] : 1 - y[0]);
        }
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[best]) {
                best = i;
            }
        }
        return new Labeled(names.size() == y.length ? names.get(best) : String.valueOf(best), y[best]);
    }

    /** The model's class names, or an empty list when it records none. */
    static List<String> classNames(NeuralNetwork nn) {
        return nn.classNames();
    }
}
