package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
        Path launcher = Path.of("..", "toynn").toAbsolutePath().normalize();
        Path kill = Path.of("/bin/kill");
        assumeTrue(Files.isRegularFile(launcher) && Files.isExecutable(kill) && onPath("perl") && onPath("bash"),
                "needs the launcher, bash, perl and a POSIX kill; skipping");
        Path home = dir.resolve("toynn-home");
        Files.createDirectories(home.resolve("toynn-cli/target"));
        Files.copy(launcher, home.resolve("toynn"));
        writeJarOverClasspath(home.resolve("toynn-cli/target/toynn.jar"));

        Path out = dir.resolve("run");
        Path stderr = dir.resolve("stderr.txt");
        // perl: SIGINT back to its default (a background parent may have ignored it) and a process group
        // of its own, so that the kill below reaches exactly the launcher's processes, as Ctrl-C would.
        ProcessBuilder pb = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; setpgrp(0, 0); exec @ARGV",
                "bash", home.resolve("toynn").toString(), "train", "--epochs", "100000", "--layers", "16",
                "--quiet", "--out", out.toString())
                .redirectError(stderr.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.environment().put("TOYNN_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
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

    /** A jar whose manifest runs {@link Main} with this test run's class path. */
    private static void writeJarOverClasspath(Path jar) throws Exception {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
            }
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, m)) {
            j.flush();
        }
    }

    private static boolean checkpointExists(Path checkpoint) {
        try {
            return Files.exists(checkpoint) && Checkpoint.read(checkpoint).epoch() >= 1;
        } catch (Exception e) {
            return false;       // not written yet
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
