package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toynn train --spark} where Spark cannot be opened (here: toynn-spark is not on the test class
 * path): the error is the only line on stderr. Run in a child JVM, because the false message this guards
 * against came from Ctrl-C's shutdown hook, left registered, when the JVM exited.
 */
class SparkOpenFailureTest {
    @TempDir
    Path dir;

    @Test
    void aSparkThatCannotOpenIsOneLineAndNoInterruptionHint() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--data", "xor", "--epochs", "1", "--quiet", "--spark", "local[1]",
                "--out", dir.resolve("run").toString())
                .redirectError(stderr.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not end");
        } finally {
            p.destroyForcibly();
        }
        List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("toynn:")).toList();
        assertEquals(2, p.exitValue(), err.toString());
        assertEquals(List.of("toynn: --spark needs the toynn-spark module and Apache Spark on the class path, and they "
                + "are not there; run through ./toynn, which adds them when --spark is given"), err);
    }
}
