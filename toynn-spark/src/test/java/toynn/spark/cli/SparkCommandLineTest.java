package toynn.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.cli.Main;
import toynn.spark.LocalSpark;

/** {@code toynn ... --spark local[2]}: found through ServiceLoader, the same output as without Spark. */
class SparkCommandLineTest {
    record Result(int code, String out, String err) {
    }

    /** A command starts and stops its own Spark application; the tests' shared one must not be running. */
    @BeforeAll
    static void noSharedSession() {
        LocalSpark.stop();
    }

    static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The JSON lines without the model path (which names the output folder). */
    private static List<String> withoutPaths(String out, Path dir) {
        return out.lines().map(l -> l.replace(dir.toAbsolutePath().toString(), "OUT")).toList();
    }

    @Test
    void evolveOnSparkPrintsTheSameJsonAndSavesTheSameModel(@TempDir Path dir) throws Exception {
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        String[] common = {"evolve", "cartpole", "--population", "40", "--generations", "4", "--seed", "3", "--json"};
        Result a = run(concat(common, "--out", local.toString()));
        Result b = run(concat(common, "--out", spark.toString(), "--spark", "local[2]"));
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals(withoutPaths(a.out(), local), withoutPaths(b.out(), spark));
        assertEquals(5, b.out().lines().count(), b.out());
        assertArrayEquals(Files.readAllBytes(local.resolve("best.json")), Files.readAllBytes(spark.resolve("best.json")));
    }

    @Test
    void trainOnSparkReportsTheEpochsOfTrainingWithoutIt(@TempDir Path dir) {
        String[] common = {"train", "--data", "iris", "--epochs", "4", "--batch", "16", "--seed", "2", "--json"};
        Result a = run(concat(common, "--out", dir.resolve("local").toString()));
        Result b = run(concat(common, "--out", dir.resolve("spark").toString(), "--spark", "local[2]",
                "--spark-workers", "4"));
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        List<JsonObject> la = json(a.out());
        List<JsonObject> lb = json(b.out());
        assertEquals(5, lb.size(), b.out());
        for (int i = 0; i < la.size(); i++) {
            JsonObject x = la.get(i);
            JsonObject y = lb.get(i);
            assertEquals(x.get("event").getAsString(), y.get("event").getAsString());
            for (String key : List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "test_accuracy", "test_loss")) {
                if (x.has(key)) {
                    assertEquals(x.get(key).getAsDouble(), y.get(key).getAsDouble(), 1e-5, "line " + i + " " + key);
                }
            }
        }
    }

    @Test
    void aBatchThatDoesNotSplitOverTheWorkersIsRefused(@TempDir Path dir) {
        Result r = run("train", "--data", "iris", "--epochs", "1", "--batch", "10", "--out", dir.toString(), "--spark",
                "local[2]", "--spark-workers", "3");
        assertEquals(2, r.code());
        assertEquals("toynn: --batch 10 does not split evenly over 3 Spark workers; use a multiple of 3 (or set "
                + "--spark-workers)", r.err().lines().filter(l -> l.startsWith("toynn:")).findFirst().orElse(r.err()));
    }

    /** More workers than examples (iris: 120, 108 after --val-split) only deal empty shards: 5000 ran 5000 tasks a step. */
    @Test
    void moreWorkersThanExamplesAreRefused(@TempDir Path dir) {
        Result r = run("train", "--data", "iris", "--epochs", "1", "--batch", "1000", "--out", dir.toString(), "--spark",
                "local[2]", "--spark-workers", "5000");
        assertEquals(2, r.code());
        assertEquals("toynn: --spark-workers 5000 is more than the 108 examples to train on; expected at most 108",
                r.err().lines().filter(l -> l.startsWith("toynn:")).findFirst().orElse(r.err()));
    }

    @Test
    void earlyStoppingOnSparkResumesWherePatienceAndBestWeightsLeftOff(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        String[] common = {"--data", "iris", "--lr", "0.05", "--layers", "16", "--batch", "16", "--early-stop", "3",
            "--json", "--spark", "local[2]"};
        Result w = run(concat(new String[] {"train", "--epochs", "300", "--out", whole.toString()}, common));
        assertEquals(0, w.code(), w.err());
        JsonObject done = last(w.out());
        assertTrue(done.get("stopped_early").getAsBoolean(), "the setting must make early stopping trigger: " + done);
        int stop = done.get("epochs").getAsInt();
        JsonObject end = checkpointEarlyStopping(whole);
        assertEquals(3, end.get("since_best").getAsInt(), "the checkpoint carries Spark's early stopping: " + end);

        // interrupted one epoch before the stop, then resumed: the same stop, the same restored best weights
        Result first = run(concat(new String[] {"train", "--epochs", String.valueOf(stop - 1), "--out",
            parts.toString()}, common));
        assertEquals(0, first.code(), first.err());
        assertEquals(2, checkpointEarlyStopping(parts).get("since_best").getAsInt());
        Result r = run("train", "--resume", parts.resolve("checkpoint.json").toString(), "--epochs", "300", "--json",
                "--spark", "local[2]");
        assertEquals(0, r.code(), r.err());
        assertTrue(last(r.out()).get("stopped_early").getAsBoolean(), r.out());
        assertEquals(stop, last(r.out()).get("epochs").getAsInt(), "stops at the same epoch");
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.json")), Files.readAllBytes(parts.resolve("model.json")),
                "the resumed run restores the same best weights, bit for bit");
    }

    private static JsonObject last(String out) {
        List<JsonObject> lines = json(out);
        return lines.get(lines.size() - 1);
    }

    private static JsonObject checkpointEarlyStopping(Path out) throws java.io.IOException {
        JsonObject c = JsonParser.parseString(Files.readString(out.resolve("checkpoint.json"))).getAsJsonObject();
        assertTrue(c.has("early_stopping"), "checkpoint without early_stopping: " + c.keySet());
        return c.getAsJsonObject("early_stopping");
    }

    private static List<JsonObject> json(String out) {
        return out.lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void aMasterSparkCannotUseIsOneLineAndExitCode2(@TempDir Path dir) {
        Result r = run("evolve", "xor", "--generations", "1", "--out", dir.toString(), "--spark", "nonsense://x");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("toynn: cannot start Spark on 'nonsense://x': Could not parse Master URL"),
                r.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
