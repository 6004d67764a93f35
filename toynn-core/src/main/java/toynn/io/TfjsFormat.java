package toynn.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.layers.Dense;

/**
 * TensorFlow.js "layers-model" files, as {@code model.save()} of TF.js 4.x (and ml5.js) writes them:
 * {@code model.json} with a Keras-style {@code modelTopology} and a {@code weightsManifest}, plus
 * binary weight files of little-endian float32 values.
 *
 * <pre>{@code
 * { "format": "layers-model", "generatedBy": "...", "convertedBy": null,
 *   "modelTopology": { "class_name": "Sequential",
 *                      "config": { "name": "...", "layers": [ {"class_name": "Dense", "config": {...}}, ... ] } },
 *   "weightsManifest": [ { "paths": ["group1-shard1of1.bin"],
 *                          "weights": [ {"name": "dense_Dense1/kernel", "shape": [4, 16], "dtype": "float32"}, ... ] } ] }
 * }</pre>
 *
 * <p>Reading accepts a Sequential of Dense layers (activations linear, relu, sigmoid, tanh, softmax,
 * elu; with or without bias), optionally preceded by an InputLayer; a LeakyReLU layer with alpha 0.01
 * or an Activation layer right after a linear Dense (folded into it); Dropout layers (the identity
 * when predicting). The topology may nest under {@code "model_config"} (the shape the Keras converter
 * writes). A manifest may hold several groups, each split over several files (shards), concatenated
 * in manifest order. A Dense kernel has TF's shape {@code [in, out]}; ToyNN stores {@code (out, in)}.
 *
 * <p>Writing produces {@value #MODEL_FILE} and one weights file {@value #WEIGHTS_FILE} in a folder;
 * ToyNN's leaky ReLU becomes a linear Dense followed by {@code LeakyReLU(alpha = 0.01)}.
 */
public final class TfjsFormat {
    /** The topology file's name. */
    public static final String MODEL_FILE = "model.json";
    /** The weights file {@link #save} writes. */
    public static final String WEIGHTS_FILE = "group1-shard1of1.bin";
    /** The Keras layer-format version written into {@code keras_version} (what TF.js 4.22 writes). */
    static final String KERAS_VERSION = "tfjs-layers 4.22.0";

    private static final List<String> SUPPORTED_LAYERS = List.of("InputLayer", "Dense", "LeakyReLU (alpha 0.01)",
            "Activation", "Dropout");
    private static final List<String> SUPPORTED_ACTIVATIONS = List.of("linear", "relu", "sigmoid", "tanh",
            "softmax", "elu");

