package toynn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import toynn.NeuralNetwork;

/**
 * One model file format ToyNN can read, write or both, under a short name ({@code "toynn"},
 * {@code "tfjs"}, ...). The formats are listed in {@link ModelFormats}; a module such as toynn-onnx adds
 * its own through {@link java.util.ServiceLoader} (a {@code META-INF/services/toynn.io.ModelFormat} entry).
 *
 * <p>Options are plain {@code key=value} strings (e.g. {@code activation=tanh} for Toy-NN-JS files,
 * which do not record their activation); {@link ModelFormats} rejects keys a format does not list.
 */
public interface ModelFormat {
    /** The short name used on the command line, e.g. {@code "tfjs"}. */
    String name();

    /** One line saying what the format is, e.g. {@code "TensorFlow.js layers model (folder)"}. */
    String description();

    /** Whether {@link #read} is supported (most formats both read and write). */
    default boolean canRead() {
        return true;
    }

    /** Whether {@link #write} is supported. */
    default boolean canWrite() {
        return true;
    }

    /** Option keys {@link #read} understands, each with a short description. */
    default Map<String, String> readOptions() {
        return Map.of();
    }

    /** Option keys {@link #write} understands, each with a short description. */
    default Map<String, String> writeOptions() {
        return Map.of();
    }

    /**
     * Reads a network from {@code path}.
     *
     * @throws IOException if a file cannot be read
     * @throws ModelFormatException naming what is wrong in the file
     * @throws UnsupportedOperationException if the format cannot be read
     */
    NeuralNetwork read(Path path, Map<String, String> options) throws IOException;

    /**
     * Writes {@code nn} to {@code path}.
     *
     * @throws IOException if a file cannot be written
     * @throws IllegalStateException if this network cannot be expressed in the format (the message says why)
     * @throws UnsupportedOperationException if the format cannot be written
     */
    void write(NeuralNetwork nn, Path path, Map<String, String> options) throws IOException;

    /**
     * Whether {@code path} looks like a file of this format (used to detect the format of an input).
     * Must not throw for files of other formats.
     */
    boolean recognizes(Path path);

    /** The file name extensions this format is usually saved with, e.g. {@code Set.of(".json")}. */
    default Set<String> extensions() {
        return Set.of();
    }
}
