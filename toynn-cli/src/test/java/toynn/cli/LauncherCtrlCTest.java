package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import toynn.cli.train.Checkpoint;

/**
 * Ctrl-C through the {@code ./toynn} launcher: a terminal sends SIGINT to the whole foreground process
 * group, so the launcher's stderr filter gets it too. The filter must outlive Java, or the line saying
 * which checkpoint was saved and how to {@code --resume} is lost. The launcher is run from a copy beside
 * a jar that points at this build's classes, so it does not rebuild anything.
 */
@Timeout(120)
class LauncherCtrlCTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCToTheWholeGroupStillShowsHowToResume() throws Exception {
        Path kill = Path.of("/bin/kill");
        assumeTrue(Files.isRegularFile(LauncherHome.launcher()) && Files.isExecutable(kill)
                        && LauncherHome.onPath("perl") != null && LauncherHome.onPath("bash") != null,
                "needs the launcher, bash, perl and a POSIX kill; skipping");
        Path home = dir.resolve("toynn-home");
        LauncherHome.create(home);

        Path out = dir.resolve("run");
        Path stderr = dir.resolve("stderr.txt");
        // perl: SIGINT back to its default (a background parent may have ignored it) and a process group
        // of its own, so that the kill below reaches exactly the launcher's processes, as Ctrl-C would.
        ProcessBuilder pb = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; setpgrp(0, 0); exec @ARGV",
                "bash", home.resolve("toynn").toString(), "train", "--epochs", "100000", "--layers", "16",
                "--quiet", "--out", out.toString())
                .redirectError(stderr.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.environment().put("TOYNN_JAVA", LauncherHome.java());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        Path checkpoint = out.resolve("checkpoint.json");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!checkpointExists(checkpoint)) {
                assertTrue(p.isAlive(), "training ended early: " + Files.readString(stderr));
                assertTrue(System.nanoTime() < deadline, "no checkpoint after 60 s: " + Files.readString(stderr));
                Thread.sleep(50);
            }
            new ProcessBuilder(kill.toString(), "-INT", "--", "-" + p.pid()).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "training did not stop on SIGINT");
        } finally {
            p.destroyForcibly();
        }
        // the filter writes what it read after Java has gone; give it a moment to drain
        String expected = "toynn: interrupted; continue with: toynn train --resume " + checkpoint;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(stderr).contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(stderr).contains(expected), Files.readString(stderr));
    }

    private static boolean checkpointExists(Path checkpoint) {
        try {
            return Files.exists(checkpoint) && Checkpoint.read(checkpoint).epoch() >= 1;
        } catch (Exception e) {
            return false;       // not written yet
        }
    }
}
