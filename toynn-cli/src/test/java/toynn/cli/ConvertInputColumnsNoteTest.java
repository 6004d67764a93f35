package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;

/**
 * Only ToyNN files record the input column names: converting to another format says they are left out, as
 * it does for class names and the image size, instead of dropping them silently (read back, predict --csv
 * would take a header file's numbers in file order rather than by name).
 */
class ConvertInputColumnsNoteTest {
    @TempDir
    Path dir;

    @Test
    void convertSaysTheInputColumnsAreLeftOut() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(14, 3, 4, 2);
        nn.setInputColumns(List.of("sepal", "color=blue", "color=red"));
        Path toynn = dir.resolve("named.json");
        nn.save(toynn);
        for (String format : List.of("toy-nn-js", "tfjs", "onnx")) {
            Path out = dir.resolve("named." + format);
            Cli.Result r = Cli.run("convert", toynn.toString(), "--to", format, out.toString());
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.err().contains("toynn: note: " + format + " files do not hold the input column names, so "
                    + "[sepal, color=blue, color=red] are not in " + out), r.toString());
        }
        Path copy = dir.resolve("copy.json");
        Cli.Result kept = Cli.run("convert", toynn.toString(), "--to", "toynn", copy.toString());
        assertEquals(0, kept.exitCode(), kept.toString());
        assertFalse(kept.err().contains("input column names"), "ToyNN files keep them: " + kept);
        assertEquals(nn.inputColumns(), NeuralNetwork.load(copy).inputColumns());
    }
}
