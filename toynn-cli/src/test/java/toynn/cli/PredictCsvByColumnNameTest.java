package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.data.CsvReader;
import toynn.data.DataOptions;
import toynn.train.Adam;
import toynn.train.FitOptions;

/**
 * {@code toynn predict --csv} reads a file in the training file's layout by its header when the model knows
 * its input columns (a text column {@code color} for inputs {@code color=blue, ...}); before, every line had
 * to be the one-hot numbers in input order, so the training file itself could not be predicted.
 */
class PredictCsvByColumnNameTest {
    @TempDir
    Path dir;

    NeuralNetwork nn;
    Path model;
    Path training;

    @BeforeEach
    void trainOnACsvWithATextColumn() throws Exception {
        training = dir.resolve("flowers.csv");
        Files.writeString(training, "sepal,color,species\n"
                + "5.1,red,a\n4.9,blue,a\n6.3,green,b\n5.8,red,b\n7.1,blue,b\n4.6,green,a\n");
        DataSet data = CsvReader.read(training, DataOptions.create().labelColumn("species"));
        nn = NeuralNetwork.builder().inputs(4).dense(6, ActivationFunction.RELU)
                .dense(2, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Adam.of(0.01)).seed(3).build();
        nn.fit(data, FitOptions.create().epochs(20).batchSize(2));
        assertEquals(List.of("sepal", "color=blue", "color=green", "color=red"), nn.inputColumns());
        model = dir.resolve("model.json");
        nn.save(model);
    }

    private Path csv(String text) throws Exception {
        Path p = dir.resolve("in.csv");
        Files.writeString(p, text);
        return p;
    }

    private static void assertOutputs(double[] expected, String line) {
        JsonArray a = JsonParser.parseString(line).getAsJsonArray();
        float[] got = new float[a.size()];
        float[] want = new float[expected.length];
        for (int i = 0; i < got.length; i++) {
            got[i] = a.get(i).getAsFloat();
        }
        for (int i = 0; i < want.length; i++) {
            want[i] = (float) expected[i];
        }
        assertArrayEquals(want, got, line);
    }

    @Test
    void theTrainingFilePredictsDirectlyAndTheLabelColumnIsIgnoredAndSaidSo() {
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--csv", training.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(6, r.outLines().size(), r.out());
        assertOutputs(nn.predict(new double[] {5.1, 0, 0, 1}), r.outLines().get(0));   // red
        assertOutputs(nn.predict(new double[] {4.9, 1, 0, 0}), r.outLines().get(1));   // blue
        assertOutputs(nn.predict(new double[] {6.3, 0, 1, 0}), r.outLines().get(2));   // green
        assertEquals(List.of("toynn: " + training + ": ignoring column species (not an input of the model)"),
                r.errLines());
    }

    @Test
    void columnsAreTakenByNameInAnyOrderWithQuotesAndSpaces() throws Exception {
        Path p = csv(" color ,sepal\n\"green\", 6.3\nblue,7.1\n");
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--csv", p.toString(), "--labels");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(), r.errLines(), "no column ignored");
        assertEquals(2, r.outLines().size(), r.out());
        assertEquals(nn.classify(Map.of("sepal", 6.3, "color", "green")).get(0).label(),
                JsonParser.parseString(r.outLines().get(0)).getAsJsonObject().get("label").getAsString());
        assertEquals(nn.classify(Map.of("sepal", 7.1, "color", "blue")).get(0).label(),
                JsonParser.parseString(r.outLines().get(1)).getAsJsonObject().get("label").getAsString());
    }

    @Test
    void oneHotNumbersInInputOrderStillWork() throws Exception {
        for (String text : List.of("5.1,0,0,1\n", "sepal,color=blue,color=green,color=red\n5.1,0,0,1\n")) {
            Cli.Result r = Cli.run("predict", "--model", model.toString(), "--csv", csv(text).toString());
            assertEquals(0, r.exitCode(), text + r);
            assertOutputs(nn.predict(new double[] {5.1, 0, 0, 1}), r.outLines().get(0));
        }
    }

    @Test
    void badFilesAreOneLineNamingFileLineAndColumnAndNothingIsPrinted() throws Exception {
        String[][] cases = {
            {"sepal,species\n5.1,a\n", "line 1", "no column \"color\"", "[sepal, color]"},
            {"sepal,color\n5.1,red\n6.3,purple\n", "line 3, column 2 (color)", "'purple' was not seen in training",
                "[blue, green, red]"},
            {"sepal,color\n5.1,red\nbig,red\n", "line 3, column 1 (sepal)", "'big' is not a number"},
            {"sepal,color\n1e999,red\n", "line 2, column 1 (sepal)", "not a finite number"},
            {"sepal,color\n5.1,red\n5.1\n", "line 3 has 1 value but the header has 2 columns"},
            {"sepal,color,sepal\n5.1,red,5\n", "line 1, column 3", "\"sepal\" appears twice"},
            {"sepal,color\n", "holds a header but no rows"},
            {"sepal,color\n1e39,red\n", "line 2", "float32"},
        };
        for (String[] c : cases) {
            Path p = csv(c[0]);
            Cli.Result r = Cli.run("predict", "--model", model.toString(), "--csv", p.toString());
            String[] expected = new String[c.length];
            expected[0] = p.toString();
            System.arraycopy(c, 1, expected, 1, c.length - 1);
            MainTest.assertOneLineError(r, expected);
            assertEquals("", r.out(), "no outputs before the error: " + c[0]);
        }
    }

    @Test
    void inspectListsTheInputColumns() {
        Cli.Result r = Cli.run("inspect", "--model", model.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains("Input columns (4): sepal, color=blue, color=green, color=red"), r.out());
        Cli.Result unnamed = Cli.run("inspect", "--model", dirModelWithoutColumns().toString());
        assertTrue(unnamed.out().lines().noneMatch(l -> l.startsWith("Input columns")), unnamed.out());
    }

    private Path dirModelWithoutColumns() {
        Path p = dir.resolve("plain.json");
        try {
            NeuralNetwork.seeded(1, 4, 3, 2).save(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }
}