    private TfjsFormat() {
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a TF.js layers model: {@code path} is the {@code model.json} file or the folder holding it.
     * Weight files are looked up beside it; their total size is checked against the manifest before
     * anything is read. When ml5.js's {@code model_meta.json} is beside it, its min/max normalisation
     * and class labels are given to the network ({@link Ml5Metadata#applyTo}), so {@code predict}
     * takes raw inputs as the ml5 model did.
     *
     * @throws IOException if a file cannot be read
     * @throws ModelFormatException naming the file, the field or layer that is wrong, and what is supported
     */
    public static NeuralNetwork load(Path path) throws IOException {
        Path modelJson = Files.isDirectory(path) ? path.resolve(MODEL_FILE) : path;
        String text = AtomicFiles.readText(modelJson);
        Path dir = modelJson.toAbsolutePath().getParent();
        NeuralNetwork nn;
        try {
            nn = read(text, dir);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(modelJson + ": " + e.getMessage(), e);
        }
        java.util.Optional<Ml5Metadata> meta = readMl5Metadata(modelJson);
        if (meta.isPresent()) {
            try {
                meta.get().applyTo(nn);
            } catch (ModelFormatException e) {
                throw new ModelFormatException(dir + "/" + e.getMessage(), e);
            }
        }
        return nn;
    }

    /**
     * The ml5.js {@code model_meta.json} beside a TF.js model ({@code path}: the folder or its model.json),
     * if there is one.
     *
     * @throws ModelFormatException naming the file and the field that is wrong
     */
    public static java.util.Optional<Ml5Metadata> readMl5Metadata(Path path) throws IOException {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path meta = dir.resolve(Ml5Metadata.FILE);
        if (!Files.isRegularFile(meta)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Ml5Metadata.read(AtomicFiles.readText(meta)));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(meta + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the text of a {@code model.json}; the weight files named in its manifest are read from {@code dir}.
     *
     * @throws IOException if a weight file cannot be read
     * @throws ModelFormatException naming the field or layer that is wrong
     */
    public static NeuralNetwork read(String modelJson, Path dir) throws IOException {
        String where = "TF.js model";
        JsonObject root = JsonFields.parseObject(modelJson, where);
        if (root.has("format") && !root.get("format").isJsonNull()) {
            String format = JsonFields.string(root, "format", where);
            if (!"layers-model".equals(format)) {
                throw new ModelFormatException(where + ".format: \"" + format + "\" is not supported; expected "
                        + "\"layers-model\" (a tf.LayersModel saved with model.save(); graph models from the "
                        + "TensorFlow converter cannot be read)");
            }
        }
        List<LayerSpec> specs = readTopology(JsonFields.object(root, "modelTopology", where), where + ".modelTopology");
        Map<String, WeightEntry> weights = readWeights(JsonFields.array(root, "weightsManifest", where),
                where + ".weightsManifest", dir);
        return build(specs, weights, where);
    }

    /** One Dense layer as the topology describes it (activation already folded in). */
    private static final class LayerSpec {
        final String name;
        final int units;
        final boolean useBias;
        ActivationFunction activation;
        String activationSource;     // the layer that set the activation, for messages
        final int declaredInputs;    // from batch_input_shape, or -1

        LayerSpec(String name, int units, boolean useBias, ActivationFunction activation, int declaredInputs) {
            this.name = name;
            this.units = units;
            this.useBias = useBias;
            this.activation = activation;
            this.declaredInputs = declaredInputs;
        }
    }

    private static List<LayerSpec> readTopology(JsonObject topology, String where) {
        if (topology.has("model_config")) {                         // the Keras converter nests it
            topology = JsonFields.object(topology, "model_config", where);
            where += ".model_config";
        }
        String cls = JsonFields.string(topology, "class_name", where);
        if (!"Sequential".equals(cls)) {
            throw new ModelFormatException(where + ".class_name: \"" + cls + "\" is not supported; expected "
                    + "\"Sequential\" (a tf.sequential() of " + SUPPORTED_LAYERS + ")");
        }
        JsonElement config = JsonFields.member(topology, "config", where);
        JsonArray layers;
        if (config.isJsonArray()) {                                  // Keras 2.0–2.2: config is the layer list
            layers = config.getAsJsonArray();
        } else if (config.isJsonObject()) {
            layers = JsonFields.array(config.getAsJsonObject(), "layers", where + ".config");
        } else {
            throw new ModelFormatException(where + ".config: expected an object with \"layers\", got "
                    + JsonFields.kind(config));
        }
        List<LayerSpec> specs = new ArrayList<>();
        int pendingInputs = -1;
        for (int i = 0; i < layers.size(); i++) {
            String lw = where + ".config.layers[" + i + "]";
            if (!layers.get(i).isJsonObject()) {
                throw new ModelFormatException(lw + ": expected a layer object, got " + JsonFields.kind(layers.get(i)));
            }
            JsonObject layer = layers.get(i).getAsJsonObject();
            String layerClass = JsonFields.string(layer, "class_name", lw);
            JsonObject cfg = JsonFields.object(layer, "config", lw);
            String name = cfg.has("name") && cfg.get("name").isJsonPrimitive() ? cfg.get("name").getAsString() : "layer" + i;
            String label = "layer " + i + " '" + name + "' (" + layerClass + ")";
            LayerSpec last = specs.isEmpty() ? null : specs.get(specs.size() - 1);
            switch (layerClass) {
                case "InputLayer" -> {
                    if (i != 0) {
                        throw new ModelFormatException(lw + ": " + label + " must be the first layer");
                    }
                    pendingInputs = inputShape(cfg, lw + ".config", true);
                }
                case "Dense" -> {
                    int units = JsonFields.integer(cfg, "units", lw + ".config", 1, ModelFile.MAX_LAYER_SIZE);
                    boolean useBias = !cfg.has("use_bias") || booleanField(cfg, "use_bias", lw + ".config");
                    String act = cfg.has("activation") && !cfg.get("activation").isJsonNull()
                            ? JsonFields.string(cfg, "activation", lw + ".config") : "linear";
                    ActivationFunction f = activation(act, label, lw + ".config.activation");
                    int declared = inputShape(cfg, lw + ".config", false);
                    if (specs.isEmpty() && declared < 0) {
                        declared = pendingInputs;
                    } else if (specs.isEmpty() && pendingInputs >= 0 && declared != pendingInputs) {
                        // Keras builds the model from the InputLayer, so this file would not load there either.
                        throw new ModelFormatException(lw + ": " + label + " declares " + declared
                                + " inputs but the InputLayer before it declares " + pendingInputs);
                    } else if (!specs.isEmpty() && declared >= 0 && declared != last.units) {
                        throw new ModelFormatException(lw + ": " + label + " declares " + declared
                                + " inputs but the layer before it has " + last.units + " units");
                    }
                    LayerSpec spec = new LayerSpec(name, units, useBias, f, declared);
                    spec.activationSource = label;
                    specs.add(spec);
                }
                case "LeakyReLU" -> {
                    requireLinearDenseBefore(last, label, lw);
                    double alpha = cfg.has("alpha") ? JsonFields.number(cfg, "alpha", lw + ".config")
                            : cfg.has("negative_slope") ? JsonFields.number(cfg, "negative_slope", lw + ".config")
                            : 0.3;                                   // TF.js and Keras default
                    if ((float) alpha != 0.01f) {
                        throw new ModelFormatException(lw + ": " + label + " has alpha " + alpha
                                + "; ToyNN's leaky ReLU has the fixed slope 0.01, so only LeakyReLU layers with "
                                + "alpha 0.01 can be read");
                    }
                    last.activation = ActivationFunction.LEAKY_RELU;
                    last.activationSource = label;
                }
                case "Activation" -> {
                    requireLinearDenseBefore(last, label, lw);
                    last.activation = activation(JsonFields.string(cfg, "activation", lw + ".config"), label,
                            lw + ".config.activation");
                    last.activationSource = label;
                }
                case "Dropout" -> {
                    // The identity when predicting: nothing to add.
                }
                default -> throw new ModelFormatException(lw + ": " + label + " is not supported; ToyNN reads "
                        + "Sequential models made of " + SUPPORTED_LAYERS);
            }
        }
        if (specs.isEmpty()) {
            throw new ModelFormatException(where + ".config.layers: no Dense layer; expected at least one");
        }
        return specs;
    }

    private static void requireLinearDenseBefore(LayerSpec last, String label, String lw) {
        if (last == null || last.activation != ActivationFunction.LINEAR) {
            throw new ModelFormatException(lw + ": " + label + " must follow a Dense layer with activation \"linear\""
                    + (last == null ? "" : "; it follows " + last.activationSource + " with activation \""
                    + last.activation.name() + "\"") + " (ToyNN has one activation per Dense layer)");
        }
    }

    private static ActivationFunction activation(String name, String label, String where) {
        return switch (name) {
            case "linear" -> ActivationFunction.LINEAR;
            case "relu" -> ActivationFunction.RELU;
            case "sigmoid" -> ActivationFunction.SIGMOID;
            case "tanh" -> ActivationFunction.TANH;
            case "softmax" -> ActivationFunction.SOFTMAX;
            case "elu" -> ActivationFunction.ELU;
            default -> throw new ModelFormatException(where + ": " + label + " uses the activation \"" + name
                    + "\", which ToyNN does not have; supported: " + SUPPORTED_ACTIVATIONS
                    + " (leaky ReLU: a LeakyReLU layer with alpha 0.01 after a linear Dense)");
        };
    }

    private static boolean booleanField(JsonObject o, String key, String where) {
        JsonElement e = JsonFields.member(o, key, where);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new ModelFormatException(where + "." + key + ": expected true or false, got " + JsonFields.kind(e));
        }
        return e.getAsBoolean();
    }

    /** The input size from batch_input_shape / batch_shape / batchInputShape ([null, n]), or -1 when absent. */
    private static int inputShape(JsonObject cfg, String where, boolean required) {
        for (String key : new String[] {"batch_input_shape", "batch_shape", "batchInputShape"}) {
            if (cfg.has(key) && !cfg.get(key).isJsonNull()) {
                JsonArray shape = JsonFields.array(cfg, key, where);
                if (shape.size() != 2) {
                    throw new ModelFormatException(where + "." + key + ": expected [null, inputs], got a shape of rank "
                            + shape.size() + " (ToyNN's Dense layers take flat vectors)");
                }
                return JsonFields.integer(shape.get(1), where + "." + key + "[1]", 1, ModelFile.MAX_LAYER_SIZE);
            }
        }
        if (required) {
            throw new ModelFormatException(where + ": missing field \"batch_input_shape\" ([null, inputs])");
        }
        return -1;
    }

    /** Where one named weight sits: its group's bytes, the byte offset and the shape. */
    private record WeightEntry(String name, int[] shape, byte[] group, int offset, int bytesPerValue, String problem) {
        int count() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private static Map<String, WeightEntry> readWeights(JsonArray manifest, String where, Path dir) throws IOException {
        Map<String, WeightEntry> entries = new HashMap<>();
        for (int g = 0; g < manifest.size(); g++) {
            String gw = where + "[" + g + "]";
            if (!manifest.get(g).isJsonObject()) {
                throw new ModelFormatException(gw + ": expected a weight group object, got " + JsonFields.kind(manifest.get(g)));
            }
            JsonObject group = manifest.get(g).getAsJsonObject();
            JsonArray paths = JsonFields.array(group, "paths", gw);
            JsonArray specs = JsonFields.array(group, "weights", gw);
            // 1. Sizes from the manifest, before anything is allocated.
            List<String> names = new ArrayList<>();
            List<int[]> shapes = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            long groupBytes = 0;
            for (int w = 0; w < specs.size(); w++) {
                String ww = gw + ".weights[" + w + "]";
                if (!specs.get(w).isJsonObject()) {
                    throw new ModelFormatException(ww + ": expected an object, got " + JsonFields.kind(specs.get(w)));
                }
                JsonObject spec = specs.get(w).getAsJsonObject();
                String name = JsonFields.string(spec, "name", ww);
                String dtype = spec.has("dtype") ? JsonFields.string(spec, "dtype", ww) : "float32";
                // Weights other than float32 (e.g. an optimizer's step counter) are skipped over; only a
                // Dense layer that uses one fails, when it is looked up.
                String problem = "float32".equals(dtype) ? null
                        : "weight \"" + name + "\" is " + dtype + "; only float32 weights are supported";
                int bytesPerValue = bytesPerValue(dtype, ww);
                if (spec.has("quantization") && !spec.get("quantization").isJsonNull()) {
                    JsonObject q = JsonFields.object(spec, "quantization", ww);
                    String qtype = JsonFields.string(q, "dtype", ww + ".quantization");
                    bytesPerValue = bytesPerValue(qtype, ww + ".quantization");
                    problem = "weight \"" + name + "\" is quantized to " + qtype
                            + "; only plain float32 weights are supported";
                }
                JsonArray shapeArray = JsonFields.array(spec, "shape", ww);
                int[] shape = new int[shapeArray.size()];
                long count = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = JsonFields.integer(shapeArray.get(d), ww + ".shape[" + d + "]", 0, ModelFile.MAX_LAYER_SIZE);
                    count *= shape[d];
                    if (count > JsonFields.MAX_ARRAY) {
                        throw new ModelFormatException(ww + ".shape: weight \"" + name + "\" would hold more than "
                                + JsonFields.MAX_ARRAY + " values");
                    }
                }
                groupBytes += count * bytesPerValue;
                if (groupBytes > JsonFields.MAX_ARRAY) {
                    throw new ModelFormatException(gw + ": the weights of this group need more than "
                            + JsonFields.MAX_ARRAY + " bytes, more than one model file can hold");
                }
                names.add(name);
                shapes.add(shape);
                sizes.add(bytesPerValue);
                problems.add(problem);
            }
            // 2. The shard files must hold exactly that many bytes.
            List<Path> files = new ArrayList<>();
            long fileBytes = 0;
            for (int p = 0; p < paths.size(); p++) {
                String pw = gw + ".paths[" + p + "]";
                JsonElement pe = paths.get(p);
                if (!pe.isJsonPrimitive() || !pe.getAsJsonPrimitive().isString()) {
                    throw new ModelFormatException(pw + ": expected a file name, got " + JsonFields.kind(pe));
                }
                Path file = shardPath(dir, pe.getAsString(), pw);
                if (!Files.isRegularFile(file)) {
                    throw new ModelFormatException(pw + ": missing weights file \"" + pe.getAsString()
                            + "\" (looked for " + file + ")");
                }
                fileBytes += Files.size(file);
                files.add(file);
            }
            if (fileBytes != groupBytes) {
                throw new ModelFormatException(gw + ": the weight files " + paths + " hold " + fileBytes
                        + " bytes but the manifest's weights need " + groupBytes + " bytes (float32: 4 bytes per value"
                        + " of each shape); the files are truncated or belong to another model");
            }
            // 3. Read and index.
            byte[] bytes = new byte[(int) groupBytes];
            int at = 0;
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    int n = in.readNBytes(bytes, at, bytes.length - at);
                    at += n;
                }
            }
            if (at != bytes.length) {
                throw new ModelFormatException(gw + ": the weight files changed while being read");
            }
            int offset = 0;
            for (int w = 0; w < names.size(); w++) {
                WeightEntry e = new WeightEntry(names.get(w), shapes.get(w), bytes, offset, sizes.get(w), problems.get(w));
                if (entries.put(e.name(), e) != null) {
                    throw new ModelFormatException(gw + ".weights[" + w + "]: the weight name \"" + e.name()
                            + "\" appears twice in the manifest");
                }
                offset += e.count() * e.bytesPerValue();
            }
        }
        return entries;
    }

    /** Bytes per value of a TF.js dtype. */
    private static int bytesPerValue(String dtype, String where) {
        return switch (dtype) {
            case "float32", "int32" -> 4;
            case "float16", "uint16", "int16" -> 2;
            case "uint8", "int8", "bool" -> 1;
            case "complex64" -> 8;
            default -> throw new ModelFormatException(where + ".dtype: \"" + dtype + "\" is not a TF.js weight type "
                    + "this reader can step over; expected float32");
        };
    }

    /**
     * A shard path from the manifest, resolved inside {@code dir} (the working folder when null). A model file
     * is data and must not make us read other files: absolute paths, ".." steps and a file whose real path
     * (symbolic links followed) lies outside the folder's are refused, naming the path and the folder.
     */
    private static Path shardPath(Path dir, String name, String where) throws IOException {
        if (name.isEmpty() || name.contains("\0")) {
            throw new ModelFormatException(where + ": empty or invalid file name");
        }
        Path rel;
        try {
            rel = Path.of(name.replace('\\', '/'));
        } catch (java.nio.file.InvalidPathException e) {
            throw new ModelFormatException(where + ": \"" + name + "\" is not a valid file name", e);
        }
        Path folder = (dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
        boolean dotDot = false;
        for (Path part : rel) {
            dotDot |= part.toString().equals("..");
        }
        if (rel.isAbsolute() || dotDot || name.contains("://")) {
            throw outsideFolder(where, name, folder, "");
        }
        Path file = (dir == null ? rel : dir.resolve(rel)).normalize();
        if (Files.exists(file)) {                                   // a missing one is named by the caller
            Path real = file.toRealPath();
            if (!real.startsWith(folder.toRealPath())) {            // a link, or a linked sub-folder, leads out
                throw outsideFolder(where, name, folder, " (through a symbolic link, to " + real + ")");
            }
        }
        return file;
    }

    private static ModelFormatException outsideFolder(String where, String name, Path folder, String how) {
        return new ModelFormatException(where + ": \"" + name + "\" points outside the model's folder " + folder + how
                + "; expected a file name relative to model.json, inside that folder");
    }

    private static NeuralNetwork build(List<LayerSpec> specs, Map<String, WeightEntry> weights, String where) {
        List<Dense> layers = new ArrayList<>(specs.size());
        int inputs = specs.get(0).declaredInputs;
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec s = specs.get(i);
            WeightEntry kernel = lookup(weights, s.name, "kernel", where);
            if (kernel.shape().length != 2 || kernel.shape()[1] != s.units) {
                throw new ModelFormatException(where + ": weight \"" + kernel.name() + "\" has shape "
                        + java.util.Arrays.toString(kernel.shape()) + "; expected [inputs, " + s.units + "] for Dense '"
                        + s.name + "' with " + s.units + " units");
            }
            int in = kernel.shape()[0];
            if (i == 0 && inputs >= 0 && in != inputs) {
                throw new ModelFormatException(where + ": weight \"" + kernel.name() + "\" has shape "
                        + java.util.Arrays.toString(kernel.shape()) + " but the model declares " + inputs + " inputs");
            }
            if (i > 0 && in != specs.get(i - 1).units) {
                throw new ModelFormatException(where + ": weight \"" + kernel.name() + "\" has shape "
                        + java.util.Arrays.toString(kernel.shape()) + "; expected [" + specs.get(i - 1).units + ", "
                        + s.units + "] (the layer before has " + specs.get(i - 1).units + " units)");
            }
            try {
                Dense.checkSizes(in, s.units);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(where + ": Dense '" + s.name + "': " + e.getMessage(), e);
            }
            Dense d = new Dense(in, s.units, s.activation);
            float[] w = d.weights();                                  // (out, in)
            ByteBuffer kb = buffer(kernel);                           // [in, out]
            for (int r = 0; r < in; r++) {
                for (int c = 0; c < s.units; c++) {
                    w[c * in + r] = finite(kb.getFloat(), kernel, r * s.units + c, where);
                }
            }
            if (s.useBias) {
                WeightEntry bias = lookup(weights, s.name, "bias", where);
                if (bias.shape().length != 1 || bias.shape()[0] != s.units) {
                    throw new ModelFormatException(where + ": weight \"" + bias.name() + "\" has shape "
                            + java.util.Arrays.toString(bias.shape()) + "; expected [" + s.units + "]");
                }
                ByteBuffer bb = buffer(bias);
                float[] b = d.bias();
                for (int c = 0; c < s.units; c++) {
                    b[c] = finite(bb.getFloat(), bias, c, where);
                }
            }
            layers.add(d);
        }
        return NeuralNetwork.fromLayers(layers);
    }

    private static float finite(float v, WeightEntry e, int index, String where) {
        if (!Float.isFinite(v)) {
            throw new ModelFormatException(where + ": weight \"" + e.name() + "\" value " + index + " is " + v
                    + "; expected finite numbers");
        }
        return v;
    }

    private static ByteBuffer buffer(WeightEntry e) {
        return ByteBuffer.wrap(e.group(), e.offset(), e.count() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The weight {@code layer/kind}: exact name, else the one name ending in {@code /layer/kind} (Keras scopes). */
    private static WeightEntry lookup(Map<String, WeightEntry> weights, String layer, String kind, String where) {
        String want = layer + "/" + kind;
        WeightEntry e = weights.get(want);
        if (e == null) {
            e = weights.get(want + ":0");
        }
        if (e == null) {
            List<WeightEntry> matches = weights.values().stream()
                    .filter(w -> w.name().endsWith("/" + want) || w.name().endsWith("/" + want + ":0")).toList();
            if (matches.size() == 1) {
                e = matches.get(0);
            } else if (matches.size() > 1) {
                throw new ModelFormatException(where + ".weightsManifest: several weights match \"" + want + "\": "
                        + matches.stream().map(WeightEntry::name).sorted().toList());
            }
        }
        if (e != null && e.problem() != null) {
            throw new ModelFormatException(where + ".weightsManifest: " + e.problem());
        }
        if (e == null) {
            throw new ModelFormatException(where + ".weightsManifest: missing weights \"" + want + "\" of Dense '" + layer
                    + "'; the manifest has " + weights.keySet().stream().sorted().toList());
        }
        return e;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@value #MODEL_FILE} and {@value #WEIGHTS_FILE} into the folder {@code dir} (created if
     * needed), all of them written to disk before any is replaced ({@link AtomicFiles#writeAll}), and — when the network has normalizers or class names — ml5.js's
     * {@value Ml5Metadata#FILE}, so ml5's {@code nn.load()} normalises and labels as ToyNN does.
     *
     * @throws IllegalStateException if a layer uses a custom activation, which TF.js cannot express
     */
    public static void save(NeuralNetwork nn, Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileSystemException(dir.toString(), null,           // (not NoSuchFile: it exists)
                    "not a folder; a TF.js model is a folder holding model.json and its weights file");
        }
        String json = toModelJson(nn, WEIGHTS_FILE);
        byte[] weights = weightData(nn);
        boolean hasMeta = nn.inputNormalizer() != null || nn.targetNormalizer() != null || !nn.classNames().isEmpty();
        String meta = hasMeta ? Ml5Metadata.of(nn).toJson() : null;
        Files.createDirectories(dir);
        java.util.Map<Path, byte[]> files = new java.util.LinkedHashMap<>();      // all written before any replaced
        files.put(dir.resolve(WEIGHTS_FILE), weights);
        files.put(dir.resolve(MODEL_FILE), json.getBytes(StandardCharsets.UTF_8));
        if (meta != null) {
            files.put(dir.resolve(Ml5Metadata.FILE), meta.getBytes(StandardCharsets.UTF_8));
        }
        AtomicFiles.writeAll(files);
        if (meta == null) {
            Files.deleteIfExists(dir.resolve(Ml5Metadata.FILE));        // a stale one would apply to this model
        }
    }

    /**
     * The {@code model.json} text for {@code nn}, its manifest naming one weights file.
     *
     * @throws IllegalStateException if a layer uses a custom activation
     */
    public static String toModelJson(NeuralNetwork nn, String weightsFile) {
        JsonArray layers = new JsonArray();
        JsonArray weightSpecs = new JsonArray();
        List<Dense> list = nn.layers();
        for (int i = 0; i < list.size(); i++) {
            Dense d = list.get(i);
            String name = "dense_Dense" + (i + 1);
            ActivationFunction f = d.activation();
            if (!f.isBuiltIn()) {
                throw new IllegalStateException("layer " + i + " uses the custom activation '" + f.name()
                        + "', which TensorFlow.js cannot express; use one of " + ActivationFunction.builtInNames());
            }
            boolean leaky = f == ActivationFunction.LEAKY_RELU;
            JsonObject cfg = new JsonObject();
            cfg.addProperty("units", d.outputs());
            cfg.addProperty("activation", leaky ? "linear" : f.name());
            cfg.addProperty("use_bias", true);
            cfg.add("kernel_initializer", initializer("VarianceScaling"));
            cfg.add("bias_initializer", initializer("Zeros"));
            for (String k : new String[] {"kernel_regularizer", "bias_regularizer", "activity_regularizer",
                    "kernel_constraint", "bias_constraint"}) {
                cfg.add(k, JsonNull.INSTANCE);
            }
            cfg.addProperty("name", name);
            cfg.addProperty("trainable", true);
            if (i == 0) {
                JsonArray shape = new JsonArray();
                shape.add(JsonNull.INSTANCE);
                shape.add(d.inputs());
                cfg.add("batch_input_shape", shape);
                cfg.addProperty("dtype", "float32");
            }
            layers.add(layer("Dense", cfg));
            if (leaky) {
                JsonObject lc = new JsonObject();
                lc.addProperty("alpha", 0.01);
                lc.addProperty("name", "leaky_re_lu_LeakyReLU" + (i + 1));
                lc.addProperty("trainable", true);
                layers.add(layer("LeakyReLU", lc));
            }
            weightSpecs.add(weightSpec(name + "/kernel", d.inputs(), d.outputs()));
            weightSpecs.add(weightSpec(name + "/bias", d.outputs()));
        }
        JsonObject config = new JsonObject();
        config.addProperty("name", "sequential_1");
        config.add("layers", layers);
        JsonObject topology = new JsonObject();
        topology.addProperty("class_name", "Sequential");
        topology.add("config", config);
        topology.addProperty("keras_version", KERAS_VERSION);
        topology.addProperty("backend", "tensor_flow.js");

        JsonObject group = new JsonObject();
        JsonArray paths = new JsonArray();
        paths.add(weightsFile);
        group.add("paths", paths);
        group.add("weights", weightSpecs);
        JsonArray manifest = new JsonArray();
        manifest.add(group);

        JsonObject root = new JsonObject();
        root.add("modelTopology", topology);
        root.addProperty("format", "layers-model");
        root.addProperty("generatedBy", "ToyNN " + Version.get());
        root.add("convertedBy", JsonNull.INSTANCE);
        root.add("weightsManifest", manifest);
        return new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create().toJson(root);
    }

    /**
     * The weights file's bytes: per Dense layer its kernel {@code [in, out]} then its bias {@code [out]},
     * little-endian float32, in the order of {@link #toModelJson}'s manifest.
     */
    public static byte[] weightData(NeuralNetwork nn) {
        long total = 0;
        for (Dense d : nn.layers()) {
            total += (long) d.parameterCount() * Float.BYTES;
        }
        if (total > JsonFields.MAX_ARRAY) {
            throw new IllegalStateException("the network has " + total / Float.BYTES
                    + " parameters; a single TF.js weights file of this library holds at most " + JsonFields.MAX_ARRAY / 4);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        for (Dense d : nn.layers()) {
            float[] w = d.weights();                                  // (out, in)
            int in = d.inputs();
            int out = d.outputs();
            for (int r = 0; r < in; r++) {
                for (int c = 0; c < out; c++) {
                    buf.putFloat(w[c * in + r]);                      // kernel [in, out] = Wᵀ
                }
            }
            for (float b : d.bias()) {
                buf.putFloat(b);
            }
        }
        return buf.array();
    }

    private static JsonObject layer(String cls, JsonObject cfg) {
        JsonObject l = new JsonObject();
        l.addProperty("class_name", cls);
        l.add("config", cfg);
        return l;
    }

    private static JsonObject initializer(String cls) {
        JsonObject cfg = new JsonObject();
        if ("VarianceScaling".equals(cls)) {
            cfg.addProperty("scale", 1);
            cfg.addProperty("mode", "fan_avg");
            cfg.addProperty("distribution", "uniform");
            cfg.add("seed", JsonNull.INSTANCE);
        }
        JsonObject o = new JsonObject();
        o.addProperty("class_name", cls);
        o.add("config", cfg);
        return o;
    }

    private static JsonObject weightSpec(String name, int... shape) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        JsonArray s = new JsonArray();
        for (int d : shape) {
            s.add(d);
        }
        o.add("shape", s);
        o.addProperty("dtype", "float32");
        return o;
    }
}
