package toynn.cli.formats;

import java.io.IOException;
import java.nio.file.Path;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;

/**
 * A model file format the command line reads and writes ({@code --format}, {@code --from}, {@code --to}).
 * Implementations are listed in {@link ModelFormats}; adding a format is one class and one line there.
 */
public interface ModelFormat {
    /** The name users type, e.g. {@code toynn}, {@code toy-nn-js}, {@code tfjs}. */
    String name();

    /** A short description for help and error messages. */
    String description();

    /** True when {@code probe} looks like a file of this format (used when no format is given). */
    boolean recognizes(FileProbe probe) throws IOException;

    /**
     * Reads a model.
     *
     * @param probe      the file (its text may already be read)
     * @param activation the activation to use for formats that do not record it (null: the format's default)
     * @throws IOException when the file cannot be read
     * @throws toynn.cli.CliException or {@link IllegalArgumentException} when the file is malformed
     */
    NeuralNetwork read(FileProbe probe, ActivationFunction activation) throws IOException;

    /**
     * Writes a model, atomically where the target is one file.
     *
     * @throws toynn.cli.CliException when this format cannot hold the network
     */
    void write(NeuralNetwork nn, Path out) throws IOException;

    /** Whether {@code --activation} means something for this format (it does not record activations). */
    default boolean needsActivation() {
        return false;
    }
}
