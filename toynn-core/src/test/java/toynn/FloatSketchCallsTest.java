package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static toynn.Messages.assertMessage;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Processing sketch holds its numbers in {@code float[]} ({@code random()}, {@code mouseX}, colours):
 * the sketch calls — {@code classify}, {@code addData}, {@code trainStep} — take {@code float[]} as
 * they take {@code double[]}, with the same answers, the same trained weights and the same errors.
 */
class FloatSketchCallsTest {
    private static final float[][] XS = {{120, 45}, {300, 380}, {200, 100}, {130, 60}, {310, 360}, {190, 120}};
    private static final String[] LABELS = {"red", "blue", "green", "red", "blue", "green"};

    private static double[] wide(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void addDataAndClassifyWithFloatsGiveTheDoubleModel() {
        NeuralNetwork f = NeuralNetwork.classifier(2, "red", "green", "blue");
        NeuralNetwork d = NeuralNetwork.classifier(2, "red", "green", "blue");
        for (int i = 0; i < XS.length; i++) {
            f.addData(XS[i], LABELS[i]);
            d.addData(wide(XS[i]), LABELS[i]);
        }
        f.normalizeData();
        d.normalizeData();
        f.train(200);
        d.train(200);
        assertArrayEquals(d.layers().get(0).weights(), f.layers().get(0).weights());
        float[] ask = {125, 50};
        List<Classification> byFloat = f.classify(ask);
        List<Classification> byDouble = d.classify(wide(ask));
        assertEquals(byDouble.size(), byFloat.size());
        for (int i = 0; i < byDouble.size(); i++) {
            assertEquals(byDouble.get(i).label(), byFloat.get(i).label());
            assertEquals(byDouble.get(i).confidence(), byFloat.get(i).confidence());
        }
        assertEquals("red", byFloat.get(0).label());
    }

    @Test
    void regressionDataWithFloats() {
        NeuralNetwork f = NeuralNetwork.regressor(1, 1);
        f.addData(new float[] {20}, new float[] {68});
        f.addData(new float[] {30}, new float[] {86});
        assertArrayEquals(new float[] {20, 30}, f.collectedData().inputs());
        assertArrayEquals(new float[] {68, 86}, f.collectedData().targets());
    }

    @Test
    void binaryClassifyWithFloats() {
        NeuralNetwork nn = NeuralNetwork.seeded(3, 2, 4, 1);
        nn.setClassNames(List.of("off", "on"));
        float[] x = {1, 0};
        double p = nn.predict(wide(x))[0];
        List<Classification> c = nn.classify(x);
        assertEquals(p >= 0.5 ? "on" : "off", c.get(0).label());
        assertEquals(nn.classify(wide(x)).get(1).confidence(), c.get(1).confidence());
    }

    @Test
    void trainStepWithFloatsIsTheFloatTrainStep() {
        NeuralNetwork stepped = NeuralNetwork.seeded(1, 2, 2, 1);
        NeuralNetwork trained = NeuralNetwork.seeded(1, 2, 2, 1);
        float[][] xs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] ts = {{0}, {1}, {1}, {0}};
        TrainingStep last = null;
        for (int i = 0; i < 40; i++) {
            last = stepped.trainStep(xs[i % 4], ts[i % 4]);
            trained.train(xs[i % 4], ts[i % 4]);
        }
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(trained.layers().get(l).weights(), stepped.layers().get(l).weights());
            assertArrayEquals(trained.layers().get(l).bias(), stepped.layers().get(l).bias());
        }
        assertEquals(1.0, last.input().get(0, 0));
        assertEquals(0.0, last.target().get(0, 0));
    }

    @Test
    void badFloatInputIsNamedAsForDoubles() {
        NeuralNetwork nn = NeuralNetwork.classifier(2, "a", "b");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> nn.classify(new float[] {1})),
                "input has 1 values but the network expects 2");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> nn.classify((float[]) null)),
                "input must not be null");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> nn.addData(new float[] {1, Float.NaN}, "a")),
                "input[1] is NaN");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> nn.trainStep(new float[] {1, 0}, new float[] {1})), "target has 1 values but the network expects 2");
        NeuralNetwork reg = NeuralNetwork.regressor(2, 1);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> reg.addData(new float[] {1, 2}, new float[] {1, 2})), "target has 2 values but the network expects 1");
    }
}
