package toynn.cli.formats;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.cli.CliException;

/**
 * TensorFlow.js's {@code model.json} (Keras topology plus a weights manifest), with its weight file
 * beside it — the format ml5.js saves. Recognised here; reading and writing arrive with the interop
 * work ({@code toynn export}), which fills in {@link #read} and {@link #write}.
 */
final class TfjsModelFormat implements ModelFormat {
    @Override
    public String name() {
        return "tfjs";
    }

    @Override
    public String description() {
        return "TensorFlow.js / ml5.js model.json with its weight file beside it";
    }

    @Override
    public boolean recognizes(FileProbe probe) throws IOException {
        if (probe.isDirectory()) {
            return Files.isRegularFile(probe.path().resolve("model.json"));
        }
        JsonObject json = probe.json();
        return json != null && (json.has("modelTopology") || json.has("weightsManifest"));
    }

    @Override
    public NeuralNetwork read(FileProbe probe, ActivationFunction activation) throws IOException {
        throw new CliException(probe.path() + ": reading TF.js models (--format tfjs) is not supported by this "
                + "version of toynn yet; convert the model to a Toy-NN-JS or ToyNN file first");
    }

    @Override
    public void write(NeuralNetwork nn, Path out) throws IOException {
        throw new CliException("writing TF.js models is not supported by this version of toynn yet; "
                + "use --to toynn or --to toy-nn-js");
    }
}
