package toynn.cli.formats;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.cli.CliException;
import toynn.io.AtomicFiles;
import toynn.io.ModelFormatException;
import toynn.io.ToyNNJsFormat;

/**
 * Toy-Neural-Network-JS's {@code serialize()} JSON: one hidden layer, one activation for both layers,
 * which the file does not record ({@code --activation}, default sigmoid as in that library).
 */
final class ToyNNJsModelFormat implements ModelFormat {
    @Override
    public String name() {
        return "toy-nn-js";
    }

    @Override
    public String description() {
        return "Toy-Neural-Network-JS serialize() JSON (one hidden layer; activation not recorded)";
    }

    @Override
    public boolean recognizes(FileProbe probe) throws IOException {
        if (probe.isDirectory()) {
            return false;
        }
        JsonObject json = probe.json();
        return json != null && json.has("input_nodes");
    }

    @Override
    public boolean needsActivation() {
        return true;
    }

    @Override
    public NeuralNetwork read(FileProbe probe, ActivationFunction activation) throws IOException {
        try {
            return ToyNNJsFormat.read(probe.text(), activation == null ? ActivationFunction.SIGMOID : activation);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(probe.path() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(NeuralNetwork nn, Path out) throws IOException {
        if (nn.layers().size() != 2) {
            throw new CliException("the Toy-NN-JS format holds exactly one hidden layer; this network has "
                    + (nn.layers().size() - 1) + " — convert it to toynn (or tfjs) instead");
        }
        ActivationFunction f = nn.getActivationFunction();
        if (f == null) {
            throw new CliException("the Toy-NN-JS format uses one activation for both layers; this network uses "
                    + nn.layers().get(0).activation().name() + " then " + nn.layers().get(1).activation().name()
                    + " — convert it to toynn (or tfjs) instead");
        }
        AtomicFiles.write(out, nn.toToyNNJs().getBytes(StandardCharsets.UTF_8));
    }
}
