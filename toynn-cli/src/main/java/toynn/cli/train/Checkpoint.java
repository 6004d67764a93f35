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
import toynn.train.EarlyStoppingState;

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
 *   "model": { "format": "toynn-model", ... },
 *   "early_stopping": { "best_value": 0.093, "best_epoch": 5, "since_best": 1,
 *                       "best_layers": [ {"weights": [...], "bias": [...]}, ... ] } }
 * }</pre>
 * {@code "early_stopping"} is there when the run uses {@code --early-stop}: early stopping's state at
 * {@code "epoch"} ({@code best_epoch + since_best = epoch}), so a resumed run keeps counting patience and
 * can still put back the best weights. {@code "best_layers"} holds the weights after {@code best_epoch},
 * one entry per layer encoded as the model's {@code "layers"} are (row-major {@code outputs × inputs}
 * float32 in shortest exact decimals), sized by the model's {@code "layerSizes"}; only the weights, not
 * a second copy of the optimizer state. Checkpoints without the section (older ones) still load; resuming
 * them starts the patience count afresh.
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
     * @param earlyStopping early stopping's state at {@code epoch}, or null when the checkpoint has none
     */
    public record Contents(int epoch, TrainSettings settings, List<EpochPoint> history, JsonObject model,
                           EarlyStoppingState earlyStopping) {
        /** Contents without an early-stopping state. */
        public Contents(int epoch, TrainSettings settings, List<EpochPoint> history, JsonObject model) {
            this(epoch, settings, history, model, null);
        }

        /** The network, read from {@link #model()}. */
        public NeuralNetwork network(String where) {
            return ModelFile.fromJsonObject(model, where + ".model");
        }
    }

    private Checkpoint() {
    }

    /** Writes a checkpoint without an early-stopping state to {@code file} atomically. */
    public static void write(Path file, int epoch, TrainSettings settings, List<EpochPoint> history, NeuralNetwork nn)
            throws IOException {
        write(file, epoch, settings, history, nn, null);
    }

    /**
     * Writes a checkpoint to {@code file} atomically.
     *
     * @param earlyStopping early stopping's state at {@code epoch}, or null for none
     */
    public static void write(Path file, int epoch, TrainSettings settings, List<EpochPoint> history, NeuralNetwork nn,
                             EarlyStoppingState earlyStopping) throws IOException {
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
        if (earlyStopping != null) {
            root.add("early_stopping", earlyStoppingJson(earlyStopping));
        }
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
        JsonObject model = JsonFields.object(root, "model", where);
        EarlyStoppingState early = root.has("early_stopping")
                ? readEarlyStopping(JsonFields.object(root, "early_stopping", where), epoch, model, where) : null;
        return new Contents(epoch, settings, history, model, early);
    }

    private static JsonObject earlyStoppingJson(EarlyStoppingState s) {
        JsonObject o = new JsonObject();
        o.addProperty("best_value", s.bestValue());
        o.addProperty("best_epoch", s.bestEpoch());
        o.addProperty("since_best", s.sinceBest());
        float[][] w = s.bestWeights();
        if (w != null) {
            JsonArray layers = new JsonArray(w.length / 2);
            for (int l = 0; l < w.length / 2; l++) {
                JsonObject layer = new JsonObject();
                layer.add("weights", JsonFields.toArray(w[2 * l]));
                layer.add("bias", JsonFields.toArray(w[2 * l + 1]));
                layers.add(layer);
            }
            o.add("best_layers", layers);
        }
        return o;
    }

    /** The "early_stopping" section, its best weights sized by the model's layer sizes before any is allocated. */
    private static EarlyStoppingState readEarlyStopping(JsonObject o, int epoch, JsonObject model, String where) {
        String w = where + ".early_stopping";
        double bestValue = JsonFields.number(o, "best_value", w);
        if (!Double.isFinite(bestValue)) {
            throw new ModelFormatException(w + ".best_value: expected a finite loss, got " + bestValue);
        }
        int bestEpoch = JsonFields.integer(o, "best_epoch", w, 1, Math.max(1, epoch));
        int sinceBest = JsonFields.integer(o, "since_best", w, 0, Integer.MAX_VALUE);
        if (bestEpoch + (long) sinceBest != epoch) {
            throw new ModelFormatException(w + ".since_best: best_epoch " + bestEpoch + " + since_best " + sinceBest
                    + " must be the checkpoint's epoch " + epoch);
        }
        float[][] best = null;
        if (o.has("best_layers")) {
            JsonArray sizes = JsonFields.array(model, "layerSizes", where + ".model");
            if (sizes.size() < 2 || sizes.size() > 1001) {
                throw new ModelFormatException(where + ".model.layerSizes: expected 2 to 1001 sizes, got " + sizes.size());
            }
            int[] n = new int[sizes.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = JsonFields.integer(sizes.get(i), where + ".model.layerSizes[" + i + "]", 1, ModelFile.MAX_LAYER_SIZE);
            }
            JsonArray layers = JsonFields.array(o, "best_layers", w);
            if (layers.size() != n.length - 1) {
                throw new ModelFormatException(w + ".best_layers: expected " + (n.length - 1) + " layers (as the model has), got "
                        + layers.size());
            }
            best = new float[2 * layers.size()][];
            for (int l = 0; l < layers.size(); l++) {
                String lw = w + ".best_layers[" + l + "]";
                if (!layers.get(l).isJsonObject()) {
                    throw new ModelFormatException(lw + ": expected an object, got " + JsonFields.kind(layers.get(l)));
                }
                JsonObject layer = layers.get(l).getAsJsonObject();
                long weights = (long) n[l + 1] * n[l];
                if (weights > JsonFields.MAX_ARRAY) {
                    throw new ModelFormatException(lw + ".weights: " + n[l + 1] + " × " + n[l] + " weights are too many");
                }
                best[2 * l] = JsonFields.floats(JsonFields.array(layer, "weights", lw), (int) weights, lw + ".weights");
                best[2 * l + 1] = JsonFields.floats(JsonFields.array(layer, "bias", lw), n[l + 1], lw + ".bias");
            }
        }
        return new EarlyStoppingState(bestValue, bestEpoch, sinceBest, best);
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
