package toynn.cli.formats;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.cli.CliException;
import toynn.cli.train.Checkpoint;
import toynn.io.ModelFile;

/** ToyNN's own versioned JSON model file ({@code "format": "toynn-model"}). */
final class ToyNNModelFormat implements ModelFormat {
    @Override
    public String name() {
        return "toynn";
    }

    @Override
    public String description() {
        return "ToyNN model (JSON)";
    }

    @Override
    public boolean recognizes(FileProbe probe) throws IOException {
        if (probe.isDirectory()) {
            return false;
        }
        JsonObject json = probe.json();
        JsonElement format = json == null ? null : json.get("format");
        return format != null && format.isJsonPrimitive() && ModelFile.FORMAT.equals(format.getAsString())
                || Checkpoint.isCheckpoint(json);
    }

    @Override
    public NeuralNetwork read(FileProbe probe, ActivationFunction activation) throws IOException {
        JsonObject json = probe.json();
        if (json == null) {
            throw new CliException(probe.jsonError().getMessage() + "; expected a ToyNN model file");
        }
        if (Checkpoint.isCheckpoint(json)) {
            return Checkpoint.read(json, probe.path().toString()).network(probe.path().toString());
        }
        return ModelFile.fromJsonObject(json, probe.path().toString());
    }

    @Override
    public void write(NeuralNetwork nn, Path out) throws IOException {
        nn.save(out);
    }
}
