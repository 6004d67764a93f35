package toynn.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the {@code toynn} command line in this process, capturing stdout, stderr and the exit code. */
final class Cli {
    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        /** Stdout split into lines. */
        List<String> outLines() {
            return out.lines().toList();
        }

        /** Stderr split into lines. */
        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** Runs {@code toynn args...}. */
    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(o, e, args);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The fixture files: the copy in toynn-core's test resources, else {@code shared/fixtures} beside the
     * repository, or null when neither exists.
     */
    static Path fixtures() {
        Path copy = Path.of("").toAbsolutePath().resolveSibling("toynn-core").resolve("src/test/resources/fixtures");
        if (Files.isDirectory(copy)) {
            return copy;
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(f)) {
                return f;
            }
        }
        return null;
    }
}
