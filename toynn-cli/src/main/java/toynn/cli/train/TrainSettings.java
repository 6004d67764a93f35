package toynn.cli.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import toynn.io.JsonFields;
import toynn.io.ModelFormatException;

/**
 * Everything {@code toynn train} was asked to do, resolved to concrete values (no "default from
 * the data" left). A checkpoint stores it, so {@code --resume} continues with the same settings.
 *
 * @param data             the data source, e.g. {@code digits} or {@code csv:houses.csv}
 * @param label            the label column for CSV data, or null
 * @param layers           hidden layer sizes
 * @param activation       hidden activation name
 * @param outputActivation output activation name
 * @param loss             loss name
 * @param optimizer        optimizer name
 * @param lr               learning rate
 * @param epochs           epochs in all
 * @param batch            batch size
 * @param seed             seed of every random choice
 * @param valSplit         fraction of the training data held out for validation
 * @param earlyStop        patience in epochs, 0 = off
 * @param normalize        minmax, zscore or none
 * @param task             classification or regression
 * @param testSplit        fraction held out for the test (CSV data)
 * @param clipNorm         largest global gradient norm a step may use, 0 = no clipping
 * @param workingDir       the folder the run started in, which relative paths in {@code data} are taken from
 *                         (so {@code --resume} finds the data from any folder), or null when unknown
 */
public record TrainSettings(String data, String label, List<Integer> layers, String activation, String outputActivation,
                            String loss, String optimizer, double lr, int epochs, int batch, long seed, double valSplit,
                            int earlyStop, String normalize, String task, double testSplit, double clipNorm,
                            String workingDir) {
    /** Copies the layer list. */
    public TrainSettings {
        layers = List.copyOf(layers);
    }

    /** Settings without gradient clipping. */
    public TrainSettings(String data, String label, List<Integer> layers, String activation, String outputActivation,
                         String loss, String optimizer, double lr, int epochs, int batch, long seed, double valSplit,
                         int earlyStop, String normalize, String task, double testSplit) {
        this(data, label, layers, activation, outputActivation, loss, optimizer, lr, epochs, batch, seed, valSplit,
                earlyStop, normalize, task, testSplit, 0);
    }

    /** Settings without a working folder (relative data paths are taken from the current folder). */
    public TrainSettings(String data, String label, List<Integer> layers, String activation, String outputActivation,
                         String loss, String optimizer, double lr, int epochs, int batch, long seed, double valSplit,
                         int earlyStop, String normalize, String task, double testSplit, double clipNorm) {
        this(data, label, layers, activation, outputActivation, loss, optimizer, lr, epochs, batch, seed, valSplit,
                earlyStop, normalize, task, testSplit, clipNorm, null);
    }

    /**
     * {@link #data()} with the relative paths of a file source ({@code csv:}, {@code idx:}, {@code npy:}) taken
     * from {@link #workingDir()}; other sources, and all of them without a working folder, as they are.
     */
    public String dataFromWorkingDir() {
        return dataFrom(data, workingDir);
    }

    /**
     * {@code data} with the relative paths of a file source taken from {@code workingDir} (null: as it is), as
     * {@link #dataFromWorkingDir()} does; also for a {@code --data} given on resume, from the current folder.
     */
    public static String dataFrom(String data, String workingDir) {
        if (workingDir == null || data == null) {
            return data;
        }
        String t = data.trim();
        String kind = t.length() >= 4 ? t.substring(0, 4).toLowerCase(Locale.ROOT) : "";
        if (!List.of("csv:", "idx:", "npy:").contains(kind)) {
            return data;
        }
        List<String> parts = kind.equals("npy:") ? List.of(t.substring(4).split(",", -1)) : List.of(t.substring(4));
        List<String> resolved = new ArrayList<>();
        for (String part : parts) {
            resolved.add(part.isBlank() ? part : Path.of(workingDir).resolve(part.trim()).normalize().toString());
        }
        return t.substring(0, 4) + String.join(",", resolved);
    }

    /** True for classification. */
    public boolean classification() {
        return "classification".equals(task);
    }

    /** The same settings with another epoch count. */
    public TrainSettings withEpochs(int newEpochs) {
        return new TrainSettings(data, label, layers, activation, outputActivation, loss, optimizer, lr, newEpochs, batch,
                seed, valSplit, earlyStop, normalize, task, testSplit, clipNorm, workingDir);
    }

    /** As JSON (keys named like the command-line flags). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("data", data);
        if (label != null) {
            o.addProperty("label", label);
        }
        JsonArray l = new JsonArray();
        layers.forEach(l::add);
        o.add("layers", l);
        o.addProperty("activation", activation);
        o.addProperty("output_activation", outputActivation);
        o.addProperty("loss", loss);
        o.addProperty("optimizer", optimizer);
        o.addProperty("lr", lr);
        o.addProperty("epochs", epochs);
        o.addProperty("batch", batch);
        o.addProperty("seed", seed);
        o.addProperty("val_split", valSplit);
        o.addProperty("early_stop", earlyStop);
        o.addProperty("normalize", normalize);
        o.addProperty("task", task);
        o.addProperty("test_split", testSplit);
        if (clipNorm > 0) {
            o.addProperty("clip_norm", clipNorm);
        }
        if (workingDir != null) {
            o.addProperty("working_dir", workingDir);
        }
        return o;
    }

    /** Reads {@link #toJson()}'s output, naming any field that is wrong. */
    public static TrainSettings fromJson(JsonObject o, String where) {
        JsonArray l = JsonFields.array(o, "layers", where);
        if (l.size() > 1000) {
            throw new ModelFormatException(where + ".layers: " + l.size() + " layers; expected at most 1000");
        }
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            layers.add(JsonFields.integer(l.get(i), where + ".layers[" + i + "]", 1, 1 << 24));
        }
        String label = o.has("label") ? JsonFields.string(o, "label", where) : null;
        return new TrainSettings(JsonFields.string(o, "data", where), label, layers,
                JsonFields.string(o, "activation", where), JsonFields.string(o, "output_activation", where),
                JsonFields.string(o, "loss", where), JsonFields.string(o, "optimizer", where),
                JsonFields.number(o, "lr", where), JsonFields.integer(o, "epochs", where, 1, Integer.MAX_VALUE),
                JsonFields.integer(o, "batch", where, 1, Integer.MAX_VALUE), longValue(o, "seed", where),
                JsonFields.number(o, "val_split", where), JsonFields.integer(o, "early_stop", where, 0, Integer.MAX_VALUE),
                JsonFields.string(o, "normalize", where), JsonFields.string(o, "task", where),
                JsonFields.number(o, "test_split", where),
                o.has("clip_norm") ? clipNorm(JsonFields.number(o, "clip_norm", where), where) : 0,
                o.has("working_dir") ? JsonFields.string(o, "working_dir", where) : null);
    }

    private static double clipNorm(double v, String where) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ModelFormatException(where + ".clip_norm: expected a finite number ≥ 0, got " + v);
        }
        return v;
    }

    private static long longValue(JsonObject o, String key, String where) {
        JsonElement e = JsonFields.member(o, key, where);
        try {
            return Long.parseLong(e.getAsJsonPrimitive().getAsString());
        } catch (RuntimeException ex) {
            throw new ModelFormatException(where + "." + key + ": expected a whole number, got " + JsonFields.kind(e), ex);
        }
    }
}
