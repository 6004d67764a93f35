package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static toynn.Messages.assertMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.UpdateRule;
import toynn.util.Rng;

/** ToyNN's own versioned JSON model file: exact round trips and clear errors for every kind of bad file. */
class ModelFileTest {
    @TempDir
    Path dir;

    @Test
    void loadOfSavePredictsBitIdentically() throws IOException {
        record Case(int[] sizes, ActivationFunction hidden, ActivationFunction output) {
        }
        List<Case> cases = List.of(
                new Case(new int[] {2, 4, 1}, ActivationFunction.SIGMOID, ActivationFunction.SIGMOID),
                new Case(new int[] {5, 8, 3}, ActivationFunction.TANH, ActivationFunction.TANH),
                new Case(new int[] {7, 16, 9, 4}, ActivationFunction.RELU, ActivationFunction.SOFTMAX),
                new Case(new int[] {3, 6, 6, 6, 2}, ActivationFunction.ELU, ActivationFunction.LINEAR),
                new Case(new int[] {4, 3}, ActivationFunction.LEAKY_RELU, ActivationFunction.LEAKY_RELU));
        int n = 0;
        for (Case c : cases) {
            NeuralNetwork nn = NeuralNetwork.seeded(100 + n, c.sizes());
            nn.setActivationFunction(c.hidden());
            nn.setActivationFunction(c.sizes().length - 2, c.output());
            nn.setLearningRate(0.0123);
            nn.setExactGradient(n % 2 == 0);
            Path file = dir.resolve("model-" + n++ + ".json");
            nn.save(file);
            NeuralNetwork back = NeuralNetwork.load(file);
            assertArrayEquals(nn.layerSizes(), back.layerSizes());
            assertEquals(nn.getLearningRate(), back.getLearningRate());
            assertEquals(nn.getUpdateRule(), back.getUpdateRule());
            assertEquals(nn.seed(), back.seed());
            for (int l = 0; l < nn.layers().size(); l++) {
                assertEquals(nn.layers().get(l).activation(), back.layers().get(l).activation());
                assertArrayEquals(bits(nn.layers().get(l).weights()), bits(back.layers().get(l).weights()));
                assertArrayEquals(bits(nn.layers().get(l).bias()), bits(back.layers().get(l).bias()));
            }
            Rng rng = new Rng(n);
            for (int s = 0; s < 10; s++) {
                float[] x = new float[c.sizes()[0]];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rng.uniform(-3, 3);
                }
                assertArrayEquals(bits(nn.predict(x)), bits(back.predict(x)), "prediction bits, case " + n);
            }
        }
    }

    @Test
    void fileRecordsVersionSizesAndSettings() {
        NeuralNetwork nn = NeuralNetwork.seeded(-7, 2, 3, 1);
        nn.setLearningRate(0.25);
        JsonObject o = JsonParser.parseString(nn.toJson()).getAsJsonObject();
        assertEquals("toynn-model", o.get("format").getAsString());
        assertEquals(ModelFile.FORMAT_VERSION, o.get("formatVersion").getAsInt());
        assertEquals(Version.get(), o.get("libraryVersion").getAsString());
        assertEquals("[2,3,1]", o.get("layerSizes").toString());
        assertEquals(0.25, o.get("learningRate").getAsDouble());
        assertEquals("lecture", o.get("updateRule").getAsString());
        assertEquals(-7, o.get("seed").getAsLong());
        JsonObject layer = o.getAsJsonArray("layers").get(0).getAsJsonObject();
        assertEquals("sigmoid", layer.get("activation").getAsString());
        assertEquals(6, layer.getAsJsonArray("weights").size());
        assertEquals(3, layer.getAsJsonArray("bias").size());
    }

    @Test
    void seedSurvivesEvenWhenItNeedsAll64Bits() {
        NeuralNetwork nn = NeuralNetwork.seeded(0x7FFF_FFFF_FFFF_FFF1L, 2, 2);
        assertEquals(0x7FFF_FFFF_FFFF_FFF1L, NeuralNetwork.fromJson(nn.toJson()).seed());
    }

    @Test
    void customActivationCannotBeSaved() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);
        nn.setActivationFunction(ActivationFunction.of("softsign", x -> x / (1 + Math.abs(x)), y -> (1 - Math.abs(y)) * (1 - Math.abs(y))));
        IllegalStateException e = assertThrows(IllegalStateException.class, nn::toJson);
        assertMessage(e, "custom activation 'softsign'", "cannot be saved", "sigmoid");
        // And a failed save leaves an existing file as it was.
        Path file = dir.resolve("model.json");
        NeuralNetwork.seeded(2, 2, 3, 1).save(file);
        byte[] before = Files.readAllBytes(file);
        assertThrows(IllegalStateException.class, () -> nn.save(file));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), Fixtures.list(dir, ""), "no temporary files left behind");
    }

    // ------------------------------------------------------------------ corrupt files

    private static JsonObject validTree() {
        return JsonParser.parseString(NeuralNetwork.seeded(4, 2, 3, 1).toJson()).getAsJsonObject();
    }

    private static JsonObject layer0(JsonObject root) {
        return root.getAsJsonArray("layers").get(0).getAsJsonObject();
    }

    private static ModelFormatException readFails(String json) {
        return assertThrows(ModelFormatException.class, () -> NeuralNetwork.fromJson(json));
    }

    @Test
    void truncatedOrNotJson() {
        String json = NeuralNetwork.seeded(4, 2, 3, 1).toJson();
        assertMessage(readFails(json.substring(0, json.length() - 10)), "not valid JSON", "truncated");
        assertMessage(readFails("   "), "empty", "expected a JSON object");
        assertMessage(readFails("\"model\""), "expected a JSON object at the top", "the string \"model\"");
        assertMessage(readFails(json + "{}"), "not valid JSON");
        assertMessage(readFails("{\"format\": 'toynn-model'}"), "not valid JSON", "malformed JSON at line 1");
    }

    @Test
    void wrongTypes() {
        JsonObject o = validTree();
        o.addProperty("layers", "abc");
        assertMessage(readFails(o.toString()), "model.layers", "expected an array", "the string \"abc\"");
        JsonObject w = validTree();
        layer0(w).getAsJsonArray("weights").set(3, new JsonPrimitive("x"));
        assertMessage(readFails(w.toString()), "model.layers[0].weights[3]", "expected a number", "\"x\"");
        JsonObject l = validTree();
        l.getAsJsonArray("layers").set(1, new JsonPrimitive(true));
        assertMessage(readFails(l.toString()), "model.layers[1]", "expected an object", "the boolean true");
        JsonObject v = validTree();
        v.addProperty("formatVersion", "one");
        assertMessage(readFails(v.toString()), "formatVersion", "expected a number");
        JsonObject a = validTree();
        layer0(a).addProperty("activation", 3);
        assertMessage(readFails(a.toString()), "activation", "expected a string", "the number 3");
    }

    @Test
    void missingFields() {
        for (String key : List.of("format", "formatVersion", "layers")) {
            JsonObject o = validTree();
            o.remove(key);
            assertMessage(readFails(o.toString()), "missing field \"" + key + "\"");
        }
        for (String key : List.of("type", "inputs", "outputs", "activation", "weights", "bias")) {
            JsonObject o = validTree();
            layer0(o).remove(key);
            assertMessage(readFails(o.toString()), "model.layers[0]", "missing field \"" + key + "\"");
        }
        JsonObject none = validTree();
        none.add("layers", new JsonArray());
        assertMessage(readFails(none.toString()), "at least one layer");
    }

    @Test
    void negativeZeroAndAbsurdSizes() {
        JsonObject neg = validTree();
        layer0(neg).addProperty("outputs", -3);
        assertMessage(readFails(neg.toString()), "model.layers[0].outputs", "-3 is out of range", "expected 1 to");
        JsonObject zero = validTree();
        layer0(zero).addProperty("inputs", 0);
        assertMessage(readFails(zero.toString()), "model.layers[0].inputs", "0 is out of range");
        JsonObject absurd = validTree();
        layer0(absurd).addProperty("inputs", 2e9);
        layer0(absurd).addProperty("outputs", 2e9);
        assertMessage(readFails(absurd.toString()), "model.layers[0].inputs", "2000000000 is out of range");
        JsonObject huge = validTree();
        layer0(huge).addProperty("inputs", 1e300);
        assertMessage(readFails(huge.toString()), "1.0E300 is out of range");
        // Allowed sizes whose product overflows an array.
        JsonObject product = validTree();
        layer0(product).addProperty("inputs", 1 << 24);
        layer0(product).addProperty("outputs", 1 << 24);
        assertMessage(readFails(product.toString()), "model.layers[0]", "weights; at most");
        // 16777216 × 100 fits an array (6.7 GB, more than the test heap): the short weight list must be noticed first.
        JsonObject wide = validTree();
        layer0(wide).addProperty("inputs", 1 << 24);
        layer0(wide).addProperty("outputs", 100);
        wide.getAsJsonArray("layers").remove(1);
        wide.remove("layerSizes");
        assertMessage(readFails(wide.toString()), "model.layers[0].weights", "expected 1677721600 numbers, got 6");
    }

    @Test
    void sizesThatDoNotFitTogether() {
        JsonObject w = validTree();
        layer0(w).getAsJsonArray("weights").remove(0);
        assertMessage(readFails(w.toString()), "model.layers[0].weights", "expected 6 numbers, got 5");
        JsonObject b = validTree();
        layer0(b).getAsJsonArray("bias").add(1.5);
        assertMessage(readFails(b.toString()), "model.layers[0].bias", "expected 3 numbers, got 4");
        JsonObject chain = validTree();
        JsonObject second = chain.getAsJsonArray("layers").get(1).getAsJsonObject();
        second.addProperty("inputs", 2);
        assertMessage(readFails(chain.toString()), "model.layers[1].inputs", "does not match the 3 outputs");
        JsonObject declared = validTree();
        JsonArray sizes = new JsonArray();
        sizes.add(2);
        sizes.add(4);
        sizes.add(1);
        declared.add("layerSizes", sizes);
        assertMessage(readFails(declared.toString()), "layerSizes", "[2,4,1] does not match", "[2,3,1]");
    }

    @Test
    void nonFiniteNumbers() {
        String json = NeuralNetwork.seeded(4, 2, 3, 1).toJson();
        assertMessage(readFails(json.replaceFirst("\"learningRate\": [0-9.eE-]+", "\"learningRate\": NaN")),
                "not valid JSON");
        assertMessage(readFails(json.replaceFirst("\"learningRate\": [0-9.eE-]+", "\"learningRate\": Infinity")),
                "not valid JSON");
        JsonObject o = validTree();
        layer0(o).getAsJsonArray("weights").set(0, new JsonPrimitive(new java.math.BigDecimal("-1e400")));
        assertMessage(readFails(o.toString()), "model.layers[0].weights[0]", "-Infinity is not a finite number");
        JsonObject f = validTree();
        layer0(f).getAsJsonArray("bias").set(2, new JsonPrimitive(4e38));
        assertMessage(readFails(f.toString()), "model.layers[0].bias[2]", "does not fit in float32");
        JsonObject lr = validTree();
        lr.addProperty("learningRate", 0);
        assertMessage(readFails(lr.toString()), "learningRate", "not a positive number");
    }

    @Test
    void unknownNames() {
        JsonObject act = validTree();
        layer0(act).addProperty("activation", "swish");
        assertMessage(readFails(act.toString()), "model.layers[0].activation", "unknown activation 'swish'",
                "expected one of", "sigmoid");
        JsonObject type = validTree();
        layer0(type).addProperty("type", "conv2d");
        assertMessage(readFails(type.toString()), "unknown layer type \"conv2d\"", "expected \"dense\"");
        JsonObject rule = validTree();
        rule.addProperty("updateRule", "adam");
        assertMessage(readFails(rule.toString()), "updateRule", "\"adam\" is unknown", "\"lecture\" or \"exact_gradient\"");
        JsonObject format = validTree();
        format.addProperty("format", "keras");
        assertMessage(readFails(format.toString()), "\"format\" is \"keras\"", "expected \"toynn-model\"");
        JsonObject seed = validTree();
        seed.addProperty("seed", 1.5);
        assertMessage(readFails(seed.toString()), "model.seed", "whole number");
    }

    @Test
    void futureFormatVersion() {
        JsonObject o = validTree();
        o.addProperty("formatVersion", ModelFile.FORMAT_VERSION + 1);
        assertMessage(readFails(o.toString()), "formatVersion " + (ModelFile.FORMAT_VERSION + 1),
                "newer than this ToyNN reads", "update ToyNN");
        JsonObject zero = validTree();
        zero.addProperty("formatVersion", 0);
        assertMessage(readFails(zero.toString()), "formatVersion", "0 is out of range");
    }

    @Test
    void loadNamesTheFile() throws IOException {
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\"format\": \"toynn-model\"");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NeuralNetwork.load(bad));
        assertMessage(e, bad.toString(), "not valid JSON");
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {(byte) 0xC3, (byte) 0x28, 0x7B});
        assertMessage(assertThrows(ModelFormatException.class, () -> NeuralNetwork.load(binary)),
                binary.toString(), "not UTF-8 text");
        assertThrows(NoSuchFileException.class, () -> NeuralNetwork.load(dir.resolve("missing.json")));
        Files.writeString(bad, "", StandardCharsets.UTF_8);
        assertMessage(assertThrows(ModelFormatException.class, () -> NeuralNetwork.load(bad)), "empty");
    }

    static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToIntBits(a[i]);
        }
        return b;
    }
}
