package toynn.io;

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
import java.util.ServiceLoader;
import java.util.Set;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;

/**
 * The registry of model formats: read a network from any format and write it to any other — what
 * {@code toynn convert --from F IN --to G OUT} does.
 *
 * <pre>{@code
 * NeuralNetwork nn = ModelFormats.read("tfjs", Path.of("my-model/model.json"));
 * ModelFormats.write("toynn", nn, Path.of("model.toynn.json"));
 * NeuralNetwork any = ModelFormats.load(Path.of("model.onnx"));     // format detected from the file
 * }</pre>
 *
 * <table>
 * <caption>Built-in formats</caption>
 * <tr><th>name</th><th>read</th><th>write</th><th>path</th></tr>
 * <tr><td>toynn</td><td>yes</td><td>yes</td><td>ToyNN's JSON model file ({@link ModelFile})</td></tr>
 * <tr><td>toy-nn-js</td><td>yes (option {@code activation}, default sigmoid)</td><td>yes (one hidden layer;
 *     normalizers folded into the weights, see {@link NormalizerFolding})</td>
 *     <td>Toy-Neural-Network-JS JSON ({@link ToyNNJsFormat})</td></tr>
 * <tr><td>tfjs</td><td>yes</td><td>yes</td><td>a folder (or its model.json) ({@link TfjsFormat}), with ml5.js's
 *     model_meta.json for normalizers and class names ({@link Ml5Metadata})</td></tr>
 * <tr><td>java</td><td>no</td><td>yes</td><td>{@code ClassName.java}, standalone source ({@link JavaExporter})</td></tr>
 * <tr><td>pde</td><td>no</td><td>yes</td><td>{@code ClassName.pde}, a Processing tab ({@link JavaExporter})</td></tr>
 * </table>
 * The module toynn-onnx adds {@code onnx} (read and write) through {@link ServiceLoader}; other
 * formats can be added with {@link #register(ModelFormat)}.
 */
public final class ModelFormats {
    private static final Map<String, ModelFormat> FORMATS = new LinkedHashMap<>();

    static {
        register(new ToyNNModelFormat());
        register(new ToyNNJsModelFormat());
        register(new TfjsModelFormat());
        register(new JavaSourceFormat(false));
        register(new JavaSourceFormat(true));
        for (ModelFormat f : ServiceLoader.load(ModelFormat.class, ModelFormats.class.getClassLoader())) {
            register(f);
        }
    }

    private ModelFormats() {
    }

    /** Adds (or replaces) a format under its {@link ModelFormat#name()}. */
    public static synchronized void register(ModelFormat format) {
        FORMATS.put(key(format.name()), format);
    }

    /** The names of all registered formats, in registration order. */
    public static synchronized List<String> names() {
        return FORMATS.values().stream().map(ModelFormat::name).toList();
    }

    /** All registered formats, in registration order. */
    public static synchronized List<ModelFormat> all() {
        return List.copyOf(FORMATS.values());
    }

    /**
     * The format called {@code name} (case-insensitive; {@code _} and {@code -} alike).
     *
     * @throws IllegalArgumentException naming the known formats when there is none by that name
     */
    public static synchronized ModelFormat get(String name) {
        ModelFormat f = name == null ? null : FORMATS.get(key(name));
        if (f == null) {
            throw new IllegalArgumentException("unknown model format '" + name + "'; expected one of " + names()
                    + (name != null && key(name).equals("onnx") ? " (onnx needs the toynn-onnx module on the class path)" : ""));
        }
        return f;
    }

    /** {@link #read(String, Path, Map)} without options. */
    public static NeuralNetwork read(String format, Path path) throws IOException {
        return read(format, path, Map.of());
    }

    /**
     * Reads a network in the named format.
     *
     * @throws IllegalArgumentException for an unknown format or option, or a format that cannot be read
     * @throws ModelFormatException naming what is wrong in the file
     */
    public static NeuralNetwork read(String format, Path path, Map<String, String> options) throws IOException {
        ModelFormat f = get(format);
        if (!f.canRead()) {
            throw new IllegalArgumentException("the " + f.name() + " format can only be written, not read; readable formats: "
                    + all().stream().filter(ModelFormat::canRead).map(ModelFormat::name).toList());
        }
        checkOptions(f, f.readOptions(), options, "reading");
        return f.read(path, options == null ? Map.of() : options);
    }

