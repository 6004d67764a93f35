package toynn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import toynn.DataSet;
import toynn.NeuralNetwork;

/**
 * A normalizer with a tiny but valid spread (range or std like {@code 1e-300}) scales an ordinary value
 * beyond float32: predict, classify and the DataSet helpers refuse it, naming the column and the value,
 * instead of running the network on ±∞.
 */
class NormalizerBeyondFloat32Test {
    private static final Normalizer TINY_RANGE = Normalizer.minMax(new double[] {0, 0}, new double[] {1, 1e-300});
    private static final Normalizer TINY_STD = Normalizer.zScore(new double[] {0, 0}, new double[] {1, 1e-300});

    private static void assertNamesColumnAndValue(IllegalArgumentException e, String column, String value) {
        String m = e.getMessage();
        assertTrue(m.contains(column) && m.contains("the value " + value) && m.contains("beyond the float32 range"), m);
    }

    @Test
    void predictAndClassifyRefuseAnInputTheNormalizerMapsBeyondFloat32() {
        for (Normalizer n : List.of(TINY_RANGE, TINY_STD)) {
            NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 2);
            nn.setInputNormalizer(n);
            assertNamesColumnAndValue(assertThrows(IllegalArgumentException.class,
                    () -> nn.predict(new double[] {0.5, 1})), "input column 1", "1.0");
            assertNamesColumnAndValue(assertThrows(IllegalArgumentException.class,
                    () -> nn.predict(new float[] {0.5f, -2})), "input column 1", "-2.0");
            assertNamesColumnAndValue(assertThrows(IllegalArgumentException.class,
                    () -> nn.classify(new double[] {0.5, 1})), "input column 1", "1.0");
            assertEquals(2, nn.predict(new double[] {0.5, 0}).length);   // the value at the offset still maps to 0
        }
    }

    @Test
    void floatPredictRefusesAnOutputTheTargetNormalizerMapsBeyondFloat32() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);                  // sigmoid output in (0, 1)
        nn.setTargetNormalizer(Normalizer.minMax(new double[] {0}, new double[] {1e300}));
        double wide = nn.predict(new double[] {0.5, 1})[0];                    // doubles hold it
        assertTrue(Double.isFinite(wide) && wide > Float.MAX_VALUE, "predict(double[]) gave " + wide);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> nn.predict(new float[] {0.5f, 1}));
        assertTrue(e.getMessage().startsWith("output 0 (") && e.getMessage().contains("beyond the float32 range")
                && e.getMessage().contains("use predict(double[])"), e.getMessage());
        nn.setTargetNormalizer(Normalizer.minMax(new double[] {0}, new double[] {10}));
        assertEquals(1, nn.predict(new float[] {0.5f, 1}).length);             // an ordinary range still maps back
    }

    @Test
    void normalizeNamesTheColumnAndRow() {
        float[] y = new float[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TINY_RANGE.normalize(new float[] {0.5f, 0, 0.25f, 3}, y, 2));
        assertEquals("row 1, column 1: the value 3.0 normalizes to Infinity: this min-max normalizer (range max − min "
                + "1.0E-300) maps it beyond the float32 range (±3.4028235E38); expected a normalizer fitted on data that "
                + "varies in this column", e.getMessage());
        float[] ok = {0.5f, 0};
        TINY_RANGE.normalize(ok, ok, 1);
        assertArrayEquals(new float[] {0.5f, 0}, ok);
    }

    @Test
    void dataSetHelpersRefuseValuesTheNormalizerMapsBeyondFloat32() {
        DataSet d = DataSet.of(new float[] {0.5f, 0, 0.25f, 1e-30f}, new float[] {0, 1e-30f, 0, 0}, 2, 2, 2);
        for (Normalizer n : List.of(TINY_RANGE, TINY_STD)) {
            assertNamesColumnAndValue(assertThrows(IllegalArgumentException.class, () -> n.normalizeInputs(d)),
                    "row 1, input column 1", "1.0E-30");
            assertNamesColumnAndValue(assertThrows(IllegalArgumentException.class, () -> n.normalizeTargets(d)),
                    "row 0, target column 1", "1.0E-30");
        }
    }
}
