package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;
import toynn.cli.train.Checkpoint;
import toynn.io.ModelFile;

/**
 * A {@code toynn train} process killed mid-run loses nothing but the epoch it was in: killed with
 * SIGKILL (no code runs) after its first checkpoint, or stopped with SIGINT (Ctrl-C) between two
 * periodic checkpoints, and then continued with {@code --resume}, it writes the same model file, bit
 * for bit, as a run that was never interrupted.
 */
@Timeout(300)
class CrashResumeTest {
    private static final int EPOCHS = 12;   // epochs 5–12 leave the signal ample time to land mid-run

    @TempDir
    Path dir;

    @Test
    void sigkillAfterTheFirstCheckpointThenResumeGivesTheUninterruptedModel() throws Exception {
        assumeTrue(isPosix(), "Process.destroyForcibly sends SIGKILL on POSIX systems only; skipping");
        Path reference = uninterrupted();

        Path out = dir.resolve("killed");
        Path checkpoint = out.resolve("checkpoint.json");
        Process p = child(out, "--checkpoint-every", "1", "--quiet");
        int epochAtKill;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((epochAtKill = checkpointEpoch(checkpoint)) < 1) {
                assertTrue(p.isAlive(), "training ended before its first checkpoint: " + stderr(out));
                assertTrue(System.nanoTime() < deadline, "no checkpoint after 120 s");
                Thread.sleep(5);
            }
            p.destroyForcibly();                                  // SIGKILL: no shutdown hook, no last write
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(128 + 9, p.exitValue(), "killed by SIGKILL");
        assertFalse(Files.exists(out.resolve("model.json")), "the run was killed before it finished");
        Checkpoint.Contents left = Checkpoint.read(checkpoint);  // complete and readable
        assertTrue(left.epoch() >= epochAtKill && left.epoch() < EPOCHS, "checkpoint epoch " + left.epoch());

        resume(checkpoint);
        assertSameModel(reference, out.resolve("model.json"));
    }

    @Test
    void ctrlCBetweenPeriodicCheckpointsSavesTheLastFinishedEpoch() throws Exception {
        Path kill = Path.of("/bin/kill");
        assumeTrue(isPosix() && Files.isExecutable(kill), "needs a POSIX kill to send SIGINT; skipping");
        Path reference = uninterrupted();

        Path out = dir.resolve("interrupted");
        Path checkpoint = out.resolve("checkpoint.json");
        Process p = child(out, "--checkpoint-every", "3", "--json");  // periodic checkpoints at epochs 3, 6, 9, 12
        int finished = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && finished < 4; line = lines.readLine()) {
                if (line.contains("\"event\":\"epoch\"")) {
                    finished = Integer.parseInt(line.replaceAll(".*\"epoch\":(\\d+).*", "$1"));
                }
            }
            assertEquals(4, finished, "epoch 4 did not finish: " + stderr(out));
            new ProcessBuilder(kill.toString(), "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "training did not stop on SIGINT");
        } finally {
            p.destroyForcibly();
        }
        String err = stderr(out);
        assertTrue(err.contains("toynn: interrupted; continue with: toynn train --resume " + checkpoint), err);
        Checkpoint.Contents left = Checkpoint.read(checkpoint);
        assertTrue(left.epoch() >= 4, "Ctrl-C after epoch 4 must save epoch 4 (or later), not the periodic epoch 3; got "
                + left.epoch());
        assertEquals(left.epoch(), left.history().size());
        if (left.epoch() < EPOCHS) {
            resume(checkpoint);
            assertSameModel(reference, out.resolve("model.json"));
        } else {
            // The signal landed after the last epoch: the final checkpoint holds the finished network.
            assertSameNetwork(ModelFile.load(reference), left.network(checkpoint.toString()));
        }
    }

    /** The uninterrupted run, in this JVM; returns its model file. */
    private Path uninterrupted() {
        Path out = dir.resolve("uninterrupted");
        List<String> args = new ArrayList<>(trainArgs(out));
        args.add("--quiet");
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        return out.resolve("model.json");
    }

    /** Enough work per epoch that a kill after the first checkpoint lands mid-run. */
    private static List<String> trainArgs(Path out) {
        return List.of("train", "--data", "digits", "--layers", "256,128", "--epochs", Integer.toString(EPOCHS),
                "--batch", "16", "--seed", "11", "--out", out.toString());
    }

    private Process child(Path out, String... extra) throws IOException {
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(trainArgs(out));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectError(out.resolve("stderr.txt").toFile()).start();
    }

    private static void resume(Path checkpoint) {
        Cli.Result r = Cli.run("train", "--resume", checkpoint.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
    }

    private static void assertSameModel(Path expected, Path actual) throws IOException {
        assertSameNetwork(ModelFile.load(expected), ModelFile.load(actual));
        assertEquals(Files.readString(expected), Files.readString(actual), "the whole model file, optimizer state too");
    }

    private static void assertSameNetwork(NeuralNetwork a, NeuralNetwork b) {
        assertEquals(a.epochsTrained(), b.epochsTrained());
        for (int l = 0; l < a.layers().size(); l++) {
            assertArrayEquals(a.layers().get(l).weights(), b.layers().get(l).weights(), "layer " + l + " weights");
            assertArrayEquals(a.layers().get(l).bias(), b.layers().get(l).bias(), "layer " + l + " biases");
        }
    }

    private static int checkpointEpoch(Path checkpoint) {
        try {
            return Files.exists(checkpoint) ? Checkpoint.read(checkpoint).epoch() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static String stderr(Path out) throws IOException {
        Path f = out.resolve("stderr.txt");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private static boolean isPosix() {
        return !System.getProperty("os.name").startsWith("Windows");
    }
}