    /** {@link #write(String, NeuralNetwork, Path, Map)} without options. */
    public static void write(String format, NeuralNetwork nn, Path path) throws IOException {
        write(format, nn, path, Map.of());
    }

    /**
     * Writes {@code nn} in the named format.
     *
     * @throws IllegalArgumentException for an unknown format or option, or a format that cannot be written
     * @throws IllegalStateException if the network cannot be expressed in that format (the message says why)
     */
    public static void write(String format, NeuralNetwork nn, Path path, Map<String, String> options) throws IOException {
        ModelFormat f = get(format);
        if (!f.canWrite()) {
            throw new IllegalArgumentException("the " + f.name() + " format can only be read, not written");
        }
        checkOptions(f, f.writeOptions(), options, "writing");
        f.write(nn, path, options == null ? Map.of() : options);
    }

    /**
     * The name of the readable format {@code path} is in, found from its contents (and extension).
     *
     * @throws IllegalArgumentException when no readable format recognizes it
     */
    public static String detect(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file or folder");
        }
        for (ModelFormat f : all()) {
            if (f.canRead() && f.recognizes(path)) {
                return f.name();
            }
        }
        throw new IllegalArgumentException(path + ": not a model file of a known format; readable formats: "
                + all().stream().filter(ModelFormat::canRead).map(ModelFormat::name).toList()
                + " (name the format explicitly if detection fails)");
    }

    /** Reads {@code path} in the format {@link #detect(Path)} finds. */
    public static NeuralNetwork load(Path path) throws IOException {
        return read(detect(path), path, Map.of());
    }

    private static void checkOptions(ModelFormat f, Map<String, String> allowed, Map<String, String> given, String when) {
        if (given == null) {
            return;
        }
        for (String k : given.keySet()) {
            if (!allowed.containsKey(k)) {
                throw new IllegalArgumentException("the " + f.name() + " format has no option '" + k + "' when " + when
                        + (allowed.isEmpty() ? "; it takes no options" : "; options: " + allowed.keySet()));
            }
        }
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The root object of a JSON file, or null when {@code path} is not a readable JSON object. */
    static JsonObject peekJson(Path path) {
        try {
            if (!Files.isRegularFile(path) || Files.size(path) > AtomicFiles.MAX_TEXT_BYTES) {
                return null;
            }
            try (var in = Files.newInputStream(path)) {
                int c;
                do {
                    c = in.read();
                } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
                if (c != '{') {
                    return null;                                      // not a JSON object: do not read it all
                }
            }
            return JsonFields.parseObject(Files.readString(path, StandardCharsets.UTF_8), path.toString());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- built-in formats

    /** ToyNN's own JSON file. */
    private static final class ToyNNModelFormat implements ModelFormat {
        @Override
        public String name() {
            return "toynn";
        }

        @Override
        public String description() {
            return "ToyNN JSON model file (versioned; every setting kept)";
        }

        @Override
        public NeuralNetwork read(Path path, Map<String, String> options) throws IOException {
            return ModelFile.load(path);
        }

        @Override
        public void write(NeuralNetwork nn, Path path, Map<String, String> options) throws IOException {
            ModelFile.save(nn, path);
        }

        @Override
        public boolean recognizes(Path path) {
            JsonObject o = peekJson(path);
            return o != null && o.has("format") && o.get("format").isJsonPrimitive()
                    && ModelFile.FORMAT.equals(o.get("format").getAsString());
        }

        @Override
        public Set<String> extensions() {
            return Set.of(".json");
        }
    }

    /** Toy-Neural-Network-JS's serialize() output. */
    private static final class ToyNNJsModelFormat implements ModelFormat {
        @Override
        public String name() {
            return "toy-nn-js";
        }

        @Override
        public String description() {
            return "Toy-Neural-Network-JS serialize() JSON (one hidden layer; activation not stored)";
        }

        @Override
        public Map<String, String> readOptions() {
            return Map.of("activation", "the activation the network was trained with (the file does not record it); "
                    + "default sigmoid");
        }

        @Override
        public NeuralNetwork read(Path path, Map<String, String> options) throws IOException {
            ActivationFunction f = ActivationFunction.byName(options.getOrDefault("activation", "sigmoid"));
            String text = AtomicFiles.readText(path);
            try {
                return ToyNNJsFormat.read(text, f);
            } catch (ModelFormatException e) {
                throw new ModelFormatException(path + ": " + e.getMessage(), e);
            }
        }

        /** Normalizers are folded into the weights (the format has none); class names are dropped. */
        @Override
        public void write(NeuralNetwork nn, Path path, Map<String, String> options) throws IOException {
            NeuralNetwork bare = NormalizerFolding.fold(nn, "a Toy-NN-JS file");
            AtomicFiles.write(path, ToyNNJsFormat.write(bare).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean recognizes(Path path) {
            JsonObject o = peekJson(path);
            return o != null && o.has("input_nodes") && o.has("weights_ih");
        }

        @Override
        public Set<String> extensions() {
            return Set.of(".json");
        }
    }

    /** TensorFlow.js layers model: a folder with model.json and weights. */
    private static final class TfjsModelFormat implements ModelFormat {
        @Override
        public String name() {
            return "tfjs";
        }

        @Override
        public String description() {
            return "TensorFlow.js layers model (a folder with model.json and " + TfjsFormat.WEIGHTS_FILE
                    + "; ml5.js saves this too)";
        }

        @Override
        public NeuralNetwork read(Path path, Map<String, String> options) throws IOException {
            return TfjsFormat.load(path);
        }

        /** {@code path} is the folder; a path ending in {@code .json} names model.json inside its folder. */
        @Override
        public void write(NeuralNetwork nn, Path path, Map<String, String> options) throws IOException {
            Path dir = path;
            if (path.getFileName() != null && path.getFileName().toString().endsWith(".json")) {
                if (!TfjsFormat.MODEL_FILE.equals(path.getFileName().toString())) {
                    throw new IllegalArgumentException(path + ": a TF.js model is a folder holding "
                            + TfjsFormat.MODEL_FILE + " and " + TfjsFormat.WEIGHTS_FILE + "; give the folder");
                }
                dir = path.toAbsolutePath().getParent();
            }
            TfjsFormat.save(nn, dir);
        }

        @Override
        public boolean recognizes(Path path) {
            Path json = Files.isDirectory(path) ? path.resolve(TfjsFormat.MODEL_FILE) : path;
            JsonObject o = peekJson(json);
            return o != null && o.has("modelTopology") && o.has("weightsManifest");
        }
    }

    /** Standalone Java source or a Processing tab (write only). */
    private static final class JavaSourceFormat implements ModelFormat {
        private final boolean pde;

        JavaSourceFormat(boolean pde) {
            this.pde = pde;
        }

        @Override
        public String name() {
            return pde ? "pde" : "java";
        }

        @Override
        public String description() {
            return pde ? "Processing tab ClassName.pde computing predict() with the weights inlined (write only)"
                    : "dependency-free Java source ClassName.java computing predict() (write only)";
        }

        @Override
        public boolean canRead() {
            return false;
        }

        @Override
        public NeuralNetwork read(Path path, Map<String, String> options) {
            throw new UnsupportedOperationException("the " + name() + " format can only be written");
        }

        /** The class is named after the file: {@code out/Brain.java} holds {@code class Brain}. */
        @Override
        public void write(NeuralNetwork nn, Path path, Map<String, String> options) throws IOException {
            String file = path.getFileName() == null ? "" : path.getFileName().toString();
            String ext = pde ? ".pde" : ".java";
            if (!file.endsWith(ext)) {
                throw new IllegalArgumentException(path + ": expected a file name ending in " + ext
                        + " (the class is named after it, e.g. Brain" + ext + ")");
            }
            String className = file.substring(0, file.length() - ext.length());
            String source = pde ? JavaExporter.processingTab(nn, className) : JavaExporter.javaSource(nn, className);
            AtomicFiles.write(path, source.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean recognizes(Path path) {
            return false;
        }

        @Override
        public Set<String> extensions() {
            return Set.of(pde ? ".pde" : ".java");
        }
    }

    /** For messages: every format with what it can do. */
    public static synchronized List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (ModelFormat f : FORMATS.values()) {
            lines.add(f.name() + " (" + (f.canRead() && f.canWrite() ? "read, write" : f.canRead() ? "read" : "write")
                    + "): " + f.description());
        }
        return lines;
    }
}
