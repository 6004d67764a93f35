package toynn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.layers.Dense;

class MetricsTest {
    // 6 samples, 3 classes; true: 0 0 1 1 2 2, predicted: 0 1 1 1 2 0
    private static final float[] TARGETS = {1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1};
    private static final float[] OUTPUTS = {.8f, .1f, .1f, .3f, .6f, .1f, .2f, .7f, .1f, .1f, .5f, .4f, .1f, .2f, .7f,
        .5f, .2f, .3f};

    @Test
    void classificationScoresByHand() {
        int[][] cm = Metrics.confusionMatrix(OUTPUTS, TARGETS, 6, 3);
        assertArrayEquals(new int[] {1, 1, 0}, cm[0]);
        assertArrayEquals(new int[] {0, 2, 0}, cm[1]);
        assertArrayEquals(new int[] {1, 0, 1}, cm[2]);
        assertEquals(4.0 / 6, Metrics.accuracy(OUTPUTS, TARGETS, 6, 3), 1e-12);
        // class 1: predicted 3 times, 2 right → precision 2/3; occurs twice, both found → recall 1; F1 = 0.8
        assertEquals(2.0 / 3, Metrics.precision(cm, 1), 1e-12);
        assertEquals(1.0, Metrics.recall(cm, 1), 1e-12);
        assertEquals(0.8, Metrics.f1(cm, 1), 1e-12);
        // class 0: precision 1/2, recall 1/2, F1 1/2
        assertEquals(0.5, Metrics.f1(cm, 0), 1e-12);
        int[][] none = {{0, 1}, {0, 1}};
        assertEquals(0.0, Metrics.precision(none, 0), "nothing predicted as 0: precision 0, not NaN");
    }

