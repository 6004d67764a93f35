package toynn.cli.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.cli.CliException;

/** The model formats the command line knows, found by name or recognised from a file. */
public final class ModelFormats {
    // One line per format; detection asks them in this order.
    private static final List<ModelFormat> ALL = List.of(
            new ToyNNModelFormat(),
            new ToyNNJsModelFormat(),
            new TfjsModelFormat());

    private ModelFormats() {
    }

    /** Every format, in detection order. */
    public static List<ModelFormat> all() {
        return ALL;
    }

    /** The names, e.g. {@code [toynn, toy-nn-js, tfjs]}. */
    public static List<String> names() {
        return ALL.stream().map(ModelFormat::name).toList();
    }

    /**
     * The format called {@code name} (case-insensitive; {@code _} and {@code -} alike).
     *
     * @throws CliException naming the known formats
     */
    public static ModelFormat byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ModelFormat f : ALL) {
            if (f.name().equals(key)) {
                return f;
            }
        }
        throw new CliException("unknown model format '" + name + "'; use one of " + String.join(", ", names()));
    }

    /**
     * Recognises the format of {@code path} from its contents.
     *
     * @throws CliException when no format recognises it, saying what each expects
     * @throws IOException  when the file cannot be read
     */
    public static ModelFormat detect(FileProbe probe) throws IOException {
        if (!Files.exists(probe.path())) {
            throw new NoSuchFileException(probe.path().toString());
        }
        for (ModelFormat f : ALL) {
            if (f.recognizes(probe)) {
                return f;
            }
        }
        String why = probe.jsonError() != null ? probe.jsonError().getMessage()
                : probe.path() + " is JSON but no model format ToyNN knows";
        throw new CliException(why + "; expected a ToyNN model (\"format\": \"toynn-model\"), a Toy-NN-JS model "
                + "(\"input_nodes\", ...) or a TF.js model.json (\"modelTopology\"); give --format if you know it");
    }

    /**
     * Reads the model at {@code path}: in {@code formatName} if not null, else in the format recognised from the file.
     *
     * @param activation for formats that do not record it (null: their default)
     */
    public static NeuralNetwork load(Path path, String formatName, ActivationFunction activation) throws IOException {
        return open(path, formatName, activation).network();
    }

    /** As {@link #load}, also telling which format it was and giving the probe (with the parsed JSON). */
    public static Loaded open(Path path, String formatName, ActivationFunction activation) throws IOException {
        FileProbe probe = new FileProbe(path);
        ModelFormat format = formatName == null ? detect(probe) : byName(formatName);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return new Loaded(format.read(probe, activation), format, probe);
    }

    /**
     * A model read from a file.
     *
     * @param network the network
     * @param format  the format it was read in
     * @param probe   the file, with its text and JSON tree when the format is JSON
     */
    public record Loaded(NeuralNetwork network, ModelFormat format, FileProbe probe) {
    }
}
