package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary line of a resumed {@code toynn train} says which epochs this call ran, not the total. */
class ResumedSummaryTest {
    @TempDir
    Path dir;

    private static String summary(Cli.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
        return r.outLines().get(0);
    }

    @Test
    void aResumedRunNamesTheEpochsItRan() {
        Path out = dir.resolve("iris");
        String fresh = summary(Cli.run("train", "--data", "iris", "--layers", "4", "--epochs", "2", "--out",
                out.toString()));
        assertTrue(fresh.matches(".* — 2 epochs in [0-9.]+ s"), "a fresh run counts all its epochs: " + fresh);
        String checkpoint = out.resolve("checkpoint.json").toString();
        String three = summary(Cli.run("train", "--resume", checkpoint, "--epochs", "5"));
        assertTrue(three.matches(".* — epochs 3–5 in [0-9.]+ s"), "3 of the 5 epochs ran in this call: " + three);
        String one = summary(Cli.run("train", "--resume", checkpoint, "--epochs", "6"));
        assertTrue(one.matches(".* — epoch 6 in [0-9.]+ s"), "only epoch 6 ran in this call: " + one);
    }
}
