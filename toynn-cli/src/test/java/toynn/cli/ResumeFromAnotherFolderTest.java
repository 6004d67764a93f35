package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;

/**
 * {@code --resume} from another working folder than the run's, whose {@code --data} named its CSV by a
 * relative path: the data is found where the run found it, and training ends where the uninterrupted
 * run ends, bit for bit. (It failed with "r.csv does not exist", and giving --data with the full path
 * was refused as a different --data than the checkpoint's.) The first run is a child JVM started in
 * another folder; the resume runs in this one.
 */
class ResumeFromAnotherFolderTest {
    @TempDir
    Path dir;

    @Test
    void aRelativeCsvPathIsFoundFromAnyFolder() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path csv = TrainCommandTest.housesCsv(project);
        assertTrue(Files.notExists(Path.of(csv.getFileName().toString())), "the test needs another folder than this");
        String[] settings = {"--label", "price", "--layers", "4", "--lr", "0.01", "--quiet"};

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--data", "csv:houses.csv",
                "--epochs", "2", "--out", "run"));
        command.addAll(List.of(settings));
        Process p = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("first.txt").toFile()).start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the first run did not end");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("first.txt")));

        Path checkpoint = project.resolve("run").resolve("checkpoint.json");
        Cli.Result resumed = Cli.run("train", "--resume", checkpoint.toString(), "--epochs", "4", "--quiet");
        assertEquals(0, resumed.exitCode(), resumed.toString());

        String[] whole = new String[settings.length + 7];
        System.arraycopy(new String[] {"train", "--data", "csv:" + csv, "--epochs", "4", "--out",
                dir.resolve("whole").toString()}, 0, whole, 0, 7);
        System.arraycopy(settings, 0, whole, 7, settings.length);
        Cli.Result uninterrupted = Cli.run(whole);
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.toString());
        NeuralNetwork a = NeuralNetwork.load(project.resolve("run").resolve("model.json"));
        NeuralNetwork b = NeuralNetwork.load(dir.resolve("whole").resolve("model.json"));
        assertEquals(4, a.epochsTrained());
        for (int l = 0; l < a.layers().size(); l++) {
            assertArrayEquals(b.layers().get(l).weights(), a.layers().get(l).weights(), "layer " + l);
            assertArrayEquals(b.layers().get(l).bias(), a.layers().get(l).bias(), "layer " + l);
        }
    }

    /**
     * The run named its CSV relatively from its folder; resuming from here with --data naming the same file by
     * its full path is the same --data (it was refused as "--data is csv:/…/houses.csv where the checkpoint has
     * csv:houses.csv"), and a different file is still refused.
     */
    @Test
    void theFullPathOfTheRunsFileIsTheSameData() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path csv = TrainCommandTest.housesCsv(project);
        Path out = dir.resolve("run");
        Cli.Result first = Cli.run("train", "--data", "csv:" + csv, "--label", "price", "--layers", "4", "--epochs", "2",
                "--out", out.toString(), "--quiet");
        assertEquals(0, first.exitCode(), first.toString());
        // As if the run had been started in project/ with --data csv:houses.csv.
        Path checkpoint = out.resolve("checkpoint.json");
        com.google.gson.JsonObject root = com.google.gson.JsonParser.parseString(Files.readString(checkpoint))
                .getAsJsonObject();
        com.google.gson.JsonObject settings = root.getAsJsonObject("settings");
        settings.addProperty("data", "csv:houses.csv");
        settings.addProperty("working_dir", project.toAbsolutePath().toString());
        Files.writeString(checkpoint, root.toString());

        Path other = Files.writeString(dir.resolve("other.csv"), Files.readString(csv));
        Cli.Result refused = Cli.run("train", "--resume", checkpoint.toString(), "--data", "csv:" + other,
                "--epochs", "3", "--quiet");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("--data is csv:" + other), refused.toString());

        Cli.Result resumed = Cli.run("train", "--resume", checkpoint.toString(), "--data",
                "csv:" + csv.toAbsolutePath(), "--epochs", "3", "--quiet");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertEquals(3, NeuralNetwork.load(out.resolve("model.json")).epochsTrained());
    }
}
