package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.data.Normalizer;

class ModelFormatsTest {
    @TempDir
    Path tmp;

    private static final List<String> READ_WRITE = List.of("toynn", "toy-nn-js", "tfjs");

    private static Path output(Path dir, String format, String name) {
        return switch (format) {
            case "tfjs" -> dir.resolve(name + "-tfjs");
            default -> dir.resolve(name + "." + format + ".json");
        };
    }

    @Test
    void registryListsTheBuiltInFormats() {
        assertTrue(ModelFormats.names().containsAll(List.of("toynn", "toy-nn-js", "tfjs", "java", "pde")),
                ModelFormats.names().toString());
        assertEquals("toy-nn-js", ModelFormats.get("TOY_NN_JS").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFormats.get("keras"));
        assertTrue(e.getMessage().contains("unknown model format 'keras'; expected one of [toynn, toy-nn-js, tfjs"),
                e.getMessage());
        assertTrue(ModelFormats.describe().stream().anyMatch(l -> l.startsWith("java (write)")));
    }

    /** Every readable format to every writable one: the weights survive bit for bit and the format is detected. */
    @Test
    void everyPairOfFormatsConverts() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(42, 3, 5, 2);          // one hidden layer: fits Toy-NN-JS too
        for (String from : READ_WRITE) {
            Path in = output(tmp, from, "source");
            ModelFormats.write(from, nn, in);
            assertEquals(from, ModelFormats.detect(in), "detect " + in);
            NeuralNetwork read = ModelFormats.read(from, in);
            for (String to : READ_WRITE) {
                Path out = output(tmp, to, from + "-to");
                ModelFormats.write(to, read, out);
                NeuralNetwork back = ModelFormats.load(out);
                String what = from + " → " + to;
                assertArrayEquals(nn.layerSizes(), back.layerSizes(), what);
                for (int l = 0; l < nn.layers().size(); l++) {
                    assertArrayEquals(nn.layers().get(l).weights(), back.layers().get(l).weights(), what);
                    assertArrayEquals(nn.layers().get(l).bias(), back.layers().get(l).bias(), what);
                }
                assertArrayEquals(nn.predict(new double[] {0.1, -0.4, 0.9}), back.predict(new double[] {0.1, -0.4, 0.9}), what);
            }
            Path java = tmp.resolve(from + "/Brain.java");
            ModelFormats.write("java", read, java);
            assertTrue(Files.readString(java).contains("public final class Brain {"));
        }
    }

    /** A normalised classifier keeps predicting the same on raw inputs in every format. */
    @Test
    void normalisedNetworksSurviveEveryFormat() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(8, 3, 5, 2);
        nn.setInputNormalizer(Normalizer.minMax(new double[] {0, 100, -1}, new double[] {255, 300, 1}));
        nn.setClassNames(List.of("no", "yes"));
        double[][] raw = {{0, 100, -1}, {128, 250, 0.5}, {255, 300, 1}, {40, 120, -0.2}};
        for (String to : READ_WRITE) {
            Path out = output(tmp, to, "normalised");
            ModelFormats.write(to, nn, out);
            NeuralNetwork back = ModelFormats.load(out);
            for (double[] x : raw) {
                assertArrayEquals(nn.predict(x), back.predict(x), 1e-6, to);
            }
            if (!to.equals("toy-nn-js")) {                                 // that format has no labels
                assertEquals(List.of("no", "yes"), back.classNames(), to);
            }
        }
        NeuralNetwork squashed = NeuralNetwork.seeded(9, 2, 3, 1);
        squashed.setTargetNormalizer(Normalizer.minMax(new double[] {0}, new double[] {10}));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelFormats.write("toy-nn-js", squashed, tmp.resolve("s.json")));
        assertTrue(e.getMessage().contains("only a linear output layer can absorb it"), e.getMessage());
    }

    @Test
    void toyNNJsFixturesLoadThroughTheRegistryWithTheirActivation() throws IOException {
        for (String name : List.of("xor-2-4-1", "random-5-8-3-untrained", "color-3-6-2", "tanh-4-7-2")) {
            Path dir = TfjsFormatTest.fixture("").getParent().resolve("toy-nn-js");
            JsonObject expected = JsonParser.parseString(Files.readString(dir.resolve(name + ".expected.json"))).getAsJsonObject();
            String activation = expected.get("activation").getAsString();
            Path model = dir.resolve(name + ".model.json");
            assertEquals("toy-nn-js", ModelFormats.detect(model));
            NeuralNetwork nn = ModelFormats.read("toy-nn-js", model, Map.of("activation", activation));
            JsonArray inputs = expected.getAsJsonArray("inputs");
            JsonArray outputs = expected.getAsJsonArray("outputs");
            for (int s = 0; s < inputs.size(); s++) {
                assertArrayEquals(TfjsFormatTest.toDoubles(outputs.get(s).getAsJsonArray()),
                        nn.predict(TfjsFormatTest.toDoubles(inputs.get(s).getAsJsonArray())), 1e-5, name + " sample " + s);
            }
        }
    }

    @Test
    void optionsAndDirectionsAreChecked() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);
        Path f = tmp.resolve("m.json");
        ModelFormats.write("toy-nn-js", nn, f);
        NeuralNetwork tanh = ModelFormats.read("toy-nn-js", f, Map.of("activation", "tanh"));
        assertEquals(ActivationFunction.TANH, tanh.getActivationFunction());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFormats.read("toy-nn-js", f, Map.of("activaton", "tanh")));
        assertTrue(e.getMessage().contains("no option 'activaton' when reading; options: [activation]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFormats.read("toy-nn-js", f, Map.of("activation", "swish")));
        assertTrue(e.getMessage().contains("unknown activation 'swish'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFormats.read("java", f));
        assertTrue(e.getMessage().contains("can only be written"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFormats.write("java", nn, tmp.resolve("Brain.txt")));
        assertTrue(e.getMessage().contains("ending in .java"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> ModelFormats.write("toy-nn-js", NeuralNetwork.seeded(1, 2, 3, 3, 1), tmp.resolve("deep.json")));
        assertTrue(s.getMessage().contains("exactly one hidden layer"), s.getMessage());
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        e = assertThrows(IllegalArgumentException.class, () -> ModelFormats.detect(tmp.resolve("notes.txt")));
        assertTrue(e.getMessage().contains("not a model file of a known format"), e.getMessage());
    }

    // ---------------------------------------------------------------- malformed files per JSON format

    private ModelFormatException failsToRead(String format, String text, Map<String, String> options) throws IOException {
        Path f = tmp.resolve("bad-" + format + ".json");
        Files.writeString(f, text);
        return assertThrows(ModelFormatException.class, () -> ModelFormats.read(format, f, options));
    }

    @Test
    void malformedToyNNFilesFailClearly() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);
        JsonObject good = JsonParser.parseString(ModelFile.write(nn)).getAsJsonObject();

        JsonObject missing = good.deepCopy();
        missing.getAsJsonArray("layers").get(1).getAsJsonObject().remove("weights");
        assertTrue(failsToRead("toynn", missing.toString(), Map.of()).getMessage()
                .contains("layers[1]: missing field \"weights\""));

        JsonObject shape = good.deepCopy();
        shape.getAsJsonArray("layers").get(0).getAsJsonObject().getAsJsonArray("weights").remove(0);
        assertTrue(failsToRead("toynn", shape.toString(), Map.of()).getMessage()
                .contains("layers[0].weights: expected 6 numbers, got 5"));

        JsonObject act = good.deepCopy();
        act.getAsJsonArray("layers").get(0).getAsJsonObject().addProperty("activation", "swish");
        String m = failsToRead("toynn", act.toString(), Map.of()).getMessage();
        assertTrue(m.contains("unknown activation 'swish'") && m.contains("sigmoid"), m);
    }

    @Test
    void malformedToyNNJsFilesFailClearly() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);
        JsonObject good = JsonParser.parseString(ToyNNJsFormat.write(nn)).getAsJsonObject();

        JsonObject missing = good.deepCopy();
        missing.remove("weights_ho");
        assertTrue(failsToRead("toy-nn-js", missing.toString(), Map.of()).getMessage()
                .contains("missing field \"weights_ho\""));

        JsonObject shape = good.deepCopy();
        shape.getAsJsonObject("weights_ih").addProperty("rows", 4);
        assertTrue(failsToRead("toy-nn-js", shape.toString(), Map.of()).getMessage()
                .contains("weights_ih: shape 4×2 does not fit the layer sizes; expected 3×2"));

        JsonObject row = good.deepCopy();
        row.getAsJsonObject("weights_ih").getAsJsonArray("data").get(0).getAsJsonArray().add(1.5);
        assertTrue(failsToRead("toy-nn-js", row.toString(), Map.of()).getMessage()
                .contains("weights_ih.data[0]: expected 2 numbers, got 3"));
    }
}
