package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.data.BundledData;
import toynn.train.History;

/**
 * The ml5-style path a sketch takes: {@code classifier}/{@code regressor}, {@code addData},
 * {@code normalizeData}, {@code train(epochs)}, {@code classify}/{@code predict} — on raw inputs.
 */
class SketchApiTest {

    private static double[] row(DataSet d, int i) {
        double[] r = new double[d.inputSize()];
        for (int j = 0; j < r.length; j++) {
            r[j] = d.inputs()[i * d.inputSize() + j];
        }
        return r;
    }

    /** Trains a {@link NeuralNetwork#classifier} on a seeded split of a bundled set; returns it and its test accuracy. */
    private static double accuracy(NeuralNetwork nn, DataSet test) {
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            String truth = test.classNames().get(test.label(i));
            if (nn.classify(row(test, i)).get(0).label().equals(truth)) {
                right++;
            }
        }
        return right / (double) test.size();
    }

    private static NeuralNetwork sketch(DataSet train, int epochs) {
        NeuralNetwork nn = NeuralNetwork.classifier(train.inputSize(), train.classNames().toArray(new String[0]));
        for (int i = 0; i < train.size(); i++) {
            nn.addData(row(train, i), train.classNames().get(train.label(i)));
        }
        nn.normalizeData();
        nn.train(epochs);
        return nn;
    }

    @Test
    void irisAbove93Percent(@TempDir Path dir) throws Exception {
        DataSet.Split s = BundledData.load("iris").split(0.2, 42);          // 120 to train, 30 to test
        NeuralNetwork nn = sketch(s.train(), 100);
        double acc = accuracy(nn, s.test());
        assertTrue(acc >= 0.93, "iris test accuracy " + acc);
        // saved and loaded, it classifies raw measurements the same (normalizer and class names are in the file)
        nn.save(dir.resolve("iris.json"));
        NeuralNetwork back = NeuralNetwork.load(dir.resolve("iris.json"));
        for (int i = 0; i < s.test().size(); i++) {
            assertEquals(nn.classify(row(s.test(), i)), back.classify(row(s.test(), i)));
        }
        assertEquals(List.of("setosa", "versicolor", "virginica"), back.classNames());
    }

    @Test
    void digitsAbove95Percent() {
        DataSet.Split s = BundledData.load("digits").split(0.2, 42);
        NeuralNetwork nn = sketch(s.train(), 50);
        double acc = accuracy(nn, s.test());
        assertTrue(acc >= 0.95, "digits test accuracy " + acc);
    }

    @Test
    void sameDataSameModel() {
        DataSet.Split s = BundledData.load("iris").split(0.2, 1);
        NeuralNetwork a = sketch(s.train(), 5);
        NeuralNetwork b = sketch(s.train(), 5);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(a.predict(row(s.test(), i)), b.predict(row(s.test(), i)));
        }
    }

    /** "Calling it again continues where the last call stopped": train(2) then train(3) is train(5), bit for bit. */
    @Test
    void trainInTwoCallsGivesTheModelOfOneCall() {
        DataSet train = BundledData.load("iris").split(0.2, 1).train();
        NeuralNetwork whole = sketch(train, 5);
        NeuralNetwork parts = sketch(train, 2);
        parts.train(3);
        assertEquals(5, parts.epochsTrained());
        for (int l = 0; l < whole.layers().size(); l++) {
            assertArrayEquals(whole.layers().get(l).weights(), parts.layers().get(l).weights(), "weights of layer " + l);
            assertArrayEquals(whole.layers().get(l).bias(), parts.layers().get(l).bias(), "biases of layer " + l);
        }
    }

    @Test
    void regressionAnswersInOriginalUnits() {
        // y = 1000 + 500·x0 − 200·x1 on x0 in [0, 10], x1 in [50, 60]: far from [0, 1] on both sides.
        NeuralNetwork nn = NeuralNetwork.regressor(2, 1);
        toynn.util.Rng rng = new toynn.util.Rng(3);
        for (int i = 0; i < 200; i++) {
            double x0 = rng.uniform(0, 10);
            double x1 = rng.uniform(50, 60);
            nn.addData(new double[] {x0, x1}, new double[] {1000 + 500 * x0 - 200 * x1});
        }
        nn.normalizeData();
        List<Integer> epochs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        History h = nn.train(150, (epoch, loss) -> {
            epochs.add(epoch);
            losses.add(loss);
        });
        assertEquals(150, h.epochs().size());
        assertEquals(1, epochs.get(0));
        assertEquals(150, epochs.get(149));
        assertTrue(losses.get(149) < losses.get(0) / 10, "loss " + losses.get(0) + " → " + losses.get(149));
        double worst = 0;
        for (double[] x : new double[][] {{1, 51}, {5, 55}, {9, 58}, {2.5, 59}}) {
            double want = 1000 + 500 * x[0] - 200 * x[1];          // −9600 … −5700
            worst = Math.max(worst, Math.abs(nn.predict(x)[0] - want));
        }
        assertTrue(worst < 100, "largest error " + worst + " on targets spanning 6,000");
    }

    @Test
    void trainContinuesWhereItStopped() {
        NeuralNetwork nn = NeuralNetwork.classifier(1, "low", "high");
        for (int i = 0; i < 20; i++) {
            nn.addData(new double[] {i}, i < 10 ? "low" : "high");
        }
        nn.train(3);
        List<Integer> seen = new ArrayList<>();
        nn.train(2, (epoch, loss) -> seen.add(epoch));
        assertEquals(List.of(1, 2), seen);
        assertEquals(5, nn.epochsTrained());
    }

    @Test
    void labelsSeenFirstBecomeTheClassNames() {
        NeuralNetwork nn = NeuralNetwork.classifier(2, 3);
        nn.addData(new double[] {0, 1}, "green");
        nn.addData(new double[] {1, 0}, "red");
        assertEquals("the network has 3 outputs, one per class, but the data has 2 labels [green, red]; add examples "
                + "of every class", assertThrows(IllegalStateException.class, () -> nn.train(1)).getMessage());
        nn.addData(new double[] {1, 1}, "blue");
        nn.train(1);
        assertEquals(List.of("green", "red", "blue"), nn.classNames());
    }

    @Test
    void badCalls() {
        NeuralNetwork nn = NeuralNetwork.regressor(2, 1);
        assertEquals("no data yet; add examples with addData(inputs, label or targets) first",
                assertThrows(IllegalStateException.class, () -> nn.train(10)).getMessage());
        nn.addData(new double[] {1, 2}, new double[] {3});
        assertEquals("epochs must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> nn.train(0)).getMessage());
        assertEquals("a classifier needs at least two classes, got [only]",
                assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.classifier(2, "only")).getMessage());
        assertEquals("class names must be distinct and not null, got [cat, null]",
                assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.classifier(2, "cat", null)).getMessage());
    }

    @Test
    void regressorRefusesLabels() {
        // A label would silently turn the regressor into a classifier with a linear output and squared error.
        NeuralNetwork nn = NeuralNetwork.regressor(2, 3);
        assertEquals("a regressor takes target numbers, one per output (3), not a label (got \"cat\"); use"
                        + " addData(inputs, new double[] {...}), or NeuralNetwork.classifier(...) for labels",
                assertThrows(IllegalArgumentException.class, () -> nn.addData(new double[] {1, 2}, "cat")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> nn.copy().addData(new double[] {1, 2}, "cat"));
        nn.addData(new double[] {1, 2}, new double[] {3, 4, 5});  // numbers still go in
        assertEquals(1, nn.collectedData().size());
    }

    @Test
    void classicNetworkTrainsWithItsOwnSettings() {
        // new NeuralNetwork(...) keeps squared error and plain SGD at its learning rate.
        NeuralNetwork nn = NeuralNetwork.seeded(7, 2, 4, 1);
        nn.setLearningRate(1.0);
        for (double[] x : new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}) {
            nn.addData(x, new double[] {x[0] != x[1] ? 1 : 0});
        }
        nn.train(3000);
        assertTrue(nn.predict(new double[] {1, 0})[0] > 0.8 && nn.predict(new double[] {1, 1})[0] < 0.2,
                "XOR " + nn.predict(new double[] {1, 0})[0] + ", " + nn.predict(new double[] {1, 1})[0]);
    }
}
