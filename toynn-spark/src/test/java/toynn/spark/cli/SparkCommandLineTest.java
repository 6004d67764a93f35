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
