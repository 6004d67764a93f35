package toynn.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import toynn.NeuralNetwork;
import toynn.data.Normalizer;

/**
 * What ml5.js's {@code neuralNetwork().save()} writes beside the TF.js model in {@code model_meta.json}:
 * the input and output columns, their min/max (ml5 normalises each value as
 * {@code (v − min) / (max − min)}), and the class labels of a classifier.
 *
 * <pre>{@code
 * { "inputUnits": [3], "outputUnits": 2,
 *   "inputs": { "r": {"dtype": "number", "min": 0, "max": 255}, ... },
 *   "outputs": { "label": {"dtype": "string", "min": 0, "max": 1, "uniqueValues": ["red", "blue"],
 *                          "legend": {"red": [1, 0], "blue": [0, 1]}} },
 *   "isNormalized": true }
 * }</pre>
 *
 * A string input is one-hot encoded by ml5 (one unit per unique value, already in [0, 1]); its units
 * get min 0, max 1 here, so normalising leaves them as they are.
 *
 * @param inputNames  one name per input unit (a one-hot input {@code c} gives {@code c=value} names)
 * @param inputMin    per input unit
 * @param inputMax    per input unit
 * @param outputNames one name per output unit of a regression; empty for a classifier
 * @param outputMin   per output unit of a regression (empty for a classifier)
 * @param outputMax   per output unit of a regression (empty for a classifier)
 * @param classNames  the labels of a classifier, in output order; empty for a regression
 * @param normalized  whether ml5 trained on normalised data ({@code isNormalized})
 */
