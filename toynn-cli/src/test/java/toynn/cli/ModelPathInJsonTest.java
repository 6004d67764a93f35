package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;

/**
 * The {@code "model"} of the {@code --json} done line is the path as the user gave it, as a fresh
 * {@code train} prints it ({@code "toynn-out/model.json"} in the README): a relative {@code --out} stays
 * relative after {@code train --resume} and in {@code evolve} too, which used to print it absolute.
 */
class ModelPathInJsonTest {
    @TempDir
    Path dir;

    /** {@code folder} relative to the working folder, as a user would type it. */
    private static Path relative(Path folder) {
        Path rel = Path.of("").toAbsolutePath().relativize(folder.toAbsolutePath());
        assertFalse(rel.isAbsolute(), rel.toString());
        return rel;
    }

    @Test
    void trainFreshAndResumedReportTheGivenPath() throws Exception {
        Path out = relative(dir.resolve("train"));
        Cli.Result fresh = Cli.run("train", "--epochs", "1", "--out", out.toString(), "--layers", "8", "--seed", "3",
                "--json");
        assertEquals(0, fresh.exitCode(), fresh.toString());
        assertEquals(out.resolve("model.json").toString(), TrainCommandTest.done(fresh).get("model").getAsString());

        Cli.Result resumed = Cli.run("train", "--resume", out.resolve("checkpoint.json").toString(), "--epochs", "2",
                "--json");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertEquals(out.resolve("model.json").toString(), TrainCommandTest.done(resumed).get("model").getAsString(),
                "beside the checkpoint, as the user named it");
        assertEquals(2, NeuralNetwork.load(out.resolve("model.json")).epochsTrained());
    }

    @Test
    void evolveReportsTheGivenPath() {
        Path out = relative(dir.resolve("evolve"));
        EvolveCommandTest.Result r = EvolveCommandTest.run("evolve", "xor", "--population", "10", "--generations", "2",
                "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String done = r.lines().get(r.lines().size() - 1);
        assertEquals(out.resolve("best.json").toString(),
                JsonParser.parseString(done).getAsJsonObject().get("model").getAsString());
        assertTrue(Files.isRegularFile(out.resolve("best.json")));
    }
}
