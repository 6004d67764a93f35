package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.cli.train.Checkpoint;

/**
 * Ctrl-C during {@code toynn train}: run in a child JVM, interrupted with SIGINT once checkpoints
 * exist; the checkpoint left behind is complete, the message says how to continue, and
 * {@code --resume} continues from it.
 */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCLeavesTheLastCheckpointIntactAndResumable() throws Exception {
        Path kill = Path.of("/bin/kill");
        assumeTrue(Files.isExecutable(kill) && !System.getProperty("os.name").startsWith("Windows"),
                "needs a POSIX kill to send SIGINT; skipping");
        Path out = dir.resolve("run");
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--epochs", "100000", "--layers", "16", "--quiet", "--out", out.toString())
                .redirectError(stderr.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        Path checkpoint = out.resolve("checkpoint.json");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!checkpointAtLeast(checkpoint, 3)) {
                assertTrue(p.isAlive(), "training ended early: " + Files.readString(stderr));
                assertTrue(System.nanoTime() < deadline, "no checkpoint after 60 s");
                Thread.sleep(50);
            }
            new ProcessBuilder(kill.toString(), "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "training did not stop on SIGINT");
        } finally {
            p.destroyForcibly();
        }
        List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        assertTrue(err.contains("toynn: interrupted; continue with: toynn train --resume " + checkpoint), err.toString());
        Checkpoint.Contents c = Checkpoint.read(checkpoint);         // complete and readable
        assertTrue(c.epoch() >= 3, "epoch " + c.epoch());
        assertEquals(c.epoch(), c.history().size());

        Cli.Result r = Cli.run("train", "--resume", checkpoint.toString(), "--epochs", String.valueOf(c.epoch() + 1),
                "--json");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"epoch\":" + (c.epoch() + 1)), r.out());
        assertEquals(c.epoch() + 1, Checkpoint.read(checkpoint).epoch());
    }

    private static boolean checkpointAtLeast(Path checkpoint, int epochs) {
        try {
            return Files.exists(checkpoint) && Checkpoint.read(checkpoint).epoch() >= epochs;
        } catch (Exception e) {
            return false;       // not written yet
        }
    }
}
