package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C before a fresh run's first epoch ends, in an {@code --out} that holds an earlier run's
 * checkpoint: that checkpoint is not this run's, so the message must not offer it for {@code --resume}
 * (resuming it would continue the other run). Run in a child JVM, interrupted with SIGINT.
 */
class InterruptBeforeFirstEpochTest {
    @TempDir
    Path dir;

    @Test
    void anEarlierRunsCheckpointIsNotOfferedForResume() throws Exception {
        Path kill = Path.of("/bin/kill");
        assumeTrue(Files.isExecutable(kill) && !System.getProperty("os.name").startsWith("Windows"),
                "needs a POSIX kill to send SIGINT; skipping");
        Path out = dir.resolve("run");
        Cli.Result earlier = Cli.run("train", "--data", "xor", "--epochs", "1", "--quiet", "--out", out.toString());
        assertTrue(earlier.exitCode() == 0, earlier.toString());
        Path checkpoint = out.resolve("checkpoint.json");
        byte[] before = Files.readAllBytes(checkpoint);

        // A first epoch of many seconds: digits one example at a time through two wide layers.
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--layers", "1024,1024", "--batch", "1", "--epochs", "1",
                "--out", out.toString())
                .redirectError(stderr.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(stderr, StandardCharsets.UTF_8).contains("Training ")) {  // the run's header
                assertTrue(p.isAlive(), "training ended early: " + Files.readString(stderr));
                assertTrue(System.nanoTime() < deadline, "no header after 60 s");
                Thread.sleep(20);
            }
            Thread.sleep(500);                          // past the header: the Ctrl-C handler is in place
            new ProcessBuilder(kill.toString(), "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "training did not stop on SIGINT");
        } finally {
            p.destroyForcibly();
        }
        assumeTrue(Arrays.equals(before, Files.readAllBytes(checkpoint)),
                "the first epoch ended before the interrupt; nothing to check");
        List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        assertTrue(err.contains("toynn: interrupted before the first epoch ended; nothing was saved"), err.toString());
        assertFalse(err.stream().anyMatch(l -> l.contains("--resume")), err.toString());
        assertArrayEquals(before, Files.readAllBytes(checkpoint), "the earlier checkpoint is left as it was");
    }
}
