package toynn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import toynn.DataSet;
import toynn.io.ModelFormatException;

/** Min-max and z-score normalisation, its inverse and its JSON form. */
class NormalizerTest {
    // (4, 3): a spread column, a negative column, a constant column
    private static final float[] DATA = {
        2, -1, 7,
        4, -3, 7,
        6, -5, 7,
        10, -7, 7};

    @Test
    void minMaxMapsTrainingValuesOntoZeroToOne() {
        Normalizer n = Normalizer.fit(Normalizer.Method.MIN_MAX, DATA, 4, 3);
        assertArrayEquals(new double[] {2, -7, 7}, n.offsets());
        assertArrayEquals(new double[] {10, -1, 7}, n.spreads());
        float[] y = new float[12];
        n.normalize(DATA, y, 4);
        assertArrayEquals(new float[] {
            0, 1, 0,
            0.25f, 4 / 6f, 0,
            0.5f, 2 / 6f, 0,
            1, 0, 0}, y, 1e-7f);
    }

    @Test
    void zScoreGivesMeanZeroAndUnitDeviation() {
        Normalizer n = Normalizer.fit(Normalizer.Method.Z_SCORE, DATA, 4, 3);
        // column 0: mean 5.5, population variance ((3.5² + 1.5² + 0.5² + 4.5²) / 4) = 8.75
        assertEquals(5.5, n.offsets()[0], 1e-12);
        assertEquals(Math.sqrt(8.75), n.spreads()[0], 1e-12);
        assertEquals(0, n.spreads()[2]);
        float[] y = new float[12];
        n.normalize(DATA, y, 4);
        for (int c = 0; c < 2; c++) {
            double mean = 0;
            double sq = 0;
            for (int r = 0; r < 4; r++) {
                mean += y[r * 3 + c] / 4.0;
                sq += y[r * 3 + c] * (double) y[r * 3 + c] / 4.0;
            }
            assertEquals(0, mean, 1e-6);
            assertEquals(1, sq, 1e-6);
        }
        assertEquals(0f, y[2]);                        // constant column: only shifted
    }

