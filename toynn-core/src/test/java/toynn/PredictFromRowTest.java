package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.data.CsvReader;
import toynn.data.DataOptions;
import toynn.data.Normalizer;
import toynn.io.ModelFile;
import toynn.io.ModelFormatException;
import toynn.train.Adam;
import toynn.train.FitOptions;

/**
 * A network trained on a CSV with a text input column predicts from a raw row ({@code {"sepal": 5.1,
 * "color": "red"}}): before, the one-hot vector had to be built by hand, and a saved model did not keep
 * the input column names at all.
 */
class PredictFromRowTest {
    @TempDir
    Path dir;

    private DataSet data;
    private NeuralNetwork nn;

    @BeforeEach
    void fitOnCsv() throws Exception {
        Path csv = dir.resolve("flowers.csv");
        Files.writeString(csv, "sepal,color,species\n"
                + "5.1,red,a\n4.9,blue,a\n6.3,green,b\n5.8,red,b\n7.1,blue,b\n4.6,green,a\n");
        data = CsvReader.read(csv, DataOptions.create().labelColumn("species"));
        nn = NeuralNetwork.builder().inputs(4).dense(6, ActivationFunction.RELU)
                .dense(2, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Adam.of(0.01)).seed(3).build();
        nn.fit(data, FitOptions.create().epochs(20).batchSize(2));
    }

    @Test
    void fitRecordsTheColumnsAndARowPredictsAsItsOneHotArray() {
        assertEquals(List.of("sepal", "color=blue", "color=green", "color=red"), nn.inputColumns());
        double[] byHand = nn.predict(new double[] {5.1, 0, 0, 1});
        assertArrayEquals(byHand, nn.predict(Map.of("sepal", 5.1, "color", "red")));
        assertArrayEquals(byHand, nn.predict(Map.of("sepal", " 5.1 ", "color", " red")));   // text, as a CSV cell
        assertFalse(Arrays.equals(byHand, nn.predict(Map.of("sepal", 5.1, "color", "blue"))));
        assertEquals(nn.classify(new double[] {6.3, 0, 1, 0}), nn.classify(Map.of("sepal", 6.3f, "color", "green")));
        assertEquals(nn.inputColumns(), nn.copy().inputColumns());
    }

    @Test
    void aLoadedModelTakesRawRowsToo() throws Exception {
        nn.save(dir.resolve("m.json"));
        NeuralNetwork loaded = NeuralNetwork.load(dir.resolve("m.json"));
        assertEquals(nn.inputColumns(), loaded.inputColumns());
        assertArrayEquals(nn.predict(new double[] {4.9, 1, 0, 0}), loaded.predict(Map.of("sepal", 4.9, "color", "blue")));
    }

    @Test
    void theInputNormalizerIsAppliedAsPredictDoes() {
        nn.setInputNormalizer(Normalizer.fitInputs(Normalizer.Method.Z_SCORE, data));
        assertArrayEquals(nn.predict(new double[] {7.1, 0, 1, 0}), nn.predict(Map.of("sepal", 7.1, "color", "green")));
    }

    @Test
    void badRowsAreRefusedByName() {
        assertMessage("missing", () -> nn.predict(Map.of("sepal", 5.1)));
        assertMessage("\"color\" is missing", () -> nn.predict(Map.of("sepal", 5.1)));
        assertMessage("\"sepal\" is missing", () -> nn.predict(Map.of("color", "red")));
        assertMessage("unknown column \"petal\"", () -> nn.predict(Map.of("sepal", 5.1, "color", "red", "petal", 1)));
        assertMessage("unknown column \"color=red\"", () -> nn.predict(Map.of("sepal", 5.1, "color=red", 1)));
        assertMessage("\"purple\" was not seen in training; expected one of [blue, green, red]",
                () -> nn.classify(Map.of("sepal", 5.1, "color", "purple")));
        assertMessage("\"abc\" is not a number", () -> nn.predict(Map.of("sepal", "abc", "color", "red")));
        assertMessage("expected a Number", () -> nn.predict(Map.of("sepal", true, "color", "red")));
        assertMessage("expected a finite number", () -> nn.predict(Map.of("sepal", Double.NaN, "color", "red")));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("sepal", 5.1);
        withNull.put("color", null);
        assertMessage("\"color\" is null", () -> nn.predict(withNull));
        assertMessage("does not know its input column names",
                () -> new NeuralNetwork(4, 3, 2).predict(Map.of("sepal", 5.1, "color", "red")));
    }

    @Test
    void theSetterChecksTheNames() {
        NeuralNetwork n = new NeuralNetwork(3, 2, 1);
        assertMessage("2 input column names for 3 inputs", () -> n.setInputColumns(List.of("a", "b")));
        assertMessage("appears twice", () -> n.setInputColumns(List.of("a", "b", "a")));
        assertMessage("must not be null", () -> n.setInputColumns(Arrays.asList("a", null, "c")));
        assertMessage("both a numeric column and the one-hot group",
                () -> n.setInputColumns(List.of("c", "c=x", "c=y")));
        assertTrue(n.inputColumns().isEmpty());
        n.setInputColumns(List.of("a", "c=x", "c=y"));
        assertArrayEquals(n.predict(new double[] {2, 0, 1}), n.predict(Map.of("a", 2, "c", "y")));
        n.setInputColumns(List.of());
        assertTrue(n.inputColumns().isEmpty());
    }

    @Test
    void modelFilesWithoutTheKeyLoadAndBadListsAreRefused() {
        String json = ModelFile.write(nn);
        assertTrue(json.contains("\"inputColumns\""));
        String without = json.replaceAll("\"inputColumns\": \\[[^\\]]*\\],?", "");
        NeuralNetwork old = ModelFile.read(without);
        assertTrue(old.inputColumns().isEmpty());
        assertArrayEquals(nn.predict(new double[] {5.1, 0, 0, 1}), old.predict(new double[] {5.1, 0, 0, 1}));
        NeuralNetwork withUnknownKey = ModelFile.read(json.replaceFirst("\\{", "{ \"aKeyFromLater\": [1],"));
        assertEquals(nn.inputColumns(), withUnknownKey.inputColumns());   // why no new formatVersion was needed
        assertFile("3 names but the network has 4 inputs",
                json.replaceAll("\"inputColumns\": \\[[^\\]]*\\]", "\"inputColumns\": [\"a\", \"b\", \"c\"]"));
        assertFile("inputColumns[1]: expected a string",
                json.replaceAll("\"inputColumns\": \\[[^\\]]*\\]", "\"inputColumns\": [\"a\", 2, \"c\", \"d\"]"));
        assertFile("appears twice",
                json.replaceAll("\"inputColumns\": \\[[^\\]]*\\]", "\"inputColumns\": [\"a\", \"b\", \"a\", \"d\"]"));
        assertFile("inputColumns", json.replaceAll("\"inputColumns\": \\[[^\\]]*\\]", "\"inputColumns\": \"sepal\""));
    }

    private static void assertFile(String expected, String json) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
