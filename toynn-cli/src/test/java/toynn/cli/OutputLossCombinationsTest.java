package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toynn train}'s output activation and loss combinations that would train a model that learns
 * nothing — a softmax over one output (always 1), categorical cross-entropy after sigmoid (every output
 * is pushed to 1) — are refused in one line naming the options, before anything is written; the
 * working combinations still train.
 */
class OutputLossCombinationsTest {
    @TempDir
    Path dir;

    @Test
    void combinationsThatLearnNothingAreRefused() {
        Path out = dir.resolve("out");
        MainTest.assertOneLineError(Cli.run("train", "--data", "xor", "--output-activation", "softmax", "--epochs", "1",
                "--out", out.toString()), "--output-activation softmax", "two or more outputs", "xor", "sigmoid");
        MainTest.assertOneLineError(Cli.run("train", "--data", "xor", "--loss", "cross_entropy", "--epochs", "1",
                "--out", out.toString()), "--loss cross_entropy", "--output-activation sigmoid", "binary_cross_entropy");
        MainTest.assertOneLineError(Cli.run("train", "--data", "iris", "--output-activation", "sigmoid", "--epochs", "1",
                "--out", out.toString()), "--loss cross_entropy", "--output-activation sigmoid", "softmax");
        assertFalse(Files.exists(out.resolve("model.json")), "nothing is trained");
    }

    @Test
    void theWorkingCombinationsStillTrain() {
        for (String[] args : new String[][] {
                {"--data", "xor", "--output-activation", "sigmoid", "--loss", "binary_cross_entropy"},
                {"--data", "xor", "--output-activation", "sigmoid", "--loss", "mse"},
                {"--data", "iris", "--output-activation", "sigmoid", "--loss", "binary_cross_entropy"},
                {"--data", "iris", "--output-activation", "softmax", "--loss", "cross_entropy"}}) {
            String[] all = new String[args.length + 6];
            System.arraycopy(args, 0, all, 1, args.length);
            all[0] = "train";
            System.arraycopy(new String[] {"--epochs", "1", "--quiet", "--out", dir.resolve("ok").toString()}, 0, all,
                    args.length + 1, 5);
            Cli.Result r = Cli.run(all);
            assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r);
        }
    }
}
