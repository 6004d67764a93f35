package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;
import toynn.io.ModelFile;
import toynn.io.ModelFormats;

class ExportCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs through {@link Main#run}, as the command line does (its error handler included). */
    private int run(String... args) {
        Cli.Result r = Cli.run(args);
        out.write(r.out());
        err.write(r.err());
        return r.exitCode();
    }

    @Test
    void writesJavaAndProcessingFromAnyFormat() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 3, 4, 2);
        ModelFormats.write("onnx", nn, tmp.resolve("m.onnx"));
        assertEquals(0, run("export", "--model", tmp.resolve("m.onnx").toString(), "--java", "Brain", "--pde",
                "--out", tmp.resolve("out").toString()), err.toString());
        String java = Files.readString(tmp.resolve("out/Brain.java"));
        assertTrue(java.contains("public final class Brain {"));
        assertTrue(Files.readString(tmp.resolve("out/Brain.pde")).contains("class Brain {"));
        assertTrue(out.toString().contains("a 3-4-2 network, 26 parameters"), out.toString());
        // Same weights as the source network, written exactly.
        assertTrue(java.contains(Float.toString(nn.layers().get(0).weights()[0]) + "f"));
    }

    @Test
    void readsToyNNJsWithItsActivationOption() throws Exception {
        ModelFormats.write("toy-nn-js", NeuralNetwork.seeded(2, 2, 3, 1), tmp.resolve("m.json"));
        assertEquals(0, run("export", "--model", tmp.resolve("m.json").toString(), "--option", "activation=tanh",
                "--pde", "Xor", "--out", tmp.toString()), err.toString());
        assertTrue(Files.readString(tmp.resolve("Xor.pde")).contains("tanh"));
    }

    @Test
    void errorsAreOneLineWithExitCode2() throws Exception {
        assertEquals(2, run("export", "--model", tmp.resolve("missing.json").toString(), "--java", "Brain"));
        assertEquals("toynn: " + tmp.resolve("missing.json") + ": no such file or folder", err.toString().strip());
        // A truncated model file: where the JSON breaks, as predict and convert say (was "not a model file of a
        // known format").
        err.getBuffer().setLength(0);
        Path truncated = tmp.resolve("truncated.json");
        Files.writeString(truncated, ModelFile.write(NeuralNetwork.seeded(3, 2, 3, 1)).substring(0, 150));
        assertEquals(2, run("export", "--model", truncated.toString(), "--java", "Brain", "--out", tmp.toString()));
        assertTrue(err.toString().startsWith("toynn: " + truncated + ": not valid JSON (")
                && err.toString().contains("the file may be truncated"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(Files.notExists(tmp.resolve("Brain.java")));
        err.getBuffer().setLength(0);
        assertEquals(2, run("export", "--model", tmp.toString(), "--pde"));
        assertTrue(err.toString().contains("--pde needs a class name"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("export", "--model", tmp.toString()));
        assertTrue(err.toString().contains("nothing to write"), err.toString());
    }

    @Test
    void anOutThatIsAFileIsNamedWithWhatIsWrong() throws Exception {
        // Before: "toynn: /…/plain" and nothing else (the exception's message is only the path).
        NeuralNetwork.seeded(1, 3, 4, 2).save(tmp.resolve("m.json"));
        Path plain = Files.writeString(tmp.resolve("plain"), "a file");
        Cli.Result r = Cli.run("export", "--model", tmp.resolve("m.json").toString(), "--java", "Brain",
                "--out", plain.toString());
        MainTest.assertOneLineError(r, plain.toString(), "is a file, not a folder", "cannot write Brain.java inside it");
    }
}
