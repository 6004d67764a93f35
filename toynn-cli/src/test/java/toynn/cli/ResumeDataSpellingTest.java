package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume} with {@code --data}: the data is compared the way the command line reads it, so another
 * spelling of the same bundled set is no conflict, while paths stay case-sensitive.
 */
class ResumeDataSpellingTest {
    @TempDir
    Path dir;

    @Test
    void anotherSpellingOfTheSameBundledSetResumes() {
        Path out = dir.resolve("iris");
        assertEquals(0, Cli.run("train", "--data", "iris", "--layers", "4", "--epochs", "1", "--quiet",
                "--out", out.toString()).exitCode());
        String checkpoint = out.resolve("checkpoint.json").toString();
        Cli.Result r = Cli.run("train", "--resume", checkpoint, "--data", " IRIS ", "--epochs", "2", "--quiet");
        assertEquals(0, r.exitCode(), "IRIS is the iris the checkpoint trained on: " + r);
        MainTest.assertOneLineError(Cli.run("train", "--resume", checkpoint, "--data", "digits", "--epochs", "3"),
                "--data is digits where the checkpoint has iris");
    }

    @Test
    void aCsvPathKeepsItsCaseButTheKindDoesNot() throws Exception {
        Path csv = TrainCommandTest.housesCsv(dir);
        Path out = dir.resolve("houses");
        assertEquals(0, Cli.run("train", "--data", "csv:" + csv, "--label", "price", "--layers", "4", "--epochs", "1",
                "--quiet", "--out", out.toString()).exitCode());
        String checkpoint = out.resolve("checkpoint.json").toString();
        Cli.Result r = Cli.run("train", "--resume", checkpoint, "--data", "CSV:" + csv, "--epochs", "2", "--quiet");
        assertEquals(0, r.exitCode(), "CSV: is the csv: kind: " + r);
        String upper = csv.getParent().resolve("HOUSES.csv").toString();
        MainTest.assertOneLineError(Cli.run("train", "--resume", checkpoint, "--data", "csv:" + upper, "--epochs", "3"),
                "--data is csv:" + upper + " where the checkpoint has csv:" + csv);
    }
}
