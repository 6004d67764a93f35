package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import toynn.NeuralNetwork;

class Ml5MetadataTest {
    /** The shape ml5.js 1.x saves for the colour classifier of its examples. */
    static final String CLASSIFIER = """
        {"inputUnits": [4], "outputUnits": 3,
         "inputs": {"r": {"dtype": "number", "min": 0, "max": 255},
                    "g": {"dtype": "number", "min": 10, "max": 250},
                    "shade": {"dtype": "string", "min": 0, "max": 1, "uniqueValues": ["dark", "light"],
                              "legend": {"dark": [1, 0], "light": [0, 1]}}},
         "outputs": {"label": {"dtype": "string", "min": 0, "max": 1, "uniqueValues": ["red", "green", "blue"],
                               "legend": {"red": [0, 1, 0], "green": [1, 0, 0], "blue": [0, 0, 1]}}},
         "isNormalized": true}
        """;

    static final String REGRESSION = """
        {"inputUnits": 2, "outputUnits": 1,
         "inputs": {"x": {"dtype": "number", "min": -1, "max": 1}, "y": {"dtype": "number", "min": 0, "max": 4}},
         "outputs": {"price": {"dtype": "number", "min": 100, "max": 900}},
         "isNormalized": true}
        """;

    @Test
    void classifierMetadataGivesRangesAndLabelsInOneHotOrder() {
        Ml5Metadata m = Ml5Metadata.read(CLASSIFIER);
        assertTrue(m.normalized());
        assertTrue(m.isClassification());
        assertEquals(List.of("r", "g", "shade=dark", "shade=light"), m.inputNames());
        assertArrayEquals(new double[] {0, 10, 0, 0}, m.inputMin());
        assertArrayEquals(new double[] {255, 250, 1, 1}, m.inputMax());
        assertEquals(List.of("green", "red", "blue"), m.classNames());     // the legend decides the order
        assertEquals(4, m.inputUnits());
        assertEquals(3, m.outputUnits());
    }

    @Test
    void regressionMetadataGivesOutputRanges() {
        Ml5Metadata m = Ml5Metadata.read(REGRESSION);
        assertFalse(m.isClassification());
        assertEquals(List.of("price"), m.outputNames());
        assertArrayEquals(new double[] {100}, m.outputMin());
        assertArrayEquals(new double[] {900}, m.outputMax());
    }

    /** ml5 labels one output unit per class, so a one-output binary classifier is written as its number output. */
    @Test
    void aOneOutputClassifierIsWrittenAsOneNumberOutput() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);
        nn.setClassNames(List.of("no", "yes"));
        Ml5Metadata m = Ml5Metadata.read(Ml5Metadata.of(nn).toJson());
        assertFalse(m.isClassification());
        assertEquals(1, m.outputUnits());
        assertEquals(List.of("y0"), m.outputNames());
        NeuralNetwork other = NeuralNetwork.seeded(1, 2, 3, 1);
        m.applyTo(other);                                        // fits the network it came from
        assertEquals(List.of(), other.classNames());
    }

    @Test
    void writtenMetadataReadsBackTheSame() {
        for (String text : List.of(CLASSIFIER, REGRESSION)) {
            Ml5Metadata m = Ml5Metadata.read(text);
            Ml5Metadata back = Ml5Metadata.read(m.toJson());
            assertEquals(m.inputNames(), back.inputNames());
            assertArrayEquals(m.inputMin(), back.inputMin());
            assertArrayEquals(m.inputMax(), back.inputMax());
            assertEquals(m.outputNames(), back.outputNames());
            assertArrayEquals(m.outputMin(), back.outputMin());
            assertArrayEquals(m.outputMax(), back.outputMax());
            assertEquals(m.classNames(), back.classNames());
            assertEquals(m.normalized(), back.normalized());
        }
    }

    @Test
    void malformedMetadataFailsClearly() {
        String msg = assertThrows(ModelFormatException.class,
                () -> Ml5Metadata.read(CLASSIFIER.replace("[4]", "[5]"))).getMessage();
        assertTrue(msg.contains("inputUnits: 5 does not match the 4 input units"), msg);
        msg = assertThrows(ModelFormatException.class,
                () -> Ml5Metadata.read(CLASSIFIER.replace("\"green\": [1, 0, 0]", "\"green\": [0, 1, 0]"))).getMessage();
        assertTrue(msg.contains("legend.green: [0.0, 1.0, 0.0] is not a one-hot code of its own"), msg);
        msg = assertThrows(ModelFormatException.class,
                () -> Ml5Metadata.read(REGRESSION.replace("\"max\": 900", "\"max\": 50"))).getMessage();
        assertTrue(msg.contains("outputs.price: max 50.0 is below min 100.0"), msg);
        msg = assertThrows(ModelFormatException.class,
                () -> Ml5Metadata.read(REGRESSION.replace("\"dtype\": \"number\", \"min\": -1", "\"dtype\": \"array\", \"min\": -1")))
                .getMessage();
        assertTrue(msg.contains("inputs.x.dtype: \"array\" is not supported"), msg);
    }

    @Test
    void isNormalizedMustBeABoolean() {
        // ml5.js writes a JSON boolean; a 1 or a "true" must not be read as "not normalised" (or guessed).
        assertEquals("ml5 model_meta.json.isNormalized: expected true or false, got the number 1", assertThrows(
                ModelFormatException.class, () -> Ml5Metadata.read(REGRESSION.replace("\"isNormalized\": true", "\"isNormalized\": 1")))
                .getMessage());
        assertEquals("ml5 model_meta.json.isNormalized: expected true or false, got the string \"true\"", assertThrows(
                ModelFormatException.class, () -> Ml5Metadata.read(REGRESSION.replace("\"isNormalized\": true", "\"isNormalized\": \"true\"")))
                .getMessage());
        assertFalse(Ml5Metadata.read(REGRESSION.replace("\"isNormalized\": true", "\"isNormalized\": false")).normalized());
        assertFalse(Ml5Metadata.read(REGRESSION.replace(",\n \"isNormalized\": true", "")).normalized());   // absent: not normalised
    }
}