public record Ml5Metadata(List<String> inputNames, double[] inputMin, double[] inputMax, List<String> outputNames,
                          double[] outputMin, double[] outputMax, List<String> classNames, boolean normalized) {
    /** The file name ml5.js uses. */
    public static final String FILE = "model_meta.json";

    /** Number of input units. */
    public int inputUnits() {
        return inputMin.length;
    }

    /** Number of output units. */
    public int outputUnits() {
        return classNames.isEmpty() ? outputMin.length : classNames.size();
    }

    /** True for a classifier (one string output with its labels). */
    public boolean isClassification() {
        return !classNames.isEmpty();
    }

    /**
     * Parses the text of a {@code model_meta.json}.
     *
     * @throws ModelFormatException naming the field that is wrong
     */
    public static Ml5Metadata read(String json) {
        String where = "ml5 " + FILE;
        JsonObject root = JsonFields.parseObject(json, where);
        boolean normalized = false;                       // absent: ml5 did not normalise
        if (root.has("isNormalized")) {
            JsonElement n = root.get("isNormalized");
            if (!n.isJsonPrimitive() || !n.getAsJsonPrimitive().isBoolean()) {   // ml5.js writes a JSON boolean
                throw new ModelFormatException(where + ".isNormalized: expected true or false, got " + JsonFields.kind(n));
            }
            normalized = n.getAsBoolean();
        }

        List<String> inNames = new ArrayList<>();
        List<double[]> inRanges = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : JsonFields.object(root, "inputs", where).entrySet()) {
            String w = where + ".inputs." + e.getKey();
            JsonObject col = column(e.getValue(), w);
            String dtype = JsonFields.string(col, "dtype", w);
            switch (dtype) {
                case "number" -> {
                    inNames.add(e.getKey());
                    inRanges.add(range(col, w, normalized));
                }
                case "string" -> {
                    for (String v : strings(JsonFields.array(col, "uniqueValues", w), w + ".uniqueValues")) {
                        inNames.add(e.getKey() + "=" + v);
                        inRanges.add(new double[] {0, 1});
                    }
                }
                default -> throw new ModelFormatException(w + ".dtype: \"" + dtype
                        + "\" is not supported; expected \"number\" or \"string\" (image inputs are not)");
            }
        }
        int inputUnits = units(root, "inputUnits", where);
        if (inputUnits != inNames.size()) {
            throw new ModelFormatException(where + ".inputUnits: " + inputUnits + " does not match the "
                    + inNames.size() + " input units its \"inputs\" describe");
        }

        List<String> outNames = new ArrayList<>();
        List<double[]> outRanges = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : JsonFields.object(root, "outputs", where).entrySet()) {
            String w = where + ".outputs." + e.getKey();
            JsonObject col = column(e.getValue(), w);
            String dtype = JsonFields.string(col, "dtype", w);
            switch (dtype) {
                case "number" -> {
                    outNames.add(e.getKey());
                    outRanges.add(range(col, w, normalized));
                }
                case "string" -> classes.addAll(classOrder(col, w));
                default -> throw new ModelFormatException(w + ".dtype: \"" + dtype
                        + "\" is not supported; expected \"number\" or \"string\"");
            }
        }
        if (!classes.isEmpty() && !outNames.isEmpty()) {
            throw new ModelFormatException(where + ".outputs: mixes class labels and numbers; expected either one "
                    + "string output (classification) or numbers (regression)");
        }
        int outputUnits = units(root, "outputUnits", where);
        int described = classes.isEmpty() ? outNames.size() : classes.size();
        if (outputUnits != described) {
            throw new ModelFormatException(where + ".outputUnits: " + outputUnits + " does not match the " + described
                    + " output units its \"outputs\" describe");
        }
        return new Ml5Metadata(List.copyOf(inNames), column(inRanges, 0), column(inRanges, 1), List.copyOf(outNames),
                column(outRanges, 0), column(outRanges, 1), List.copyOf(classes), normalized);
    }

    /**
     * The metadata ml5.js needs to use {@code nn} as ToyNN does: its input normalizer, its target
     * normalizer (regression) or its class names. Every normalizer is an affine map
     * {@code (x − shift) / width}, which ml5's {@code (x − min) / (max − min)} expresses with
     * {@code min = shift}, {@code max = shift + width} (z-score: min = mean, max = mean + std).
     *
     * A network with a single output and two class names (a binary classifier) is written as one number
     * output, its class 1 confidence: ml5 labels one output unit per class, so the names are left out.
     *
     * @throws IllegalStateException if the network has both class names and a target normalizer
     */
    public static Ml5Metadata of(NeuralNetwork nn) {
        Normalizer in = nn.inputNormalizer();
        Normalizer out = nn.targetNormalizer();
        List<String> classes = nn.hasBinaryClassNames() ? List.of() : nn.classNames();
        if (!classes.isEmpty() && out != null) {
            throw new IllegalStateException("the network has class names and a target normalizer; ml5's model_meta.json "
                    + "holds either a classifier's labels or a regression's output ranges");
        }
        List<String> inNames = new ArrayList<>();
        for (int i = 0; i < nn.inputSize(); i++) {
            inNames.add("x" + i);
        }
        double[][] inRange = ranges(in, nn.inputSize());
        List<String> outNames = new ArrayList<>();
        double[][] outRange = {new double[0], new double[0]};
        if (classes.isEmpty()) {
            for (int o = 0; o < nn.outputSize(); o++) {
                outNames.add("y" + o);
            }
            outRange = ranges(out, nn.outputSize());
        }
        return new Ml5Metadata(List.copyOf(inNames), inRange[0], inRange[1], List.copyOf(outNames), outRange[0],
                outRange[1], List.copyOf(classes), in != null || out != null);
    }

    /** {min, max} per column of {@code n}, or the identity (0, 1) when there is none. */
    private static double[][] ranges(Normalizer n, int size) {
        double[] min = new double[size];
        double[] max = new double[size];
        Arrays.fill(max, 1);
        if (n != null) {
            double[] shift = NormalizerMath.shift(n);
            double[] width = NormalizerMath.width(n);
            double[] spreads = n.spreads();
            for (int c = 0; c < size; c++) {
                boolean exact = n.method() == Normalizer.Method.MIN_MAX && spreads[c] - shift[c] >= Double.MIN_NORMAL;
                min[c] = shift[c];
                max[c] = exact ? spreads[c] : shift[c] + width[c];   // min-max: the very min and max
            }
        }
        return new double[][] {min, max};
    }

    /**
     * Gives {@code nn} what this metadata says: min-max normalizers for its inputs and (regression)
     * outputs when ml5 trained on normalised data, and the class labels of a classifier. Columns that
     * ml5 leaves as they are (min 0, max 1 everywhere) add no normalizer.
     *
     * @throws ModelFormatException if the unit counts do not match the network
     */
    public void applyTo(NeuralNetwork nn) {
        if (inputUnits() != nn.inputSize()) {
            throw new ModelFormatException(FILE + ": " + inputUnits() + " input units, but the model takes "
                    + nn.inputSize() + " inputs");
        }
        if (outputUnits() != nn.outputSize()) {
            throw new ModelFormatException(FILE + ": " + outputUnits() + " output units, but the model gives "
                    + nn.outputSize() + " outputs");
        }
        if (normalized) {
            if (!isIdentity(inputMin, inputMax)) {
                nn.setInputNormalizer(Normalizer.minMax(inputMin, inputMax));
            }
            if (!isClassification() && !isIdentity(outputMin, outputMax)) {
                nn.setTargetNormalizer(Normalizer.minMax(outputMin, outputMax));
            }
        }
        if (isClassification()) {
            nn.setClassNames(classNames);
        }
    }

    private static boolean isIdentity(double[] min, double[] max) {
        for (int c = 0; c < min.length; c++) {
            if (min[c] != 0 || max[c] != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The {@code model_meta.json} text ml5.js 1.x reads with {@code nn.load()}: every input unit as a
     * number column (a one-hot input therefore becomes its 0/1 units), the outputs as one "label"
     * column of a classifier or as number columns.
     */
    public String toJson() {
        JsonObject root = new JsonObject();
        JsonArray inUnits = new JsonArray();
        inUnits.add(inputUnits());
        root.add("inputUnits", inUnits);
        root.addProperty("outputUnits", outputUnits());
        JsonObject inputs = new JsonObject();
        for (int i = 0; i < inputUnits(); i++) {
            inputs.add(inputNames.get(i), numberColumn(inputMin[i], inputMax[i]));
        }
        root.add("inputs", inputs);
        JsonObject outputs = new JsonObject();
        if (isClassification()) {
            JsonObject label = new JsonObject();
            label.addProperty("dtype", "string");
            label.addProperty("min", 0);
            label.addProperty("max", 1);
            JsonArray unique = new JsonArray();
            JsonObject legend = new JsonObject();
            for (int c = 0; c < classNames.size(); c++) {
                unique.add(classNames.get(c));
                JsonArray code = new JsonArray();
                for (int k = 0; k < classNames.size(); k++) {
                    code.add(k == c ? 1 : 0);
                }
                legend.add(classNames.get(c), code);
            }
            label.add("uniqueValues", unique);
            label.add("legend", legend);
            outputs.add("label", label);
        } else {
            for (int o = 0; o < outputMin.length; o++) {
                outputs.add(outputNames.get(o), numberColumn(outputMin[o], outputMax[o]));
            }
        }
        root.add("outputs", outputs);
        root.addProperty("isNormalized", normalized);
        return new com.google.gson.GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(root);
    }

    private static JsonObject numberColumn(double min, double max) {
        JsonObject c = new JsonObject();
        c.addProperty("dtype", "number");
        c.addProperty("min", min);
        c.addProperty("max", max);
        return c;
    }

    private static JsonObject column(JsonElement e, String where) {
        if (!e.isJsonObject()) {
            throw new ModelFormatException(where + ": expected an object with \"dtype\", got " + JsonFields.kind(e));
        }
        return e.getAsJsonObject();
    }

    /** [min, max]; required when the data was normalised. */
    private static double[] range(JsonObject col, String where, boolean normalized) {
        if (!normalized && !(col.has("min") && col.has("max"))) {
            return new double[] {0, 1};
        }
        double min = JsonFields.number(col, "min", where);
        double max = JsonFields.number(col, "max", where);
        if (normalized && max < min) {
            throw new ModelFormatException(where + ": max " + max + " is below min " + min + "; expected min <= max");
        }
        return new double[] {min, max};
    }

    /** The labels in one-hot order: from the legend when present, else uniqueValues' order. */
    private static List<String> classOrder(JsonObject col, String where) {
        List<String> values = strings(JsonFields.array(col, "uniqueValues", where), where + ".uniqueValues");
        if (!col.has("legend")) {
            return values;
        }
        JsonObject legend = JsonFields.object(col, "legend", where);
        String[] ordered = new String[values.size()];
        for (String v : values) {
            String lw = where + ".legend." + v;
            JsonArray code = JsonFields.array(legend, v, where + ".legend");
            float[] oneHot = JsonFields.floats(code, values.size(), lw);
            int hot = -1;
            for (int i = 0; i < oneHot.length; i++) {
                if (oneHot[i] == 1f && hot < 0) {
                    hot = i;
                } else if (oneHot[i] != 0f) {
                    hot = -2;
                }
            }
            if (hot < 0 || ordered[hot] != null) {
                throw new ModelFormatException(lw + ": " + Arrays.toString(oneHot) + " is not a one-hot code of its own");
            }
            ordered[hot] = v;
        }
        return List.of(ordered);
    }

    private static List<String> strings(JsonArray a, String where) {
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            if (!e.isJsonPrimitive()) {
                throw new ModelFormatException(where + "[" + i + "]: expected a value, got " + JsonFields.kind(e));
            }
            String s = e.getAsString();
            if (out.contains(s)) {
                throw new ModelFormatException(where + ": \"" + s + "\" appears twice");
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw new ModelFormatException(where + ": expected at least one value");
        }
        return out;
    }

    /** inputUnits / outputUnits: a number, or ml5 1.x's [n]. */
    private static int units(JsonObject root, String key, String where) {
        JsonElement e = JsonFields.member(root, key, where);
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.size() != 1) {
                throw new ModelFormatException(where + "." + key + ": expected [units] for flat inputs, got a shape of rank "
                        + a.size());
            }
            return JsonFields.integer(a.get(0), where + "." + key + "[0]", 1, ModelFile.MAX_LAYER_SIZE);
        }
        return JsonFields.integer(e, where + "." + key, 1, ModelFile.MAX_LAYER_SIZE);
    }

    private static double[] column(List<double[]> ranges, int which) {
        double[] v = new double[ranges.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ranges.get(i)[which];
        }
        return v;
    }
}
