package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of different kinds into one {@code --out}: a plot the later run does not draw is not left from
 * the earlier run beside the later model (digits' mistakes beside an iris model, a confusion matrix
 * beside a regression).
 */
class StalePlotsTest {
    @TempDir
    Path dir;

    @Test
    void aLaterRunLeavesNoPlotOfAnEarlierOne() throws Exception {
        Path out = dir.resolve("out");
        Cli.Result digits = Cli.run("train", "--data", "digits", "--layers", "8", "--epochs", "1", "--quiet",
                "--out", out.toString());
        assertEquals(0, digits.exitCode(), digits.toString());
        assertTrue(Files.exists(out.resolve("mistakes.png")) && Files.exists(out.resolve("confusion.png")));

        Cli.Result iris = Cli.run("train", "--data", "iris", "--layers", "4", "--epochs", "1", "--quiet",
                "--out", out.toString());
        assertEquals(0, iris.exitCode(), iris.toString());
        assertFalse(Files.exists(out.resolve("mistakes.png")), "digits' mistakes beside the iris model");
        assertFalse(iris.out().contains("mistakes.png"), iris.out());
        TrainCommandTest.assertPlot(out.resolve("confusion.png"));

        Path csv = TrainCommandTest.housesCsv(dir);
        Cli.Result houses = Cli.run("train", "--data", "csv:" + csv, "--label", "price", "--layers", "4", "--epochs", "1",
                "--quiet", "--out", out.toString());
        assertEquals(0, houses.exitCode(), houses.toString());
        assertFalse(Files.exists(out.resolve("confusion.png")), "iris' confusion matrix beside the regression model");
        TrainCommandTest.assertPlot(out.resolve("training.png"));
    }
}
