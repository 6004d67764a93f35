package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.io.ModelFile;
import toynn.io.ModelFormatException;
import toynn.layers.Dense;
import toynn.train.Metrics;
import toynn.util.Rng;

/**
 * A network with a single output is a binary classifier everywhere, as {@link Metrics} scores it:
 * {@code classify} answers class 1 (confidence p, the output) and class 0 (1 − p), best first, and the
 * network takes two class names (class 0's, then class 1's), which the model file keeps.
 */
class BinaryClassifierTest {
    private static final double[][] XOR_IN = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[][] XOR_OUT = {{0}, {1}, {1}, {0}};

    @TempDir
    Path dir;

    /** The lecture's XOR network, 2-4-1 sigmoid, trained until every output is on its side of 0.5. */
    private static NeuralNetwork xor() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 1);
        nn.setLearningRate(0.5);
        Rng rng = new Rng(1);
        for (int s = 0; s < 20_000; s++) {
            int k = rng.nextInt(4);
            nn.train(XOR_IN[k], XOR_OUT[k]);
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(XOR_OUT[k][0], nn.predict(XOR_IN[k])[0], 0.2, "XOR not learned at " + k);
        }
        return nn;
    }

    @Test
    void classifyAnswersAsMetricsScores() {
        NeuralNetwork nn = xor();
        for (int k = 0; k < 4; k++) {
            double p = nn.predict(XOR_IN[k])[0];
            int expected = Metrics.classOf(new float[] {(float) p}, 0, 1);
            assertEquals((int) XOR_OUT[k][0], expected);
            List<Classification> c = nn.classify(XOR_IN[k]);
            assertEquals(2, c.size());
            assertEquals(String.valueOf(expected), c.get(0).label(), "input " + k);
            assertEquals(String.valueOf(1 - expected), c.get(1).label());
            Classification one = c.get(expected == 1 ? 0 : 1);
            Classification zero = c.get(expected == 1 ? 1 : 0);
            assertEquals(p, one.confidence());
            assertEquals(1 - p, zero.confidence());
            assertTrue(c.get(0).confidence() > 0.8, "best first, with a clear margin: " + c);
        }
    }

    @Test
    void aTieIsClassOneFirstAsMetricsHasIt() {
        NeuralNetwork nn = NeuralNetwork.fromLayers(List.of(new Dense(2, 1, ActivationFunction.SIGMOID)));
        assertEquals(0.5, nn.predict(new double[] {3, -1})[0]);         // zero weights: sigmoid(0)
        assertEquals(1, Metrics.classOf(new float[] {0.5f}, 0, 1));
        assertEquals(List.of(new Classification("1", 0.5), new Classification("0", 0.5)),
                nn.classify(new double[] {3, -1}));
    }

    @Test
    void twoClassNamesNameClassZeroThenClassOne() {
        NeuralNetwork nn = xor();
        nn.setClassNames(List.of("no", "yes"));
        assertEquals(List.of("yes", "no"), labels(nn.classify(XOR_IN[1])));
        assertEquals(List.of("no", "yes"), labels(nn.classify(XOR_IN[3])));
        assertEquals(nn.predict(XOR_IN[1])[0], nn.classify(XOR_IN[1]).get(0).confidence());
    }

    @Test
    void twoClassNamesRoundTripThroughTheModelFile() throws Exception {
        NeuralNetwork nn = xor();
        nn.setClassNames(List.of("no", "yes"));
        Path file = dir.resolve("xor.json");
        nn.save(file);
        NeuralNetwork back = NeuralNetwork.load(file);
        assertEquals(List.of("no", "yes"), back.classNames());
        for (double[] x : XOR_IN) {
            assertEquals(nn.classify(x), back.classify(x));
        }
        assertEquals("yes", back.classify(XOR_IN[2]).get(0).label());
    }

    @Test
    void threeClassNamesForOneOutputAreRefused() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 1);
        assertEquals("3 class names for 1 output; expected two (class 0's, then class 1's: a single output is a binary"
                + " classifier)", assertThrows(IllegalArgumentException.class,
                        () -> nn.setClassNames(List.of("a", "b", "c"))).getMessage());
        JsonObject root = JsonParser.parseString(nn.toJson()).getAsJsonObject();
        root.add("classNames", JsonParser.parseString("[\"a\", \"b\", \"c\"]"));
        assertEquals("model.classNames: 3 names but the network has 1 output; expected two (class 0's, then class 1's:"
                + " a single output is a binary classifier)", assertThrows(ModelFormatException.class,
                        () -> ModelFile.read(root.toString())).getMessage());
        assertEquals("class names must be distinct and not null, got [a, a]",
                assertThrows(IllegalArgumentException.class, () -> nn.setClassNames(List.of("a", "a"))).getMessage());
    }

    @Test
    void aSingleNameFromOlderFilesStillLoadsAndLeavesTheClassesZeroAndOne() {
        NeuralNetwork nn = xor();
        JsonObject root = JsonParser.parseString(nn.toJson()).getAsJsonObject();
        root.add("classNames", JsonParser.parseString("[\"yes\"]"));
        NeuralNetwork back = ModelFile.read(root.toString());
        assertEquals(List.of("yes"), back.classNames());
        assertEquals(List.of("1", "0"), labels(back.classify(XOR_IN[1])));
        assertEquals(List.of("0", "1"), labels(back.classify(XOR_IN[0])));
    }

    @Test
    void addDataTakesTwoLabelsForOneOutput() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(2).dense(8, ActivationFunction.TANH)
                .dense(1, ActivationFunction.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY)
                .optimizer(toynn.train.Adam.of(0.05)).seed(3).build();
        String[] names = {"no", "yes", "yes", "no"};
        for (int k = 0; k < 4; k++) {
            nn.addData(XOR_IN[k], names[k]);
        }
        DataSet d = nn.collectedData();
        assertEquals(1, d.targetSize());
        assertArrayEquals(new float[] {0, 1, 1, 0}, d.targets());            // first label 0, second 1
        assertEquals("label \"maybe\" would be class 3, but the network has 1 output, a binary classifier of two classes;"
                + " the labels so far are [no, yes]", assertThrows(IllegalArgumentException.class,
                        () -> nn.addData(XOR_IN[0], "maybe")).getMessage());
        nn.train(500);
        assertEquals(List.of("no", "yes"), nn.classNames());
        for (int k = 0; k < 4; k++) {
            assertEquals(names[k], nn.classify(XOR_IN[k]).get(0).label(), "input " + k);
        }
    }

    /** One label on one output would be trained as 1 and flip to 0 once the other class came: refused. */
    @Test
    void oneLabelOnOneOutputIsRefusedAtTraining() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(2).dense(4, ActivationFunction.TANH)
                .dense(1, ActivationFunction.SIGMOID).seed(3).build();
        nn.addData(XOR_IN[0], "yes");
        nn.addData(XOR_IN[1], "yes");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> nn.train(1));
        assertTrue(e.getMessage().contains("one label [yes]") && e.getMessage().contains("other class"), e.getMessage());
        assertEquals(0, nn.epochsTrained());
        nn.addData(XOR_IN[2], "no");
        nn.train(1);                                                           // both classes: fine
        assertEquals(List.of("yes", "no"), nn.classNames());
    }

    /** A regressor's outputs are numbers, not class scores: classify refuses instead of a "confidence" of −41.7. */
    @Test
    void classifyRefusesRegressors() {
        NeuralNetwork r = NeuralNetwork.regressor(2, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.classify(XOR_IN[1]));
        assertTrue(e.getMessage().contains("regressor") && e.getMessage().contains("use predict"), e.getMessage());
        NeuralNetwork n = NeuralNetwork.seeded(1, 2, 4, 1);
        n.setTargetNormalizer(toynn.data.Normalizer.minMax(new double[] {0}, new double[] {100}));
        assertThrows(IllegalStateException.class, () -> n.classify(XOR_IN[1]));
    }

    @Test
    void twoOrMoreOutputsAreUnchanged() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 2);
        nn.setClassNames(List.of("no", "yes"));
        double[] y = nn.predict(XOR_IN[1]);
        List<Classification> c = nn.classify(XOR_IN[1]);
        assertEquals(2, c.size());
        int best = y[1] > y[0] ? 1 : 0;
        assertEquals(new Classification(List.of("no", "yes").get(best), y[best]), c.get(0));
        assertEquals(new Classification(List.of("no", "yes").get(1 - best), y[1 - best]), c.get(1));
    }

    private static List<String> labels(List<Classification> c) {
        return c.stream().map(Classification::label).toList();
    }
}
