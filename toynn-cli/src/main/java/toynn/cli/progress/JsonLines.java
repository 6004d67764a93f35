package toynn.cli.progress;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.PrintStream;

/**
 * {@code --json}: one JSON object per line on stdout — {@code {"event":"epoch",...}} after every epoch;
 * the command prints its own last line ({@code "event":"done"}) with {@link #print}.
 */
public final class JsonLines implements TrainingReporter {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private final PrintStream out;

    /** Events go to {@code out}. */
    public JsonLines(PrintStream out) {
        this.out = out;
    }

    /** Prints one object on one line and flushes, so a reader sees each event as it happens. */
    public static void print(PrintStream out, JsonObject o) {
        out.println(GSON.toJson(o));
        out.flush();
    }

    /** Adds {@code key: value} unless the value is NaN or infinite (JSON has no such numbers). */
    public static void put(JsonObject o, String key, double value) {
        if (Double.isFinite(value)) {
            o.addProperty(key, value);
        }
    }

    @Override
    public void batch(int epoch, int epochs, int batch, int batches, double loss, double accuracy, double sps) {
        // Per-batch lines would drown the epochs; --json reports epochs only.
    }

    @Override
    public void epoch(EpochSummary s) {
        JsonObject o = new JsonObject();
        o.addProperty("event", "epoch");
        o.addProperty("epoch", s.epoch());
        o.addProperty("epochs", s.epochs());
        put(o, "loss", s.loss());
        put(o, "accuracy", s.accuracy());
        put(o, "val_loss", s.valLoss());
        put(o, "val_accuracy", s.valAccuracy());
        put(o, "samples_per_second", s.samplesPerSecond());
        put(o, "seconds", s.seconds());
        print(out, o);
    }

    @Override
    public void close() {
        out.flush();
    }
}
