package toynn.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import toynn.ActivationFunction;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.UpdateRule;
import toynn.layers.Dense;
import toynn.train.Optimizer;

/**
 * ToyNN's own model file: versioned JSON, data only.
 *
 * <pre>{@code
 * { "format": "toynn-model", "formatVersion": 2, "libraryVersion": "0.1.0",
 *   "layerSizes": [2, 4, 1], "learningRate": 0.1, "updateRule": "lecture", "seed": 42,
 *   "loss": "mse",
 *   "layers": [ { "type": "dense", "inputs": 2, "outputs": 4, "activation": "sigmoid", "dropout": 0.0,
 *                 "weights": [ ...outputs×inputs, row-major... ], "bias": [ ...outputs... ] }, ... ],
 *   "training": { "epochsTrained": 2, "seed": 42, "weightDecay": 0.0,
 *                 "optimizer": { "name": "adam",
 *                                "hyperParameters": { "learningRate": 0.001, "beta1": 0.9, ... },
 *                                "steps": 938,
 *                                "state": { "m": [ [..layer 0 W..], [..layer 0 b..], [..layer 1 W..], ... ],
 *                                           "v": [ ... ] } } } }
 * }</pre>
 * Weights and optimizer state are float32 written in their shortest exact decimal form, so a saved and
 * loaded network predicts bit-identically and continues training exactly as if it had not stopped.
 *
 * <p>Versions: 1 had no {@code "loss"}, {@code "dropout"} or {@code "training"}; version 2 added them,
 * all optional when reading (absent: squared error, no dropout, untrained, no optimizer). Readers accept
 * every {@code formatVersion} up to {@link #FORMAT_VERSION}. Version 2 also has the optional data sections
 * {@code "normalization"} (input and target normalizers), {@code "classNames"}, {@code "inputColumns"} (the
 * input column names, for {@code predict(Map)}) and {@code "input"} (an image's
 * width and height, or plain values; see {@code ModelDataSection}).
 */
public final class ModelFile {
    /** The value of the {@code "format"} field. */
    public static final String FORMAT = "toynn-model";
    /** The newest format version this library writes and reads. */
    public static final int FORMAT_VERSION = 2;
    /** Layer sizes above this are refused as absurd before anything is allocated. */
    public static final int MAX_LAYER_SIZE = 1 << 24;

    private ModelFile() {
    }

