package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's shared behaviour: help, version, and one-line errors with exit code 2. */
class MainTest {
    @TempDir
    Path dir;

    /** Asserts a run failed the way every error must: exit 2, one line on stderr starting "toynn: ". */
    static void assertOneLineError(Cli.Result r, String... mustContain) {
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.errLines().size(), "expected exactly one line on stderr: " + r);
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("toynn: "), line);
        assertFalse(line.contains("Exception"), "an exception class name leaked into the message: " + line);
        for (String s : mustContain) {
            assertTrue(line.contains(s), "'" + s + "' missing from: " + line);
        }
    }

    /** The kernels are prepared in the background only for command lines that will compute. */
    @Test
    void onlyComputingCommandsPrepareTheKernels() {
        for (String[] args : new String[][] {{}, {"train", "--data", "x.csv"}, {"bench", "--task", "t1"}, {"demo"},
                {"predict", "m.json", "1,2"}, {"evaluate", "m.json"}, {"evolve"}, {"--spark", "local[2]", "train"}}) {
            assertTrue(Main.computes(args), String.join(" ", args) + " computes");
        }
        for (String[] args : new String[][] {{"inspect", "m.json"}, {"convert", "a.json", "b.onnx"}, {"export", "m.json"},
                {"--help"}, {"train", "--help"}, {"-V"}, {"--version"}, {"help", "train"}}) {
            assertFalse(Main.computes(args), String.join(" ", args) + " does not compute");
        }
    }

    @Test
    void helpListsTheCommands() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.exitCode(), r.toString());
        for (String c : new String[] {"train", "evaluate", "predict", "convert", "inspect", "demo"}) {
            assertTrue(r.out().contains(c), c + " missing from help: " + r.out());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"train", "evaluate", "predict", "convert", "inspect", "demo"}) {
            Cli.Result r = Cli.run(c, "--help");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("Usage: toynn " + c), r.out());
        }
    }

    @Test
    void helpCommandShowsTheUsageOfToynnOrOfACommand() {
        Cli.Result all = Cli.run("help");
        assertEquals(0, all.exitCode(), all.toString());
        assertTrue(all.out().contains("Usage: toynn") && all.out().contains("evolve"), all.out());
        Cli.Result train = Cli.run("help", "train");
        assertEquals(0, train.exitCode(), train.toString());
        assertTrue(train.out().contains("Usage: toynn train") && train.out().contains("--epochs"), train.out());
        // an unknown NAME is named as `toynn NAME` names it (it said "Unknown subcommand 'trian'.;" and no more)
        Cli.Result typo = Cli.run("help", "trian");
        assertOneLineError(typo, "unknown command 'trian'; the commands are train, evaluate,", "did you mean 'train'?");
        assertEquals(Cli.run("trian").errLines(), typo.errLines(), "the same line as for `toynn trian`");
    }

    @Test
    void versionNamesTheLibrary() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("toynn "), r.out());
    }

    @Test
    void unknownCommandIsOneLineWithASuggestion() {
        Cli.Result r = Cli.run("inspcet");
        assertOneLineError(r, "unknown command 'inspcet'", "did you mean 'inspect'", "toynn --help");
    }

    @Test
    void theReadmesUnknownCommandExampleIsWhatIsPrinted() throws Exception {
        Path readme = Path.of("").toAbsolutePath().resolveSibling("README.md");
        String line = java.nio.file.Files.readAllLines(readme).stream()
                .filter(l -> l.startsWith("toynn: unknown command 'trian'")).findFirst().orElseThrow();
        assertEquals(line, Cli.run("trian").err().strip());
    }

    @Test
    void unknownOptionIsOneLineWithASuggestion() {
        Cli.Result r = Cli.run("inspect", "--modle", "x.json");
        assertOneLineError(r, "unknown option '--modle'", "'--model'", "toynn inspect --help");
    }

    @Test
    void missingRequiredOptionIsOneLine() {
        assertOneLineError(Cli.run("inspect"), "--model", "toynn inspect --help");
    }

    @Test
    void badOptionValueIsOneLine() {
        assertOneLineError(Cli.run("demo", "--seed", "many"), "many", "--seed");
    }

    @Test
    void debugAddsTheStackTrace() {
        Path missing = dir.resolve("missing.json");
        Cli.Result plain = Cli.run("inspect", "--model", missing.toString());
        assertOneLineError(plain, "cannot read " + missing, "no such file");
        Cli.Result debug = Cli.run("inspect", "--model", missing.toString(), "--debug");
        assertEquals(2, debug.exitCode());
        assertEquals(plain.errLines().get(0), debug.errLines().get(0));
        assertTrue(debug.errLines().size() > 3, "no stack trace with --debug: " + debug);
        assertTrue(debug.err().contains("\tat toynn."), debug.err());
    }

    @Test
    void runningOutOfMemoryIsOneLineNotTheJvmsStackTrace() {
        // A 40,000 × 40,000 weight matrix (6.4 GB of float32) is more than the tests' 4 GB heap: an
        // OutOfMemoryError as the network is built, which picocli does not catch.
        String[] args = {"train", "--layers", "40000,40000", "--epochs", "1", "--out", dir.toString()};
        assertOneLineError(Cli.run(args), "out of memory", "--layers", "-Xmx");
    }

    @Test
    void describeFoldsMessagesOntoOneLine() {
        assertEquals("a; b", ErrorHandler.oneLine("a\n  b\n"));
        assertTrue(ErrorHandler.describe(new NullPointerException("x")).contains("bug in ToyNN"));
        assertEquals("model: not valid JSON (malformed JSON at line 1 column 1 path $); truncated",
                ErrorHandler.oneLine("model: not valid JSON (com.google.gson.stream.MalformedJsonException: Use "
                        + "JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON at line 1 column 1 path $; "
                        + "See https://github.com/google/gson/blob/main/Troubleshooting.md#malformed-json); truncated"));
    }
}
