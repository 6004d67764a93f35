package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toynn.Messages.assertMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.util.Rng;

/**
 * Reading and writing Toy-Neural-Network-JS's {@code serialize()} format: the real files in
 * {@code shared/fixtures/toy-nn-js} (outputs recorded by that library), round trips, and corrupt files.
 */
class ToyNNJsFormatTest {
    private static final List<String> MODELS =
            List.of("color-3-6-2", "random-5-8-3-untrained", "tanh-4-7-2", "xor-2-4-1");

    @Test
    void everyFixtureModelPredictsTheRecordedOutputs() throws IOException {
        Path dir = Fixtures.copy("toy-nn-js");
        List<Path> models = Fixtures.list(dir, ".model.json");
        List<String> names = models.stream().map(p -> p.getFileName().toString().replace(".model.json", "")).toList();
        assertTrue(names.containsAll(MODELS), "fixture copy lacks models: " + names);
        for (Path model : models) {
            String name = model.getFileName().toString().replace(".model.json", "");
            JsonObject expected = JsonParser.parseString(Files.readString(dir.resolve(name + ".expected.json")))
                    .getAsJsonObject();
            ActivationFunction f = ActivationFunction.byName(expected.get("activation").getAsString());
            NeuralNetwork nn = NeuralNetwork.fromToyNNJs(Files.readString(model), f);
            JsonObject file = JsonParser.parseString(Files.readString(model)).getAsJsonObject();
            assertArrayEquals(new int[] {file.get("input_nodes").getAsInt(), file.get("hidden_nodes").getAsInt(),
                    file.get("output_nodes").getAsInt()}, nn.layerSizes(), name);
            assertEquals(file.get("learning_rate").getAsDouble(), nn.getLearningRate(), name + " learning rate");
            JsonArray inputs = expected.getAsJsonArray("inputs");
            JsonArray outputs = expected.getAsJsonArray("outputs");
            assertEquals(inputs.size(), outputs.size());
            assertTrue(inputs.size() > 0, name + " has no recorded inputs");
            for (int s = 0; s < inputs.size(); s++) {
                double[] x = doubles(inputs.get(s));
                double[] want = doubles(outputs.get(s));
                double[] got = nn.predict(x);
                assertEquals(want.length, got.length);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-5, name + " sample " + s + " output " + i);
                }
            }
        }
    }

    /** The copy in the test resources must not drift from shared/fixtures (checked where that folder exists). */
    @Test
    void fixtureCopyEqualsSharedFixtures() throws IOException {
        Path shared = Fixtures.shared("toy-nn-js");
        Assumptions.assumeTrue(shared != null, "shared/fixtures/toy-nn-js not found above the working directory");
        Path copy = Fixtures.copy("toy-nn-js");
        List<Path> originals = Fixtures.list(shared, ".json");
        assertEquals(originals.stream().map(p -> p.getFileName().toString()).toList(),
                Fixtures.list(copy, ".json").stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : originals) {
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(copy.resolve(p.getFileName().toString())),
                    "test resource copy of " + p.getFileName() + " differs from " + p);
        }
    }

    @Test
    void writtenFileHasTheShapeOfSerialize() {
        NeuralNetwork nn = NeuralNetwork.seeded(3, 3, 4, 2);
        JsonObject js = JsonParser.parseString(nn.toToyNNJs()).getAsJsonObject();
        assertEquals(3, js.get("input_nodes").getAsInt());
        assertEquals(4, js.get("hidden_nodes").getAsInt());
        assertEquals(2, js.get("output_nodes").getAsInt());
        assertMatrix(js, "weights_ih", 4, 3, nn.layers().get(0).weights());
        assertMatrix(js, "weights_ho", 2, 4, nn.layers().get(1).weights());
        assertMatrix(js, "bias_h", 4, 1, nn.layers().get(0).bias());
        assertMatrix(js, "bias_o", 2, 1, nn.layers().get(1).bias());
        assertEquals(0.1, js.get("learning_rate").getAsDouble());
        assertEquals(new JsonObject(), js.get("activation_function"));
    }

    @Test
    void roundTripPredictsIdenticallyAndKeepsTheLearningRate() {
        for (ActivationFunction f : List.of(ActivationFunction.SIGMOID, ActivationFunction.TANH,
                ActivationFunction.RELU)) {
            NeuralNetwork nn = NeuralNetwork.seeded(9, 5, 8, 3);
            nn.setActivationFunction(f);
            nn.setLearningRate(0.0375);
            NeuralNetwork back = NeuralNetwork.fromToyNNJs(nn.toToyNNJs(), f);
            assertEquals(0.0375, back.getLearningRate());
            assertEquals(f, back.getActivationFunction());
            Rng rng = new Rng(1);
            for (int s = 0; s < 20; s++) {
                float[] x = new float[5];
                for (int i = 0; i < 5; i++) {
                    x[i] = (float) rng.uniform(-2, 2);
                }
                assertArrayEquals(nn.predict(x), back.predict(x), f.name() + " sample " + s);
            }
        }
    }

    @Test
    void fixtureSurvivesReadWriteRead() throws IOException {
        Path model = Fixtures.copy("toy-nn-js").resolve("tanh-4-7-2.model.json");
        NeuralNetwork a = NeuralNetwork.fromToyNNJs(Files.readString(model), ActivationFunction.TANH);
        NeuralNetwork b = NeuralNetwork.fromToyNNJs(a.toToyNNJs(), ActivationFunction.TANH);
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.layers().get(l).weights(), b.layers().get(l).weights());
            assertArrayEquals(a.layers().get(l).bias(), b.layers().get(l).bias());
        }
    }

    @Test
    void deepNetworkCannotBeWrittenInThatFormat() {
        NeuralNetwork deep = NeuralNetwork.seeded(1, 4, 5, 6, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, deep::toToyNNJs);
        assertMessage(e, "exactly one hidden layer", "has 2 hidden layers", "save(Path)");
        IllegalStateException noHidden = assertThrows(IllegalStateException.class,
                () -> NeuralNetwork.seeded(1, 4, 2).toToyNNJs());
        assertMessage(noHidden, "has 0 hidden layers");
    }

    @Test
    void mixedActivationsCannotBeWrittenInThatFormat() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);
        nn.setActivationFunction(1, ActivationFunction.LINEAR);
        assertMessage(assertThrows(IllegalStateException.class, nn::toToyNNJs),
                "one activation for both layers", "sigmoid then linear");
    }

    // ------------------------------------------------------------------ corrupt files

    private static String valid() {
        return NeuralNetwork.seeded(2, 2, 3, 1).toToyNNJs();
    }

    private static JsonObject validTree() {
        return JsonParser.parseString(valid()).getAsJsonObject();
    }

    private static ModelFormatException readFails(String json) {
        return assertThrows(ModelFormatException.class, () -> NeuralNetwork.fromToyNNJs(json, ActivationFunction.SIGMOID));
    }

    @Test
    void truncatedFile() {
        String json = valid();
        assertMessage(readFails(json.substring(0, json.length() / 2)), "not valid JSON", "truncated");
        assertMessage(readFails(""), "not valid JSON");
        assertMessage(readFails("[1, 2]"), "expected a JSON object", "an array");
    }

    @Test
    void missingField() {
        JsonObject o = validTree();
        o.remove("weights_ho");
        assertMessage(readFails(o.toString()), "missing field \"weights_ho\"");
        JsonObject noRows = validTree();
        noRows.getAsJsonObject("bias_h").remove("rows");
        assertMessage(readFails(noRows.toString()), "bias_h", "missing field \"rows\"");
    }

    @Test
    void wrongTypes() {
        JsonObject o = validTree();
        o.addProperty("input_nodes", "two");
        assertMessage(readFails(o.toString()), "input_nodes", "expected a number", "\"two\"");
        JsonObject m = validTree();
        m.addProperty("weights_ih", 5);
        assertMessage(readFails(m.toString()), "weights_ih", "expected an object");
        JsonObject d = validTree();
        d.getAsJsonObject("weights_ho").getAsJsonArray("data").get(0).getAsJsonArray().set(1, new com.google.gson.JsonPrimitive("x"));
        assertMessage(readFails(d.toString()), "weights_ho.data[0][1]", "expected a number");
        JsonObject r = validTree();
        r.getAsJsonObject("weights_ih").getAsJsonArray("data").set(0, new com.google.gson.JsonPrimitive(1));
        assertMessage(readFails(r.toString()), "weights_ih.data[0]", "expected an array of 2 numbers");
        JsonObject lr = validTree();
        lr.addProperty("learning_rate", "fast");
        assertMessage(readFails(lr.toString()), "learning_rate", "expected a number");
        JsonObject frac = validTree();
        frac.addProperty("hidden_nodes", 2.5);
        assertMessage(readFails(frac.toString()), "hidden_nodes", "expected a whole number");
    }

    @Test
    void negativeAndZeroSizes() {
        JsonObject o = validTree();
        o.addProperty("hidden_nodes", -3);
        assertMessage(readFails(o.toString()), "hidden_nodes", "-3 is out of range", "expected 1 to");
        JsonObject z = validTree();
        z.addProperty("output_nodes", 0);
        assertMessage(readFails(z.toString()), "output_nodes", "0 is out of range");
    }

    @Test
    void absurdSizesFailBeforeAllocating() {
        JsonObject o = validTree();
        o.addProperty("input_nodes", 2e9);
        o.addProperty("hidden_nodes", 2e9);
        assertMessage(readFails(o.toString()), "input_nodes", "2000000000 is out of range");
        // Each size allowed, the product not: 2^24 × 2^24 weights.
        JsonObject big = validTree();
        big.addProperty("input_nodes", 1 << 24);
        big.addProperty("hidden_nodes", 1 << 24);
        assertMessage(readFails(big.toString()), "weights; at most");
        // 2^24 × 100 = 1.7e9 weights fits an array but would need 6.7 GB: the short data must be noticed first.
        JsonObject wide = validTree();
        wide.addProperty("input_nodes", 1 << 24);
        wide.addProperty("hidden_nodes", 100);
        assertMessage(readFails(wide.toString()), "weights_ih", "does not fit the layer sizes", "expected 100×16777216");
        wide.getAsJsonObject("weights_ih").addProperty("rows", 100);
        wide.getAsJsonObject("weights_ih").addProperty("cols", 1 << 24);
        assertMessage(readFails(wide.toString()), "weights_ih.data", "expected 100 rows, got 3");
    }

    @Test
    void matrixOfTheWrongShapeOrLength() {
        JsonObject o = validTree();
        o.getAsJsonObject("weights_ih").addProperty("rows", 4);
        assertMessage(readFails(o.toString()), "weights_ih", "shape 4×2", "expected 3×2");
        JsonObject shortRow = validTree();
        shortRow.getAsJsonObject("weights_ih").getAsJsonArray("data").get(2).getAsJsonArray().remove(0);
        assertMessage(readFails(shortRow.toString()), "weights_ih.data[2]", "expected 2 numbers, got 1");
        JsonObject missingRow = validTree();
        missingRow.getAsJsonObject("bias_h").getAsJsonArray("data").remove(0);
        assertMessage(readFails(missingRow.toString()), "bias_h.data", "expected 3 rows, got 2");
    }

    @Test
    void nonFiniteNumbers() {
        String json = valid().replaceFirst("\"learning_rate\":[0-9.eE-]+", "\"learning_rate\":NaN");
        assertMessage(readFails(json), "not valid JSON");
        JsonObject o = validTree();
        o.getAsJsonObject("bias_o").getAsJsonArray("data").get(0).getAsJsonArray()
                .set(0, new com.google.gson.JsonPrimitive(new java.math.BigDecimal("1e400")));
        assertMessage(readFails(o.toString()), "bias_o.data[0][0]", "not a finite number");
        JsonObject f = validTree();
        f.getAsJsonObject("bias_o").getAsJsonArray("data").get(0).getAsJsonArray().set(0, new com.google.gson.JsonPrimitive(1e39));
        assertMessage(readFails(f.toString()), "bias_o.data[0][0]", "does not fit in float32");
        JsonObject lr = validTree();
        lr.addProperty("learning_rate", -0.5);
        assertMessage(readFails(lr.toString()), "learning_rate", "-0.5 is not a positive number");
    }

    @Test
    void nullActivationOrText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuralNetwork.fromToyNNJs(valid(), null));
        assertMessage(e, "activation must not be null", "ActivationFunction.SIGMOID");
        assertMessage(readFails(null), "no JSON text");
    }

    // ------------------------------------------------------------------ helpers

    private static void assertMatrix(JsonObject js, String key, int rows, int cols, float[] values) {
        JsonObject m = js.getAsJsonObject(key);
        assertEquals(rows, m.get("rows").getAsInt(), key + ".rows");
        assertEquals(cols, m.get("cols").getAsInt(), key + ".cols");
        JsonArray data = m.getAsJsonArray("data");
        assertEquals(rows, data.size());
        for (int r = 0; r < rows; r++) {
            JsonArray row = data.get(r).getAsJsonArray();
            assertEquals(cols, row.size());
            for (int c = 0; c < cols; c++) {
                assertEquals(values[r * cols + c], row.get(c).getAsFloat(), key + "[" + r + "][" + c + "]");
            }
        }
    }

    private static double[] doubles(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsDouble();
        }
        return d;
    }
}