    /**
     * The network as JSON text.
     *
     * @throws IllegalStateException if a layer uses a custom activation, which a file cannot hold
     */
    public static String write(NeuralNetwork nn) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJsonObject(nn));
    }

    /**
     * The network as a Gson tree, for formats that embed it. Weights and optimizer state are read under
     * the network's read lock, so saving while another thread trains gives a state between two steps.
     */
    public static JsonObject toJsonObject(NeuralNetwork nn) {
        long stamp = nn.weightsLock().beginRead();
        try {
            return toJsonObjectLocked(nn);
        } finally {
            nn.weightsLock().endRead(stamp);
        }
    }

    private static JsonObject toJsonObjectLocked(NeuralNetwork nn) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("formatVersion", FORMAT_VERSION);
        root.addProperty("libraryVersion", Version.get());
        JsonArray sizes = new JsonArray();
        for (int s : nn.layerSizes()) {
            sizes.add(s);
        }
        root.add("layerSizes", sizes);
        root.addProperty("learningRate", nn.getLearningRate());
        root.addProperty("updateRule", nn.getUpdateRule().name().toLowerCase(Locale.ROOT));
        root.addProperty("seed", nn.seed());
        root.addProperty("loss", nn.loss().id());
        JsonArray layers = new JsonArray();
        List<Dense> list = nn.layers();
        for (int i = 0; i < list.size(); i++) {
            Dense d = list.get(i);
            if (!d.activation().isBuiltIn()) {
                throw new IllegalStateException("layer " + i + " uses the custom activation '" + d.activation().name()
                        + "', which cannot be saved (a model file holds data, not code); use one of "
                        + ActivationFunction.builtInNames() + " or keep the network in memory");
            }
            JsonObject l = new JsonObject();
            l.addProperty("type", "dense");
            l.addProperty("inputs", d.inputs());
            l.addProperty("outputs", d.outputs());
            l.addProperty("activation", d.activation().name());
            l.addProperty("dropout", nn.dropout(i));
            l.add("weights", JsonFields.toArray(d.weights()));
            l.add("bias", JsonFields.toArray(d.bias()));
            layers.add(l);
        }
        root.add("layers", layers);
        root.add("training", trainingSection(nn));
        ModelDataSection.write(nn, root);                      // data (issue 4): "normalization", "classNames", "inputColumns"
        return root;
    }

    private static JsonObject trainingSection(NeuralNetwork nn) {
        JsonObject t = new JsonObject();
        t.addProperty("epochsTrained", nn.epochsTrained());
        t.addProperty("seed", nn.trainingSeed());
        t.addProperty("weightDecay", nn.weightDecay());
        Optimizer opt = nn.optimizer();
        if (opt != null) {
            JsonObject o = new JsonObject();
            o.addProperty("name", opt.name());
            JsonObject hp = new JsonObject();
            opt.hyperParameters().forEach(hp::addProperty);
            o.add("hyperParameters", hp);
            o.addProperty("steps", opt.steps());
            if (opt.isAttached() && !opt.slotNames().isEmpty()) {
                JsonObject state = new JsonObject();
                int params = opt.parameterSizes().length;
                for (String slot : opt.slotNames()) {
                    JsonArray arrays = new JsonArray(params);
                    for (int p = 0; p < params; p++) {
                        arrays.add(JsonFields.toArray(opt.state(slot, p)));
                    }
                    state.add(slot, arrays);
                }
                o.add("state", state);
            }
            t.add("optimizer", o);
        }
        return t;
    }

    /**
     * Reads JSON text written by {@link #write(NeuralNetwork)}.
     *
     * @throws ModelFormatException naming the field that is wrong and what was expected
     */
    public static NeuralNetwork read(String json) {
        return fromJsonObject(JsonFields.parseObject(json, "model"), "model");
    }

    /** Reads a Gson tree written by {@link #toJsonObject(NeuralNetwork)}. */
    public static NeuralNetwork fromJsonObject(JsonObject root, String where) {
        boolean ours = root.has("format") && root.get("format").isJsonPrimitive()
                && FORMAT.equals(root.get("format").getAsString());
        if (!ours) {
            String other = otherFormat(root);
            if (other != null) {
                throw new ModelFormatException(where + ": " + other);
            }
        }
        String format = JsonFields.string(root, "format", where);
        if (!FORMAT.equals(format)) {
            throw new ModelFormatException(where + ": \"format\" is \"" + format + "\"; expected \"" + FORMAT
                    + "\" (for a Toy-Neural-Network-JS file use NeuralNetwork.fromToyNNJs)");
        }
        int version = JsonFields.integer(root, "formatVersion", where, 1, Integer.MAX_VALUE);
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException(where + ": formatVersion " + version + " is newer than this ToyNN reads (up to "
                    + FORMAT_VERSION + "); update ToyNN");
        }
        JsonArray layerArray = JsonFields.array(root, "layers", where);
        if (layerArray.isEmpty()) {
            throw new ModelFormatException(where + ".layers: expected at least one layer, got none");
        }
        List<Dense> layers = new ArrayList<>(layerArray.size());
        double[] dropout = new double[layerArray.size()];
        for (int i = 0; i < layerArray.size(); i++) {
            String lw = where + ".layers[" + i + "]";
            if (!layerArray.get(i).isJsonObject()) {
                throw new ModelFormatException(lw + ": expected an object, got " + JsonFields.kind(layerArray.get(i)));
            }
            JsonObject l = layerArray.get(i).getAsJsonObject();
            String type = JsonFields.string(l, "type", lw);
            if (!"dense".equals(type)) {
                throw new ModelFormatException(lw + ".type: unknown layer type \"" + type + "\"; expected \"dense\"");
            }
            int in = JsonFields.integer(l, "inputs", lw, 1, MAX_LAYER_SIZE);
            int out = JsonFields.integer(l, "outputs", lw, 1, MAX_LAYER_SIZE);
            if (i > 0 && layers.get(i - 1).outputs() != in) {
                throw new ModelFormatException(lw + ".inputs: " + in + " does not match the " + layers.get(i - 1).outputs()
                        + " outputs of the layer before it");
            }
            try {
                Dense.checkSizes(in, out);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(lw + ": " + e.getMessage(), e);
            }
            ActivationFunction f;
            String act = JsonFields.string(l, "activation", lw);
            try {
                f = ActivationFunction.byName(act);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(lw + ".activation: " + e.getMessage(), e);
            }
            float[] w = JsonFields.floats(JsonFields.array(l, "weights", lw), in * out, lw + ".weights");
            float[] b = JsonFields.floats(JsonFields.array(l, "bias", lw), out, lw + ".bias");
            Dense d = new Dense(in, out, f);
            System.arraycopy(w, 0, d.weights(), 0, w.length);
            System.arraycopy(b, 0, d.bias(), 0, b.length);
            layers.add(d);
            if (l.has("dropout")) {
                double rate = JsonFields.number(l, "dropout", lw);
                if (!(rate >= 0 && rate < 1)) {
                    throw new ModelFormatException(lw + ".dropout: " + rate + " is not a rate in [0, 1)");
                }
                if (rate > 0 && i == layerArray.size() - 1) {
                    throw new ModelFormatException(lw + ".dropout: the output layer cannot have dropout, got " + rate);
                }
                dropout[i] = rate;
            }
        }
        long seed = root.has("seed") ? JsonFields.longInteger(root, "seed", where) : 0L;
        NeuralNetwork nn = NeuralNetwork.fromLayers(layers, seed);
        if (root.has("layerSizes")) {
            int[] sizes = nn.layerSizes();
            JsonArray declared = JsonFields.array(root, "layerSizes", where);
            boolean same = declared.size() == sizes.length;
            for (int i = 0; same && i < sizes.length; i++) {
                same = JsonFields.integer(declared.get(i), where + ".layerSizes[" + i + "]", 1, MAX_LAYER_SIZE) == sizes[i];
            }
            if (!same) {
                throw new ModelFormatException(where + ".layerSizes: " + declared + " does not match the layers, which give "
                        + java.util.Arrays.toString(sizes).replace(" ", ""));
            }
        }
        for (int i = 0; i < dropout.length; i++) {
            nn.setDropout(i, dropout[i]);
        }
        if (root.has("learningRate")) {
            double lr = JsonFields.number(root, "learningRate", where);
            if (!(lr > 0)) {
                throw new ModelFormatException(where + ".learningRate: " + lr + " is not a positive number");
            }
            nn.setLearningRate(lr);
        }
        if (root.has("updateRule")) {
            String rule = JsonFields.string(root, "updateRule", where);
            try {
                nn.setUpdateRule(UpdateRule.valueOf(rule.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(where + ".updateRule: \"" + rule
                        + "\" is unknown; expected \"lecture\" or \"exact_gradient\"", e);
            }
        }
        if (root.has("loss")) {
            String name = JsonFields.string(root, "loss", where);
            try {
                nn.setLoss(Loss.byName(name));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(where + ".loss: " + e.getMessage(), e);
            }
        }
        if (root.has("training")) {
            readTraining(nn, JsonFields.object(root, "training", where), where + ".training");
        }
        ModelDataSection.read(root, nn, where);                // data (issue 4): "normalization", "classNames"
        return nn;
    }

    /**
     * What to do with a model file of another format that was given to this reader (a sketch author
     * loading Toy-NN-JS's {@code serialize()} output or an ml5.js/TF.js {@code model.json} with
     * {@code NeuralNetwork.load}), or null when {@code root} is not one of them.
     */
    private static String otherFormat(JsonObject root) {
        if (root.has("input_nodes") && root.has("weights_ih")) {
            return "this is a Toy-Neural-Network-JS file (serialize()), not a ToyNN model file (it has \"input_nodes\" "
                    + "and no \"format\"); read it with NeuralNetwork.fromToyNNJs(json, ActivationFunction.SIGMOID) "
                    + "(the file does not record its activation) or ModelFormats.load(path)";
        }
        if (root.has("modelTopology")) {
            return "this is a TensorFlow.js model.json (as ml5.js saves), not a ToyNN model file (it has "
                    + "\"modelTopology\"); read its folder with ModelFormats.load(path)";
        }
        return null;
    }

    private static void readTraining(NeuralNetwork nn, JsonObject t, String where) {
        if (t.has("epochsTrained")) {
            nn.setEpochsTrained(JsonFields.integer(t, "epochsTrained", where, 0, Integer.MAX_VALUE));
        }
        if (t.has("seed")) {
            nn.setTrainingSeed(JsonFields.longInteger(t, "seed", where));
        }
        if (t.has("weightDecay")) {
            double wd = JsonFields.number(t, "weightDecay", where);
            if (!(wd >= 0)) {
                throw new ModelFormatException(where + ".weightDecay: " + wd + " is negative; expected a number ≥ 0");
            }
            nn.setWeightDecay(wd);
        }
        if (!t.has("optimizer")) {
            return;
        }
        String ow = where + ".optimizer";
        JsonObject o = JsonFields.object(t, "optimizer", where);
        String name = JsonFields.string(o, "name", ow);
        JsonObject hpObject = JsonFields.object(o, "hyperParameters", ow);
        Map<String, Double> hp = new LinkedHashMap<>();
        for (String key : hpObject.keySet()) {
            hp.put(key, JsonFields.number(hpObject, key, ow + ".hyperParameters"));
        }
        Optimizer opt;
        try {
            opt = Optimizer.fromHyperParameters(name, hp);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(ow + ": " + e.getMessage(), e);
        }
        if (o.has("steps")) {
            long steps = JsonFields.longInteger(o, "steps", ow);
            if (steps < 0) {
                throw new ModelFormatException(ow + ".steps: " + steps + " is negative; expected a count ≥ 0");
            }
            opt.setSteps(steps);
        }
        if (o.has("state")) {
            JsonObject state = JsonFields.object(o, "state", ow);
            List<Dense> layers = nn.layers();
            int[] sizes = new int[2 * layers.size()];
            for (int l = 0; l < layers.size(); l++) {
                sizes[2 * l] = layers.get(l).weights().length;
                sizes[2 * l + 1] = layers.get(l).bias().length;
            }
            for (String key : state.keySet()) {
                if (!opt.slotNames().contains(key)) {
                    throw new ModelFormatException(ow + ".state: " + name + " has no state \"" + key + "\"; expected "
                            + opt.slotNames());
                }
            }
            opt.attach(sizes);
            for (String slot : opt.slotNames()) {
                String sw = ow + ".state." + slot;
                JsonArray arrays = JsonFields.array(state, slot, ow + ".state");
                if (arrays.size() != sizes.length) {
                    throw new ModelFormatException(sw + ": expected " + sizes.length
                            + " arrays (weights and biases of each layer), got " + arrays.size());
                }
                for (int p = 0; p < sizes.length; p++) {
                    if (!arrays.get(p).isJsonArray()) {
                        throw new ModelFormatException(sw + "[" + p + "]: expected an array, got "
                                + JsonFields.kind(arrays.get(p)));
                    }
                    float[] values = JsonFields.floats(arrays.get(p).getAsJsonArray(), sizes[p], sw + "[" + p + "]");
                    System.arraycopy(values, 0, opt.state(slot, p), 0, sizes[p]);
                }
            }
        }
        nn.setOptimizer(opt);
    }

    /**
     * Writes the model to {@code path} atomically: the text goes to a temporary file beside it,
     * is flushed to disk, then renamed over the target, so a failure leaves the old file intact.
     */
    public static void save(NeuralNetwork nn, Path path) throws IOException {
        AtomicFiles.write(path, write(nn).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a model file.
     *
     * @throws IOException if it cannot be read
     * @throws ModelFormatException naming the file and what is wrong in it
     */
    public static NeuralNetwork load(Path path) throws IOException {
        String text = AtomicFiles.readText(path);
        try {
            return read(text);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(path + ": " + e.getMessage(), e);
        }
    }
}
