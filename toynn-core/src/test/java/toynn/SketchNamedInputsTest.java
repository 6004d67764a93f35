package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml5.js's named inputs in the sketch API: {@code addData(Map, label or targets)} fixes the input names (sorted)
 * as {@link NeuralNetwork#inputColumns()}, and trains the model the same arrays in that order would.
 */
class SketchNamedInputsTest {

    /** r, g, b colours and their labels: reds, greens and blues with some noise. */
    private static final double[][] RGB = {
            {255, 0, 0}, {230, 30, 20}, {200, 60, 40}, {250, 90, 80},
            {0, 255, 0}, {30, 220, 40}, {70, 200, 60}, {20, 180, 90},
            {0, 0, 255}, {40, 30, 220}, {60, 80, 200}, {90, 20, 180}};
    private static final String[] LABELS = {"red-ish", "red-ish", "red-ish", "red-ish", "green-ish", "green-ish",
            "green-ish", "green-ish", "blue-ish", "blue-ish", "blue-ish", "blue-ish"};

    /** A HashMap in ml5's insertion order r, g, b: its iteration order is not what the network goes by. */
    private static Map<String, Object> rgb(double[] c) {
        Map<String, Object> m = new HashMap<>();
        m.put("r", c[0]);
        m.put("g", (int) c[1]);           // any Number: a Processing sketch may give ints or floats
        m.put("b", (float) c[2]);
        return m;
    }

    private static NeuralNetwork fromMaps() {
        NeuralNetwork nn = NeuralNetwork.classifier(3, "red-ish", "green-ish", "blue-ish");
        for (int i = 0; i < RGB.length; i++) {
            nn.addData(rgb(RGB[i]), LABELS[i]);
        }
        nn.normalizeData();
        nn.train(30);
        return nn;
    }

    @Test
    void mapsTrainTheModelOfTheSameArraysInSortedNameOrder(@TempDir Path dir) throws Exception {
        NeuralNetwork byName = fromMaps();
        NeuralNetwork byArray = NeuralNetwork.classifier(3, "red-ish", "green-ish", "blue-ish");
        for (int i = 0; i < RGB.length; i++) {
            byArray.addData(new double[] {RGB[i][2], RGB[i][1], RGB[i][0]}, LABELS[i]);     // b, g, r
        }
        byArray.normalizeData();
        byArray.train(30);

        assertEquals(List.of("b", "g", "r"), byName.inputColumns());
        assertEquals(List.of("b", "g", "r"), byName.collectedData().columnNames());
        for (int l = 0; l < byName.layers().size(); l++) {
            assertArrayEquals(byArray.layers().get(l).weights(), byName.layers().get(l).weights(), "weights of layer " + l);
            assertArrayEquals(byArray.layers().get(l).bias(), byName.layers().get(l).bias(), "biases of layer " + l);
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("r", 250);
        query.put("g", 10);
        query.put("b", 5);
        assertEquals(byArray.classify(new double[] {5, 10, 250}), byName.classify(query));
        assertEquals("red-ish", byName.classify(query).get(0).label());
        assertArrayEquals(byArray.predict(new double[] {5, 10, 250}), byName.predict(Map.of("r", 250, "g", 10, "b", 5)));

        byName.save(dir.resolve("rgb.json"));                 // the names and the normalizer travel in the file
        NeuralNetwork back = NeuralNetwork.load(dir.resolve("rgb.json"));
        assertEquals(byName.classify(query), back.classify(query));
    }

    @Test
    void regressionByName() {
        NeuralNetwork nn = NeuralNetwork.regressor(2, 1);
        NeuralNetwork arrays = NeuralNetwork.regressor(2, 1);
        for (int i = 0; i < 20; i++) {
            nn.addData(Map.of("width", i, "height", 2 * i % 7), new double[] {3 * i + 2 * i % 7});
            arrays.addData(new double[] {2 * i % 7, i}, new double[] {3 * i + 2 * i % 7});        // height, width
        }
        nn.normalizeData();
        arrays.normalizeData();
        nn.train(5);
        arrays.train(5);
        assertEquals(List.of("height", "width"), nn.inputColumns());
        assertArrayEquals(arrays.predict(new double[] {4, 9}), nn.predict(Map.of("width", 9, "height", 4)));
    }

    @Test
    void aNetworkWithNamesKeepsItsOrder() {
        // a loaded or hand-named network's weights follow its own order, not the sorted one
        NeuralNetwork nn = NeuralNetwork.classifier(3, "red-ish", "green-ish", "blue-ish");
        nn.setInputColumns(List.of("r", "g", "b"));
        nn.addData(rgb(RGB[0]), LABELS[0]);
        assertEquals(List.of("r", "g", "b"), nn.inputColumns());
        assertArrayEquals(new float[] {255, 0, 0}, nn.collectedData().inputs());
    }

    @Test
    void laterExamplesMustHaveTheSameNames() {
        NeuralNetwork nn = NeuralNetwork.classifier(3, "red-ish", "green-ish", "blue-ish");
        nn.addData(rgb(RGB[0]), LABELS[0]);
        assertMessage("every example must have the inputs [b, g, r]; missing [b]; extra [blue]",
                () -> nn.addData(Map.of("r", 1, "g", 2, "blue", 3), "red-ish"));
        assertMessage("every example must have the inputs [b, g, r]; missing [b]",
                () -> nn.addData(Map.of("r", 1, "g", 2), "red-ish"));
        assertMessage("every example must have the inputs [b, g, r]; extra [a]",
                () -> nn.addData(Map.of("r", 1, "g", 2, "b", 3, "a", 4), "red-ish"));
        assertEquals(1, nn.collectedData().size());           // nothing refused went in
    }

    @Test
    void badValuesAndNamesAreRefused() {
        NeuralNetwork nn = NeuralNetwork.classifier(3, "red-ish", "green-ish", "blue-ish");
        assertMessage("input \"g\" must be a number, got String \"0\"; addData(Map, ...) takes numbers only",
                () -> nn.addData(Map.of("r", 255, "g", "0", "b", 0), "red-ish"));
        Map<String, Object> withNull = new HashMap<>(Map.of("r", 255, "b", 0));
        withNull.put("g", null);
        assertMessage("input \"g\" must be a number, got null", () -> nn.addData(withNull, "red-ish"));
        assertMessage("input \"r\" is NaN; expected a finite number",
                () -> nn.addData(Map.of("r", Double.NaN, "g", 0, "b", 0), "red-ish"));
        assertMessage("the example has 2 inputs [g, r] but the network has 3; give one value per input",
                () -> nn.addData(Map.of("r", 255, "g", 0), "red-ish"));
        assertMessage("input name \"color=red\" has '='", () -> nn.addData(Map.of("color=red", 1, "g", 0, "b", 0), "red-ish"));
        assertMessage("input names must not be null or blank, got \" \"", () -> nn.addData(Map.of(" ", 1, "g", 0, "b", 0), "red-ish"));
        assertMessage("the example has no inputs", () -> nn.addData(Map.of(), "red-ish"));
        assertMessage("unknown label \"purple\"", () -> nn.addData(Map.of("r", 255, "g", 0, "b", 255), "purple"));
        assertEquals("the example must not be null; give a map from input name to number",
                assertThrows(NullPointerException.class, () -> nn.addData((Map<String, ?>) null, "red-ish")).getMessage());
        // none of the refused examples fixed the names or the kind of data: arrays still go in
        assertEquals(List.of(), nn.inputColumns());
        nn.addData(new double[] {1, 2, 3}, "red-ish");
        assertEquals(1, nn.collectedData().size());
    }

    @Test
    void arraysAndMapsDoNotMix() {
        NeuralNetwork arraysFirst = NeuralNetwork.classifier(3, "red-ish", "green-ish", "blue-ish");
        arraysFirst.addData(new double[] {255, 0, 0}, "red-ish");
        assertMessage("this network's examples were added as arrays (1 so far), in input order; add every example "
                + "the same way (or clearData() first)", () -> arraysFirst.addData(rgb(RGB[1]), "red-ish"));
        NeuralNetwork mapsFirst = NeuralNetwork.regressor(3, 1);
        mapsFirst.addData(rgb(RGB[0]), new double[] {1});
        assertMessage("this network's examples were added as maps by input name [b, g, r]; add every example the "
                + "same way (or clearData() first)", () -> mapsFirst.addData(new double[] {0, 0, 255}, new double[] {1}));
        assertMessage("were added as maps", () -> mapsFirst.addData(new float[] {0, 0, 255}, new float[] {1}));
        // clearData forgets the kind of data; the network keeps its names, so maps still go by them
        mapsFirst.clearData();
        mapsFirst.addData(new double[] {0, 0, 255}, new double[] {1});
        assertEquals(List.of("b", "g", "r"), mapsFirst.inputColumns());
    }

    @Test
    void renamingTheInputsBetweenAddDataAndTrainIsRefused() {
        NeuralNetwork nn = NeuralNetwork.classifier(3, "red-ish", "green-ish", "blue-ish");
        for (int i = 0; i < RGB.length; i++) {
            nn.addData(rgb(RGB[i]), LABELS[i]);
        }
        nn.setInputColumns(List.of("r", "g", "b"));          // would silently read the b column as r
        assertEquals("the examples were added by the input names [b, g, r] but the network's inputColumns() are now "
                + "[r, g, b]; setInputColumns back, or clearData() and add them again",
                assertThrows(IllegalStateException.class, () -> nn.train(1)).getMessage());
    }

    @Test
    void oneHotNamedNetworksRefuseMapExamples() {
        NeuralNetwork nn = NeuralNetwork.classifier(3, "a", "b");
        nn.setInputColumns(List.of("size", "color=blue", "color=red"));
        assertMessage("include one-hot groups (col=value); addData(Map, ...) takes numeric inputs only",
                () -> nn.addData(Map.of("size", 1, "color", "red"), "a"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        Messages.assertMessage(assertThrows(IllegalArgumentException.class, call), expected);
    }
}
