package toynn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import toynn.io.ModelFile;
import toynn.io.ModelFormatException;
import toynn.train.FitOptions;

/**
 * What an input row is — an image of width × height pixels or plain values — is recorded by fit from
 * its data, kept by copies and the model file, and malformed or contradicting records are refused.
 */
class InputShapeTest {
    private static DataSet rows(int n, int inputs) {
        float[] x = new float[n * inputs];
        float[] t = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 11) / 11f;
        }
        for (int i = 0; i < n; i++) {
            t[i] = i % 2;
        }
        return DataSet.of(x, t, n, inputs, 1);
    }

    private static final FitOptions ONE_EPOCH = FitOptions.create().epochs(1).batchSize(2).seed(1);

    @Test
    void fitOnImagesRecordsTheirSizeAndTheFileKeepsIt() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 8, 3, 1);
        assertNull(nn.inputShape(), "nothing is known before training on a data set");
        nn.fit(rows(4, 8).withImageShape(4, 2), ONE_EPOCH);
        assertEquals(InputShape.image(4, 2), nn.inputShape());
        assertEquals(InputShape.image(4, 2), nn.copy().inputShape());
        NeuralNetwork back = ModelFile.read(ModelFile.write(nn));
        assertEquals(InputShape.image(4, 2), back.inputShape());
        JsonObject input = JsonParser.parseString(ModelFile.write(nn)).getAsJsonObject().getAsJsonObject("input");
        assertEquals("image", input.get("kind").getAsString());
        assertEquals(4, input.get("width").getAsInt());
        assertEquals(2, input.get("height").getAsInt());
    }

    @Test
    void fitOnTableRowsRecordsValues() {
        NeuralNetwork nn = NeuralNetwork.seeded(2, 4, 3, 1);
        nn.partialFit(rows(2, 4));
        assertEquals(InputShape.values(), nn.inputShape());
        assertFalse(nn.inputShape().isImage());
        assertEquals(InputShape.values(), ModelFile.read(ModelFile.write(nn)).inputShape());
    }

    @Test
    void oneSampleTrainingRecordsNothingAndTheFileSaysNothing() {
        NeuralNetwork nn = NeuralNetwork.seeded(3, 4, 3, 1);
        nn.train(new double[] {0, 1, 0, 1}, new double[] {1});
        assertNull(nn.inputShape());
        assertFalse(JsonParser.parseString(ModelFile.write(nn)).getAsJsonObject().has("input"));
        assertNull(ModelFile.read(ModelFile.write(nn)).inputShape());
    }

    @Test
    void aShapeSetByHandIsNotOverwrittenByFit() {
        NeuralNetwork nn = NeuralNetwork.seeded(4, 4, 3, 1);
        nn.setInputShape(InputShape.image(2, 2));
        nn.fit(rows(4, 4), ONE_EPOCH);
        assertEquals(InputShape.image(2, 2), nn.inputShape());
        nn.setInputShape(null);
        assertNull(nn.inputShape());
    }

    @Test
    void shapesThatDoNotFitAreRefused() {
        NeuralNetwork nn = NeuralNetwork.seeded(5, 8, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> nn.setInputShape(InputShape.image(3, 3)));
        assertTrue(e.getMessage().contains("9 pixels") && e.getMessage().contains("8 inputs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InputShape(3, 0));
        assertThrows(IllegalArgumentException.class, () -> new InputShape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> InputShape.image(0, 0));
        assertTrue(new InputShape(0, 0).equals(InputShape.values()));
    }

    @Test
    void malformedInputSectionsAreRefusedWithTheirPlace() {
        NeuralNetwork nn = NeuralNetwork.seeded(6, 8, 3, 1);
        nn.setInputShape(InputShape.image(4, 2));
        String good = ModelFile.write(nn);
        assertRefused(good, "{\"kind\": \"picture\"}", "input.kind", "\"image\" or \"values\"");
        assertRefused(good, "{\"kind\": \"image\", \"width\": 3, \"height\": 3}", "9 pixels", "8 inputs");
        assertRefused(good, "{\"kind\": \"image\", \"width\": 2.5, \"height\": 2}", "input.width", "whole number");
        assertRefused(good, "{\"kind\": \"image\", \"width\": 4}", "input", "height");
        assertRefused(good, "{\"kind\": \"image\", \"width\": 100000, \"height\": 2}", "input.width", "out of range");
        assertRefused(good, "[1, 2]", "input");
        assertRefused(good, "{\"kind\": 7}", "input.kind", "string");
    }

    private static void assertRefused(String good, String section, String... fragments) {
        JsonObject root = JsonParser.parseString(good).getAsJsonObject();
        root.add("input", JsonParser.parseString(section));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(root.toString()), section);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }
}
