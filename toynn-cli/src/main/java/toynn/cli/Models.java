package toynn.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import toynn.NeuralNetwork;
import toynn.cli.train.Checkpoint;
import toynn.io.AtomicFiles;
import toynn.io.JsonFields;
import toynn.io.ModelFormat;
import toynn.io.ModelFormatException;
import toynn.io.ModelFormats;

/**
 * Reads the models the commands are given: every readable format of {@link ModelFormats} (toynn,
 * toy-nn-js, tfjs, onnx, ...), recognised from the file unless named, and the checkpoints that
 * {@code toynn train} writes.
 */
final class Models {
    /** The name under which a training checkpoint is reported. */
    static final String CHECKPOINT = "toynn-checkpoint";

    private Models() {
    }

    /**
     * A model read from a file.
     *
     * @param network    the network
     * @param format     the format's name ({@link #CHECKPOINT} for a checkpoint)
     * @param path       the file
     * @param json       the file's JSON tree for ToyNN models and checkpoints, else null
     * @param checkpoint the checkpoint's contents, or null
     */
    record Loaded(NeuralNetwork network, String format, Path path, JsonObject json, Checkpoint.Contents checkpoint) {
        /** The model's own JSON tree (inside a checkpoint, its "model"), or null. */
        JsonObject modelJson() {
            return checkpoint != null ? checkpoint.model() : json;
        }
    }

    /**
     * Reads {@code path}.
     *
     * @param format     the format's name, or null to recognise it from the file
     * @param activation for formats that do not record it (toy-nn-js), or null for the default
     * @throws IOException when the file cannot be read
     * @throws CliException or {@link IllegalArgumentException} saying what is wrong and how to fix it
     */
    static Loaded open(Path path, String format, String activation) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        ModelFormatException[] jsonError = new ModelFormatException[1];
        JsonObject root = jsonObject(path, jsonError);
        if ((format == null || format.equalsIgnoreCase(CHECKPOINT)) && Checkpoint.isCheckpoint(root)) {
            Checkpoint.Contents c = Checkpoint.read(root, path.toString());
            return new Loaded(c.network(path.toString()), CHECKPOINT, path, root, c);
        }
        String name;
        if (format != null) {
            name = ModelFormats.get(format).name();
        } else {
            try {
                name = ModelFormats.detect(path);
            } catch (IllegalArgumentException e) {
                String readable = ModelFormats.all().stream().filter(ModelFormat::canRead).map(ModelFormat::name).toList()
                        .toString();
                if (jsonError[0] != null) {       // it looks like JSON but is broken: say where
                    throw new CliException(jsonError[0].getMessage() + "; expected a model file (" + readable + ")", e);
                }
                throw new CliException(path + " is not a model file ToyNN recognises (readable formats: " + readable
                        + "); if you know its format, give --format", e);
            }
        }
        Map<String, String> options = activation == null ? Map.of() : Map.of("activation", activation);
        if (activation != null && !ModelFormats.get(name).readOptions().containsKey("activation")) {
            throw new CliException("--activation is for formats that do not record their activation (toy-nn-js); "
                    + path + " is " + name + ", which does — leave out --activation");
        }
        NeuralNetwork nn = ModelFormats.read(name, path, options);
        return new Loaded(nn, name, path, "toynn".equals(name) ? root : null, null);
    }

    /**
     * The file as a JSON object when it is one (first non-blank byte '{'), else null; when it starts
     * like JSON but does not parse, {@code error[0]} says why.
     */
    private static JsonObject jsonObject(Path path, ModelFormatException[] error) throws IOException {
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(path)) {
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0xEF || b == 0xBB || b == 0xBF);
            if (b != '{') {
                return null;
            }
        }
        try {
            return JsonFields.parseObject(AtomicFiles.readText(path), path.toString());
        } catch (ModelFormatException e) {
            error[0] = e;
            return null;
        }
    }
}