    /** max − min beyond the double range made the scale 1/∞ = 0: every value normalised to 0. */
    @Test
    void aRangeThatOverflowsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Normalizer.minMax(new double[] {0, -1e308}, new double[] {1, 1e308}));
        assertTrue(e.getMessage().contains("column 1") && e.getMessage().contains("overflows"), e.getMessage());
        Normalizer.minMax(new double[] {-8e307}, new double[] {8e307});          // 1.6e308 still fits
    }

    @Test
    void subnormalSpreadIsTreatedAsConstant() {
        // 1 / 1e-320 is infinite: the values would become infinite (NaN at the offset itself).
        Normalizer mm = Normalizer.minMax(new double[] {2, 0}, new double[] {4, 1e-320});
        Normalizer z = Normalizer.zScore(new double[] {2, 0}, new double[] {2, 1e-320});
        assertArrayEquals(new double[] {0.5, 3}, mm.normalize(new double[] {3, 3}));     // only shifted, by min 0
        assertArrayEquals(new double[] {1, 0}, z.normalize(new double[] {4, 0}));        // only shifted, by mean 0
        float[] y = {3, 3};
        mm.normalize(y, y, 1);
        assertArrayEquals(new float[] {0.5f, 3}, y);
        mm.denormalize(y, y, 1);
        assertArrayEquals(new float[] {3, 3}, y);
        assertArrayEquals(new double[] {4, 0}, z.denormalize(new double[] {1, 0}));
    }

    @Test
    void denormalizeUndoesNormalize() {
        for (Normalizer.Method m : Normalizer.Method.values()) {
            Normalizer n = Normalizer.fit(m, DATA, 4, 3);
            float[] y = DATA.clone();
            n.normalize(y, y, 4);                      // in place
            n.denormalize(y, y, 4);
            assertArrayEquals(DATA, y, 1e-5f);
            double[] raw = {3.25, 100, -2};
            assertArrayEquals(raw, n.denormalize(n.normalize(raw)), 1e-12);
        }
    }

    @Test
    void dataSetHelpersCopy() {
        DataSet d = DataSet.of(DATA.clone(), new float[] {1, 2, 3, 4}, 4, 3, 1);
        Normalizer n = Normalizer.fitInputs(Normalizer.Method.MIN_MAX, d);
        DataSet x = n.normalizeInputs(d);
        assertArrayEquals(DATA, d.inputs());               // the original is unchanged
        assertEquals(1f, x.inputs()[9]);
        Normalizer t = Normalizer.fitTargets(Normalizer.Method.MIN_MAX, d);
        assertArrayEquals(new float[] {0, 1 / 3f, 2 / 3f, 1}, t.normalizeTargets(d).targets(), 1e-7f);
        assertEquals("the data has 1 targets per example but this normalizer was fitted to 3 columns",
                assertThrows(IllegalArgumentException.class, () -> n.normalizeTargets(d)).getMessage());
    }

    @Test
    void jsonRoundTripIsExact() {
        for (Normalizer.Method m : Normalizer.Method.values()) {
            Normalizer n = Normalizer.fit(m, new float[] {0.1f, 1e-7f, 3.3333333f, 12345.679f}, 2, 2);
            Normalizer back = Normalizer.fromJson(JsonParser.parseString(n.toJson().toString()).getAsJsonObject(), "n");
            assertEquals(n, back);
        }
        assertEquals("{\"method\":\"min-max\",\"min\":[1.0,2.0],\"max\":[3.0,4.0]}",
                Normalizer.minMax(new double[] {1, 2}, new double[] {3, 4}).toJson().toString());
    }

    @Test
    void badJsonNamesTheField() {
        assertEquals("m.method: \"log\" is unknown; expected \"min-max\" or \"z-score\"",
                assertThrows(ModelFormatException.class, () -> Normalizer.fromJson(
                        JsonParser.parseString("{\"method\":\"log\"}").getAsJsonObject(), "m")).getMessage());
        assertEquals("m: \"mean\" has 2 values and \"std\" 1; expected the same number, at least one",
                assertThrows(ModelFormatException.class, () -> Normalizer.fromJson(JsonParser.parseString(
                        "{\"method\":\"z-score\",\"mean\":[1,2],\"std\":[1]}").getAsJsonObject(), "m")).getMessage());
        assertEquals("m: column 0: std -1.0 is negative",
                assertThrows(ModelFormatException.class, () -> Normalizer.fromJson(JsonParser.parseString(
                        "{\"method\":\"z-score\",\"mean\":[1],\"std\":[-1]}").getAsJsonObject(), "m")).getMessage());
        assertEquals("m.min[0]: expected a number, got the string \"a\"",
                assertThrows(ModelFormatException.class, () -> Normalizer.fromJson(JsonParser.parseString(
                        "{\"method\":\"min-max\",\"min\":[\"a\"],\"max\":[1]}").getAsJsonObject(), "m")).getMessage());
    }

    @Test
    void nullDataIsNamed() {
        assertEquals("data must not be null", assertThrows(NullPointerException.class,
                () -> Normalizer.fitInputs(Normalizer.Method.MIN_MAX, null)).getMessage());
        assertEquals("data must not be null", assertThrows(NullPointerException.class,
                () -> Normalizer.fitTargets(Normalizer.Method.Z_SCORE, null)).getMessage());
        Normalizer n = Normalizer.minMax(new double[] {0}, new double[] {1});
        assertEquals("data must not be null",                       // were bare NullPointerExceptions
                assertThrows(NullPointerException.class, () -> n.normalizeInputs(null)).getMessage());
        assertEquals("data must not be null",
                assertThrows(NullPointerException.class, () -> n.normalizeTargets(null)).getMessage());
        assertTrue(assertThrows(ModelFormatException.class, () -> Normalizer.fromJson(null, "m.inputs")).getMessage()
                .startsWith("m.inputs: no normalizer (null)"));
    }

    @Test
    void methodNames() {
        assertEquals(Normalizer.Method.MIN_MAX, Normalizer.Method.byName("minmax"));
        assertEquals(Normalizer.Method.Z_SCORE, Normalizer.Method.byName("Z-Score"));
        assertEquals("unknown normalization 'log'; expected min-max or z-score",
                assertThrows(IllegalArgumentException.class, () -> Normalizer.Method.byName("log")).getMessage());
    }
}
