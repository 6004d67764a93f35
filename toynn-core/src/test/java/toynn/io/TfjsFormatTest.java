package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.layers.Dense;
import toynn.util.Rng;

class TfjsFormatTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(TfjsFormatTest.class.getResource("/fixtures/tfjs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A network using every activation TF.js can express, with random weights. */
    static NeuralNetwork everyActivation(long seed) {
        NeuralNetwork nn = NeuralNetwork.seeded(seed, 5, 8, 7, 6, 5, 4, 3);
        ActivationFunction[] fs = {ActivationFunction.RELU, ActivationFunction.LEAKY_RELU, ActivationFunction.ELU,
            ActivationFunction.TANH, ActivationFunction.SIGMOID, ActivationFunction.SOFTMAX};
        for (int i = 0; i < fs.length; i++) {
            nn.setActivationFunction(i, fs[i]);
        }
        return nn;
    }

    static float[][] randomInputs(int n, int size, long seed) {
        Rng rng = new Rng(seed);
        float[][] xs = new float[n][size];
        for (float[] x : xs) {
            for (int i = 0; i < size; i++) {
                x[i] = (float) rng.uniform(-3, 3);
            }
        }
        return xs;
    }

    @Test
    void fixtureWrittenByTensorFlowJsPredictsItsOutputs() throws IOException {
        Path dir = fixture("mlp-4-16-3-softmax");
        NeuralNetwork nn = TfjsFormat.load(dir);
        assertArrayEquals(new int[] {4, 16, 3}, nn.layerSizes());
        assertEquals(ActivationFunction.RELU, nn.layers().get(0).activation());
        assertEquals(ActivationFunction.SOFTMAX, nn.layers().get(1).activation());
        JsonObject expected = JsonParser.parseString(Files.readString(dir.resolve("expected.json"))).getAsJsonObject();
        JsonArray inputs = expected.getAsJsonArray("inputs");
        JsonArray outputs = expected.getAsJsonArray("outputs");
        assertEquals(inputs.size(), outputs.size());
        assertTrue(inputs.size() >= 5);
        for (int s = 0; s < inputs.size(); s++) {
            double[] x = toDoubles(inputs.get(s).getAsJsonArray());
            double[] want = toDoubles(outputs.get(s).getAsJsonArray());
            assertArrayEquals(want, nn.predict(x), 1e-5, "sample " + s);
        }
        // The model.json path works as well as its folder.
        NeuralNetwork again = TfjsFormat.load(dir.resolve("model.json"));
        assertArrayEquals(nn.layers().get(1).weights(), again.layers().get(1).weights());
    }

    @Test
    void bundledFixtureCopyMatchesTheSharedOne() throws IOException {
        Path shared = Path.of("missing");
        for (String up : List.of("..", "../..", "../../..")) {            // CI: ../shared beside the clone
            Path p = Path.of(up, "shared", "fixtures", "tfjs", "mlp-4-16-3-softmax");
            if (Files.isDirectory(p)) {
                shared = p;
                break;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared),
                "../shared/fixtures is not beside the repository; the bundled copy is used alone");
        for (String f : List.of("model.json", "model.weights.bin", "expected.json")) {
            assertArrayEquals(Files.readAllBytes(shared.resolve(f)),
                    Files.readAllBytes(fixture("mlp-4-16-3-softmax").resolve(f)), f);
        }
    }

    @Test
    void roundTripKeepsEveryWeightAndActivation() throws IOException {
        NeuralNetwork nn = everyActivation(7);
        TfjsFormat.save(nn, tmp.resolve("model"));
        assertTrue(Files.isRegularFile(tmp.resolve("model/model.json")));
        assertEquals(4L * nn.parameterCount(), Files.size(tmp.resolve("model/" + TfjsFormat.WEIGHTS_FILE)));
        NeuralNetwork back = TfjsFormat.load(tmp.resolve("model"));
        assertArrayEquals(nn.layerSizes(), back.layerSizes());
        for (int l = 0; l < nn.layers().size(); l++) {
            Dense a = nn.layers().get(l);
            Dense b = back.layers().get(l);
            assertArrayEquals(a.weights(), b.weights(), "weights of layer " + l);
            assertArrayEquals(a.bias(), b.bias(), "bias of layer " + l);
            assertEquals(a.activation(), b.activation(), "activation of layer " + l);
        }
        for (float[] x : randomInputs(20, 5, 3)) {
            assertArrayEquals(nn.predict(x), back.predict(x));
        }
    }

    @Test
    void writtenFilesHaveTheLayoutTensorFlowJsSaves() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(3, 2, 3, 1);
        nn.setActivationFunction(0, ActivationFunction.LEAKY_RELU);
        TfjsFormat.save(nn, tmp);
        JsonObject root = JsonParser.parseString(Files.readString(tmp.resolve("model.json"))).getAsJsonObject();
        assertEquals("layers-model", root.get("format").getAsString());
        assertTrue(root.has("convertedBy") && root.get("convertedBy").isJsonNull(), "convertedBy: null");
        assertTrue(root.get("generatedBy").getAsString().startsWith("ToyNN "));
        JsonObject topology = root.getAsJsonObject("modelTopology");
        assertEquals("Sequential", topology.get("class_name").getAsString());
        JsonArray layers = topology.getAsJsonObject("config").getAsJsonArray("layers");
        assertEquals(List.of("Dense", "LeakyReLU", "Dense"),
                layers.asList().stream().map(e -> e.getAsJsonObject().get("class_name").getAsString()).toList());
        JsonObject first = layers.get(0).getAsJsonObject().getAsJsonObject("config");
        assertEquals("linear", first.get("activation").getAsString());
        assertEquals("[null,2]", first.get("batch_input_shape").toString());
        assertEquals(0.01, layers.get(1).getAsJsonObject().getAsJsonObject("config").get("alpha").getAsDouble());
        JsonObject group = root.getAsJsonArray("weightsManifest").get(0).getAsJsonObject();
        assertEquals("[\"group1-shard1of1.bin\"]", group.get("paths").toString());
        assertEquals("[2,3]", group.getAsJsonArray("weights").get(0).getAsJsonObject().get("shape").toString());
        // The kernel is Wᵀ: kernel[i][o] = W[o][i].
        ByteBuffer bin = ByteBuffer.wrap(Files.readAllBytes(tmp.resolve(TfjsFormat.WEIGHTS_FILE))).order(ByteOrder.LITTLE_ENDIAN);
        float[] w = nn.layers().get(0).weights();
        for (int i = 0; i < 2; i++) {
            for (int o = 0; o < 3; o++) {
                assertEquals(w[o * 2 + i], bin.getFloat((i * 3 + o) * 4));
            }
        }
    }

    /**
     * The shape the Keras converter writes: topology under model_config, an InputLayer, scoped weight
     * names, two groups split over three shard files, an int32 weight no layer uses, a Dense without
     * bias, an Activation layer, a LeakyReLU layer and a Dropout layer. Built by hand here, so the reader is checked against a
     * layout this library did not write.
     */
    @Test
    void readsKerasConvertedShapeWithShardsAndFoldedLayers() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(11, 3, 5, 4, 2);
        nn.setActivationFunction(0, ActivationFunction.LEAKY_RELU);
        nn.setActivationFunction(1, ActivationFunction.TANH);
        nn.setActivationFunction(2, ActivationFunction.SOFTMAX);
        Arrays.fill(nn.layers().get(1).bias(), 0f);                   // the use_bias=false layer
        Dense d1 = nn.layers().get(0);
        Dense d2 = nn.layers().get(1);
        Dense d3 = nn.layers().get(2);
        String json = """
            {"format": "layers-model", "generatedBy": "keras v2.15.0", "convertedBy": "TensorFlow.js Converter v4.22.0",
             "modelTopology": {"keras_version": "2.15.0", "backend": "tensorflow",
               "model_config": {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
                 {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3], "dtype": "float32", "name": "input_1"}},
                 {"class_name": "Dense", "config": {"name": "dense", "units": 5, "activation": "linear", "use_bias": true}},
                 {"class_name": "LeakyReLU", "config": {"name": "leaky", "alpha": 0.009999999776482582}},
                 {"class_name": "Dropout", "config": {"name": "dropout", "rate": 0.5}},
                 {"class_name": "Dense", "config": {"name": "dense_1", "units": 4, "activation": "tanh", "use_bias": false}},
                 {"class_name": "Dense", "config": {"name": "dense_2", "units": 2}},
                 {"class_name": "Activation", "config": {"name": "act", "activation": "softmax"}}
               ]}},
               "training_config": {"loss": "categorical_crossentropy"}},
             "weightsManifest": [
               {"paths": ["group1-shard1of2.bin", "group1-shard2of2.bin"],
                "weights": [{"name": "sequential/dense/kernel", "shape": [3, 5], "dtype": "float32"},
                            {"name": "sequential/dense/bias", "shape": [5], "dtype": "float32"},
                            {"name": "sequential/dense_1/kernel", "shape": [5, 4], "dtype": "float32"}]},
               {"paths": ["group2-shard1of1.bin"],
                "weights": [{"name": "sequential/dense_2/kernel", "shape": [4, 2], "dtype": "float32"},
                            {"name": "optimizer/iter", "shape": [], "dtype": "int32"},
                            {"name": "sequential/dense_2/bias", "shape": [2], "dtype": "float32"}]}]}
            """;
        byte[] group1 = concat(kernel(d1), floats(d1.bias()), kernel(d2));
        Files.write(tmp.resolve("group1-shard1of2.bin"), Arrays.copyOfRange(group1, 0, 37));     // split mid-value
        Files.write(tmp.resolve("group1-shard2of2.bin"), Arrays.copyOfRange(group1, 37, group1.length));
        byte[] iter = {7, 0, 0, 0};                                      // an int32 the reader steps over
        Files.write(tmp.resolve("group2-shard1of1.bin"), concat(kernel(d3), iter, floats(d3.bias())));
        Files.writeString(tmp.resolve("model.json"), json);

        NeuralNetwork back = TfjsFormat.load(tmp);
        assertArrayEquals(new int[] {3, 5, 4, 2}, back.layerSizes());
        assertEquals(ActivationFunction.LEAKY_RELU, back.layers().get(0).activation());
        assertEquals(ActivationFunction.TANH, back.layers().get(1).activation());
        assertEquals(ActivationFunction.SOFTMAX, back.layers().get(2).activation());
        for (float[] x : randomInputs(10, 3, 5)) {
            assertArrayEquals(nn.predict(x), back.predict(x));
        }
    }

    // ---------------------------------------------------------------- malformed files

    private Path saveSmall() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(5, 4, 6, 3);
        TfjsFormat.save(nn, tmp);
        return tmp;
    }

    private String modelJson() throws IOException {
        return Files.readString(tmp.resolve("model.json"));
    }

    private ModelFormatException fails(String modelJson) throws IOException {
        Files.writeString(tmp.resolve("model.json"), modelJson);
        return assertThrows(ModelFormatException.class, () -> TfjsFormat.load(tmp));
    }

    @Test
    void missingWeightsFileIsNamed() throws IOException {
        saveSmall();
        Files.delete(tmp.resolve(TfjsFormat.WEIGHTS_FILE));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsFormat.load(tmp));
        assertTrue(e.getMessage().contains("missing weights file \"group1-shard1of1.bin\""), e.getMessage());
    }

    @Test
    void truncatedWeightsFileIsCaughtByItsLength() throws IOException {
        saveSmall();
        Path bin = tmp.resolve(TfjsFormat.WEIGHTS_FILE);
        byte[] b = Files.readAllBytes(bin);
        Files.write(bin, Arrays.copyOf(b, b.length - 4));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsFormat.load(tmp));
        assertTrue(e.getMessage().contains("hold " + (b.length - 4) + " bytes but the manifest's weights need "
                + b.length + " bytes"), e.getMessage());
    }

    @Test
    void kernelShapeThatDoesNotFitTheLayerIsNamed() throws IOException {
        saveSmall();
        // Same byte count (4·6 = 6·4), wrong orientation: [6, 4] where Dense(6) needs [inputs, 6].
        ModelFormatException e = fails(modelJson().replaceFirst("\\[\\s*4,\\s*6\\s*]", "[6, 4]"));
        assertTrue(e.getMessage().contains("\"dense_Dense1/kernel\" has shape [6, 4]; expected [inputs, 6]"), e.getMessage());
    }

    @Test
    void unknownActivationIsNamedWithTheSupportedOnes() throws IOException {
        saveSmall();
        ModelFormatException e = fails(modelJson().replace("\"sigmoid\"", "\"selu\""));
        assertTrue(e.getMessage().contains("'dense_Dense1' (Dense) uses the activation \"selu\""), e.getMessage());
        assertTrue(e.getMessage().contains("[linear, relu, sigmoid, tanh, softmax, elu]"), e.getMessage());
    }

    @Test
    void unsupportedLayerIsNamedWithTheSupportedOnes() throws IOException {
        saveSmall();
        JsonObject root = JsonParser.parseString(modelJson()).getAsJsonObject();
        JsonArray layers = root.getAsJsonObject("modelTopology").getAsJsonObject("config").getAsJsonArray("layers");
        JsonObject conv = JsonParser.parseString("{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"conv2d_1\", "
                + "\"filters\": 8}}").getAsJsonObject();
        layers.add(conv);
        ModelFormatException e = fails(root.toString());
        assertTrue(e.getMessage().contains("'conv2d_1' (Conv2D) is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("InputLayer, Dense, LeakyReLU (alpha 0.01), Activation, Dropout"), e.getMessage());
    }

    @Test
    void inputLayerAndFirstDenseDisagreeingOnTheInputsIsRefused() throws IOException {
        saveSmall();                                    // its first Dense declares [null, 4]
        JsonObject root = JsonParser.parseString(modelJson()).getAsJsonObject();
        JsonArray layers = root.getAsJsonObject("modelTopology").getAsJsonObject("config").getAsJsonArray("layers");
        JsonArray rebuilt = new JsonArray();
        rebuilt.add(JsonParser.parseString("{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 3], "
                + "\"name\": \"input_1\"}}"));
        rebuilt.addAll(layers);
        root.getAsJsonObject("modelTopology").getAsJsonObject("config").add("layers", rebuilt);
        // Was read silently as a model of 4 inputs (the kernel's), whatever the InputLayer said.
        ModelFormatException e = fails(root.toString());
        assertTrue(e.getMessage().contains("layers[1]: layer 1 'dense_Dense1' (Dense) declares 4 inputs but the "
                + "InputLayer before it declares 3"), e.getMessage());
    }

    @Test
    void leakyReluWithAnotherSlopeIsRefused() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(5, 4, 6, 3);
        nn.setActivationFunction(0, ActivationFunction.LEAKY_RELU);
        TfjsFormat.save(nn, tmp);
        ModelFormatException e = fails(modelJson().replace("\"alpha\": 0.01", "\"alpha\": 0.3"));
        assertTrue(e.getMessage().contains("has alpha 0.3; ToyNN's leaky ReLU has the fixed slope 0.01"), e.getMessage());
    }

    @Test
    void otherMalformedManifestsFailClearly() throws IOException {
        saveSmall();
        String good = modelJson();
        assertTrue(fails(good.replaceFirst("\"dense_Dense1/bias\"", "\"other/bias\"")).getMessage()
                .contains("missing weights \"dense_Dense1/bias\" of Dense 'dense_Dense1'"));
        JsonObject root = JsonParser.parseString(good).getAsJsonObject();
        root.getAsJsonArray("weightsManifest").get(0).getAsJsonObject().getAsJsonArray("weights").get(0)
                .getAsJsonObject().addProperty("dtype", "int32");
        assertTrue(fails(root.toString()).getMessage().contains("\"dense_Dense1/kernel\" is int32; only float32 weights"));
        root = JsonParser.parseString(good).getAsJsonObject();
        root.getAsJsonArray("weightsManifest").get(0).getAsJsonObject().getAsJsonArray("weights").get(0)
                .getAsJsonObject().add("quantization", JsonParser.parseString("{\"dtype\": \"float32\", \"scale\": 1}"));
        assertTrue(fails(root.toString()).getMessage().contains("is quantized to float32; only plain float32"));
        assertTrue(fails(good.replace("\"group1-shard1of1.bin\"", "\"../../etc/passwd\"")).getMessage()
                .contains("points outside the model's folder"));
        assertTrue(fails(good.replace("\"Sequential\"", "\"Functional\"")).getMessage()
                .contains("\"Functional\" is not supported; expected \"Sequential\""));
        assertTrue(fails(good.replaceFirst("\\[\\s*4,\\s*6\\s*]", "[16777216, 16777216]")).getMessage()
                .contains("would hold more than"));
        assertTrue(fails(good.replace("\"layers-model\"", "\"graph-model\"")).getMessage()
                .contains("graph models"));
        assertTrue(fails(good.substring(0, good.length() / 2)).getMessage().contains("not valid JSON"));
    }

    @Test
    void nonFiniteWeightIsRefused() throws IOException {
        saveSmall();
        Path bin = tmp.resolve(TfjsFormat.WEIGHTS_FILE);
        byte[] b = Files.readAllBytes(bin);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(8, Float.NaN);
        Files.write(bin, b);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsFormat.load(tmp));
        assertTrue(e.getMessage().contains("\"dense_Dense1/kernel\" value 2 is NaN"), e.getMessage());
    }

    /** A file where the folder should be: said so, and the file is left alone (it was "no such file"). */
    @Test
    void savingIntoAPlainFileIsRefusedNamingIt() throws IOException {
        Path file = tmp.resolve("model.bin");
        Files.writeString(file, "not a folder");
        java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
                () -> TfjsFormat.save(NeuralNetwork.seeded(5, 2, 2, 1), file));
        assertEquals(java.nio.file.FileSystemException.class, e.getClass(), "the file exists: not NoSuchFileException");
        assertEquals(file.toString(), e.getFile());
        assertTrue(e.getReason().startsWith("not a folder"), e.getReason());
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void customActivationCannotBeWritten() {
        NeuralNetwork nn = NeuralNetwork.seeded(5, 2, 2, 1);
        nn.setActivationFunction(0, ActivationFunction.of("square", x -> x * x, y -> 2 * Math.sqrt(y)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TfjsFormat.save(nn, tmp));
        assertTrue(e.getMessage().contains("custom activation 'square'"), e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    static double[] toDoubles(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsDouble();
        }
        return d;
    }

    /** A Dense layer's TF kernel [in, out] as little-endian bytes, transposed here independently. */
    static byte[] kernel(Dense d) {
        float[] k = new float[d.inputs() * d.outputs()];
        for (int o = 0; o < d.outputs(); o++) {
            for (int i = 0; i < d.inputs(); i++) {
                k[i * d.outputs() + o] = d.weights()[o * d.inputs() + i];
            }
        }
        return floats(k);
    }

    static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