    /** The raw-array scores used to fail with ArrayIndexOutOfBoundsException, or answer NaN or 1.0 for no rows. */
    @Test
    void badSizesAreRefusedWithTheShapeExpected() {
        float[] four = new float[4];
        for (Executable call : List.<Executable>of(
                () -> Metrics.accuracy(new float[1], four, 2, 2),
                () -> Metrics.mse(four, new float[3], 2, 2),
                () -> Metrics.mae(null, four, 2, 2),
                () -> Metrics.confusionMatrix(four, four, 2, 0),
                () -> Metrics.countCorrect(four, four, -1, 2))) {
            assertTrue(assertThrows(IllegalArgumentException.class, call).getMessage().contains("must each hold"));
        }
        assertEquals("outputs and targets must each hold 0×1 values (at least 1×1), got 0 and 0",
                assertThrows(IllegalArgumentException.class, () -> Metrics.r2(new float[0], new float[0], 0, 1))
                        .getMessage());
        assertEquals("class 5 does not exist; the confusion matrix has classes 0 to 1",
                assertThrows(IllegalArgumentException.class, () -> Metrics.precision(new int[2][2], 5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.recall(new int[2][2], -1));
        assertThrows(IllegalArgumentException.class, () -> Metrics.f1(null, 0));
        assertEquals("row 3 does not exist: 4 values of 2 columns hold rows 0 to 1",
                assertThrows(IllegalArgumentException.class, () -> Metrics.classOf(four, 3, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of(null, four, 2, 2, List.of(), true, 0));
        assertEquals(1.0, Metrics.accuracy(new float[] {0, 1, 9}, new float[] {0, 1, 7}, 1, 2),
                "longer arrays are fine: the first rows·cols values count");
    }

    @Test
    void edgeRowsAndRaggedConfusionMatricesAreNamed() {
        // row 2^31 − 1: (row + 1) · cols overflowed int and the check passed, then values[row] failed bare
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.classOf(new float[4], Integer.MAX_VALUE, 1));
        assertTrue(e.getMessage().contains("row 2147483647 does not exist"), e.getMessage());
        // a confusion matrix that is not square: the column sum read past a short row
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.precision(new int[][] {{1}, {1, 2}}, 1));
        assertTrue(e.getMessage().contains("must be square, 2×2") && e.getMessage().contains("row 0 has 1 values"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.recall(new int[][] {null, {1, 2}}, 1));
        assertTrue(e.getMessage().contains("row 0 has no array"), e.getMessage());
        assertEquals(2.0 / 3, Metrics.precision(new int[][] {{1, 1}, {0, 2}}, 1), 1e-12);
    }

    @Test
    void regressionScoresByHand() {
        float[] t = {1, 2, 3, 4};
        float[] o = {1, 2, 3, 5};
        assertEquals(0.25, Metrics.mse(o, t, 4, 1), 1e-12);
        assertEquals(0.25, Metrics.mae(o, t, 4, 1), 1e-12);
        assertEquals(1 - 1.0 / 5, Metrics.r2(o, t, 4, 1), 1e-12);           // SS_res 1, SS_tot 5
        // two columns: the second predicted by its mean → R² 0; uniform average 0.4
        float[] t2 = {1, 0, 2, 2, 3, 4, 4, 6};
        float[] o2 = {1, 3, 2, 3, 3, 3, 5, 3};
        assertEquals((0.8 + 0.0) / 2, Metrics.r2(o2, t2, 4, 2), 1e-12);
    }

    @Test
    void singleOutputIsBinaryWithThreshold() {
        float[] t = {0, 1, 1, 0};
        float[] o = {0.2f, 0.7f, 0.4f, 0.5f};
        int[][] cm = Metrics.confusionMatrix(o, t, 4, 1);
        assertArrayEquals(new int[] {1, 1}, cm[0]);
        assertArrayEquals(new int[] {1, 1}, cm[1]);
    }

    @Test
    void evaluateScoresTheNetworksOwnOutputs() {
        // A 3→3 linear network with identity weights outputs its input, so the "outputs" are ours to choose.
        NeuralNetwork nn = NeuralNetwork.fromLayers(List.of(identity()));
        DataSet d = DataSet.of(OUTPUTS.clone(), TARGETS.clone(), 6, 3, 3, List.of("cat", "dog", "fox"), List.of());
        Evaluation ev = nn.evaluate(d);
        assertTrue(ev.isClassification());
        assertEquals(4.0 / 6, ev.accuracy(), 1e-12);
        assertEquals(List.of("cat", "dog", "fox"), ev.classNames());
        assertArrayEquals(Metrics.confusionMatrix(OUTPUTS, TARGETS, 6, 3)[2], ev.confusionMatrix()[2]);
        assertEquals(0.8, ev.f1(1), 1e-12);
        double loss = 0;
        for (int i = 0; i < 18; i++) {
            loss += 0.5 * (TARGETS[i] - OUTPUTS[i]) * (TARGETS[i] - OUTPUTS[i]);
        }
        assertEquals(loss / 6, ev.loss(), 1e-6);
        assertTrue(ev.toString().contains("fox"));
    }

    @Test
    void regressionEvaluationHasNoClassScores() {
        NeuralNetwork nn = NeuralNetwork.fromLayers(List.of(identity()));
        float[] t = {0.5f, 2, -1, 3, 1, 1};
        DataSet d = DataSet.of(new float[] {0.5f, 2, -1, 2, 1, 2}, t, 2, 3, 3);
        Evaluation ev = nn.evaluate(d);
        assertFalse(ev.isClassification());
        assertTrue(Double.isNaN(ev.accuracy()));
        assertEquals(2.0 / 6, ev.mse(), 1e-12);
        assertThrows(IllegalStateException.class, () -> ev.f1(0));
        assertFalse(Metrics.isClassification(d, Loss.MSE, ActivationFunction.LINEAR));
    }

    private static Dense identity() {
        Dense d = new Dense(3, 3, ActivationFunction.LINEAR);
        for (int i = 0; i < 3; i++) {
            d.weights()[i * 3 + i] = 1f;
        }
        return d;
    }
}
