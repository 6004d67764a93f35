package toynn.cli.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import toynn.NeuralNetwork;
import toynn.cli.plots.EpochPoint;
import toynn.io.AtomicFiles;
import toynn.io.JsonFields;
import toynn.io.ModelFile;
import toynn.io.ModelFormatException;

/**
 * A training checkpoint: the model (with its optimizer state, as the model file holds it), the
 * settings it was trained with, the epochs done and the history so far — everything
 * {@code toynn train --resume} needs. Written atomically, so an interrupted run leaves the last
 * complete checkpoint in place.
 *
 * <pre>{@code
 * { "format": "toynn-checkpoint", "formatVersion": 1, "epoch": 3,
 *   "settings": { "data": "digits", "layers": [128, 64], ... },
 *   "history": [ {"epoch": 1, "loss": 0.61, "accuracy": 0.83, "val_loss": ..., "val_accuracy": ...}, ... ],
 *   "model": { "format": "toynn-model", ... } }
 * }</pre>
 */
public final class Checkpoint {
    /** The value of {@code "format"}. */
    public static final String FORMAT = "toynn-checkpoint";
    /** The newest version written and read. */
    public static final int FORMAT_VERSION = 1;

    /**
     * A checkpoint's contents.
     *
     * @param epoch    epochs completed
     * @param settings the training settings
     * @param history  one point per completed epoch
     * @param model    the model's JSON tree (read with {@link ModelFile#fromJsonObject})
     */
    public record Contents(int epoch, TrainSettings settings, List<EpochPoint> history, JsonObject model) {
        /** The network, read from {@link #model()}. */
        public NeuralNetwork network(String where) {
            return ModelFile.fromJsonObject(model, where + ".model");
        }
    }

    private Checkpoint() {
    }

    /** Writes a checkpoint to {@code file} atomically. */
    public static void write(Path file, int epoch, TrainSettings settings, List<EpochPoint> history, NeuralNetwork nn)
            throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("formatVersion", FORMAT_VERSION);
        root.addProperty("epoch", epoch);
        root.add("settings", settings.toJson());
        JsonArray h = new JsonArray();
        for (EpochPoint p : history) {
            JsonObject o = new JsonObject();
            o.addProperty("epoch", p.epoch());
            put(o, "loss", p.trainLoss());
            put(o, "val_loss", p.valLoss());
            put(o, "accuracy", p.trainAccuracy());
            put(o, "val_accuracy", p.valAccuracy());
            h.add(o);
        }
        root.add("history", h);
        root.add("model", ModelFile.toJsonObject(nn));
        String text = new GsonBuilder().disableHtmlEscaping().create().toJson(root);
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code root} is a checkpoint (by its {@code "format"}). */
    public static boolean isCheckpoint(JsonObject root) {
        JsonElement f = root == null ? null : root.get("format");
        return f != null && f.isJsonPrimitive() && FORMAT.equals(f.getAsString());
    }

    /**
     * Reads a checkpoint's parsed JSON.
     *
     * @throws ModelFormatException naming what is wrong
     */
    public static Contents read(JsonObject root, String where) {
        if (!isCheckpoint(root)) {
            throw new ModelFormatException(where + ": not a training checkpoint (\"format\" is not \"" + FORMAT
                    + "\"); give the checkpoint.json that toynn train wrote into its --out directory");
        }
        int version = JsonFields.integer(root, "formatVersion", where, 1, Integer.MAX_VALUE);
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException(where + ": checkpoint formatVersion " + version + " is newer than this ToyNN reads ("
                    + FORMAT_VERSION + "); update ToyNN");
        }
        int epoch = JsonFields.integer(root, "epoch", where, 0, Integer.MAX_VALUE);
        TrainSettings settings = TrainSettings.fromJson(JsonFields.object(root, "settings", where), where + ".settings");
        JsonArray h = JsonFields.array(root, "history", where);
        List<EpochPoint> history = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            String w = where + ".history[" + i + "]";
            if (!h.get(i).isJsonObject()) {
                throw new ModelFormatException(w + ": expected an object, got " + JsonFields.kind(h.get(i)));
            }
            JsonObject o = h.get(i).getAsJsonObject();
            history.add(new EpochPoint(JsonFields.integer(o, "epoch", w, 1, Integer.MAX_VALUE), opt(o, "loss", w),
                    opt(o, "val_loss", w), opt(o, "accuracy", w), opt(o, "val_accuracy", w)));
        }
        return new Contents(epoch, settings, history, JsonFields.object(root, "model", where));
    }

    /** Reads a checkpoint file. */
    public static Contents read(Path file) throws IOException {
        String where = file.toString();
        return read(JsonFields.parseObject(AtomicFiles.readText(file), where), where);
    }

    private static void put(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        }
    }

    private static double opt(JsonObject o, String key, String where) {
        return o.has(key) ? JsonFields.number(o, key, where) : Double.NaN;
    }
}
