package toynn.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import toynn.NeuralNetwork;
import toynn.cli.train.Checkpoint;
import toynn.io.ModelFormats;
import toynn.layers.Dense;

/**
 * {@code toynn inspect --model PATH}: a model summary like Keras's — layers, output shapes,
 * activations, parameter counts — then the training settings, normalisation, class names and input
 * columns the file records.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Summarises a model: layers, shapes, parameters, activations, training settings, normalisation.")
public final class InspectCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws Exception {
        Models.Loaded loaded = modelOptions.open();
        print(main.out(), loaded);
        return 0;
    }

    static void print(PrintStream out, Models.Loaded loaded) {
        NeuralNetwork nn = loaded.network();
        JsonObject json = loaded.modelJson();
        out.println("Model: " + loaded.path());
        Checkpoint.Contents c = loaded.checkpoint();
        if (c != null) {
            out.println("Checkpoint: " + c.epoch() + " of " + c.settings().epochs() + " epochs done; settings "
                    + describe(c.settings().toJson()));
        }
        String format = c != null ? ModelFormats.get("toynn").description() + " in a training checkpoint"
                : ModelFormats.get(loaded.format()).description();
        out.println("Format: " + format + header(json));
        if (ModelFormats.get(c != null ? "toynn" : loaded.format()).readOptions().containsKey("activation")) {
            out.println("Note: this format does not record activations; shown as read with --activation "
                    + nn.layers().get(0).activation().name());
        }
        out.println();
        Table t = new Table("Layer", "Type", "Output shape", "Activation", ">Parameters");
        t.row("input", "Input", shape(nn.inputSize()), "", "0");
        List<Dense> layers = nn.layers();
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            Dense d = layers.get(i);
            long params = (long) d.inputs() * d.outputs() + d.outputs();   // W (out, in) and b (out)
            total += params;
            t.row("dense_" + (i + 1), "Dense", shape(d.outputs()), d.activation().name(), group(params));
        }
        t.print(out, 2);
        out.println("  Total parameters: " + group(total) + " (" + bytes(total * Float.BYTES) + " as float32)");
        if (json != null) {
            printSections(out, json);
        }
        List<String> columns = nn.inputColumns();
        if (!columns.isEmpty()) {          // all of them: they are what predict --csv and predict(Map) take by name
            out.println("Input columns (" + columns.size() + "): " + String.join(", ", columns));
        }
    }

    private static String header(JsonObject json) {
        if (json == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (json.has("formatVersion")) {
            sb.append(", version ").append(json.get("formatVersion").getAsString());
        }
        if (json.has("libraryVersion")) {
            sb.append(", written by ToyNN ").append(json.get("libraryVersion").getAsString());
        }
        return sb.toString();
    }

    /** The recorded settings beyond the layers, shown generically so new sections appear as they are added. */
    private static void printSections(PrintStream out, JsonObject json) {
        List<String> settings = new ArrayList<>();
        for (String key : List.of("loss", "learningRate", "updateRule", "seed", "epochsTrained")) {
            if (json.has(key) && json.get(key).isJsonPrimitive()) {
                settings.add(key + " " + json.get(key).getAsString());
            }
        }
        out.println();
        out.println("Settings: " + (settings.isEmpty() ? "none recorded" : String.join(", ", settings)));
        if (json.has("training")) {
            out.println("Training: " + describe(json.get("training")));
        }
        for (String key : List.of("normalization", "normalisation")) {
            if (json.has(key)) {
                out.println("Normalisation: " + describe(json.get(key)));
            }
        }
        JsonElement classes = json.get("classNames");
        if (classes != null && classes.isJsonArray()) {
            out.println("Classes (" + classes.getAsJsonArray().size() + "): " + describe(classes));
        }
        if (json.has("input")) {
            out.println("Input: " + describe(json.get("input")));
        }
    }

    /** A one-line description of a JSON value: primitives as they are, arrays by size, objects field by field. */
    static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "none";
        }
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            boolean shortPrimitives = a.size() <= 12;
            for (JsonElement x : a) {
                shortPrimitives &= x.isJsonPrimitive();
            }
            if (shortPrimitives) {
                List<String> parts = new ArrayList<>();
                a.forEach(x -> parts.add(x.getAsString()));
                return String.join(", ", parts);
            }
            return "[" + a.size() + " values]";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
            JsonElement v = m.getValue();
            if (m.getKey().equals("state")) {
                continue;             // optimizer moments: numbers for resuming, not for reading
            }
            parts.add(m.getKey() + " " + (v.isJsonObject() ? "{" + describe(v) + "}" : describe(v)));
        }
        return String.join(", ", parts);
    }

    private static String shape(int units) {
        return "(batch, " + units + ")";
    }

    static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }
}
