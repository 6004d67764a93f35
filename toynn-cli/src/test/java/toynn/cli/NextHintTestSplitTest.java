package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Next:" hint repeats --test-split and --seed only where they pick the test set: not for xor, whose test
 * set is its own four rows (README: "the same rows"), where train ignores them too.
 */
class NextHintTestSplitTest {
    @TempDir
    Path dir;

    private static String next(Cli.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
        return r.outLines().stream().filter(l -> l.startsWith("Next: ")).findFirst().orElseThrow();
    }

    @Test
    void xorsFixedTestSetIsNotOfferedASplit() {
        Path out = dir.resolve("xor");
        String hint = next(Cli.run("train", "--data", "xor", "--layers", "4", "--epochs", "1", "--test-split", "0.3",
                "--seed", "5", "--out", out.toString()));
        assertEquals("Next: toynn evaluate --model " + out.resolve("model.json") + " --data xor", hint);
    }

    @Test
    void aSplitDataSetKeepsBoth() {
        Path out = dir.resolve("iris");
        String hint = next(Cli.run("train", "--data", "iris", "--layers", "4", "--epochs", "1", "--test-split", "0.3",
                "--seed", "5", "--out", out.toString()));
        assertEquals("Next: toynn evaluate --model " + out.resolve("model.json") + " --data iris --seed 5 --test-split 0.3",
                hint);
    }
}
