package toynn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.TrainingDivergedException;
import toynn.layers.Dense;
import toynn.util.Rng;

class FitTest {
    /** Three noisy blobs in 4-D, one-hot targets. */
    static DataSet blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 4];
        float[] t = new float[n * 3];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) ((j == c ? 2 : 0) + 0.8 * rng.nextGaussian());
            }
            t[i * 3 + c] = 1f;
        }
        return DataSet.of(x, t, n, 4, 3, List.of("a", "b", "c"), List.of());
    }

    static NeuralNetwork classifier(long seed, Optimizer opt) {
        return NeuralNetwork.builder().inputs(4).dense(8, ActivationFunction.RELU).dropout(0.25)
                .dense(3, ActivationFunction.SOFTMAX).optimizer(opt).seed(seed).build();
    }

    static float[][] weights(NeuralNetwork nn) {
        float[][] w = new float[2 * nn.layers().size()][];
        for (int l = 0; l < nn.layers().size(); l++) {
            w[2 * l] = nn.layers().get(l).weights().clone();
            w[2 * l + 1] = nn.layers().get(l).bias().clone();
        }
        return w;
    }

    static void assertBitIdentical(float[][] a, float[][] b) {
        assertEquals(a.length, b.length);
        for (int p = 0; p < a.length; p++) {
            int[] x = new int[a[p].length];
            int[] y = new int[b[p].length];
            for (int i = 0; i < x.length; i++) {
                x[i] = Float.floatToRawIntBits(a[p][i]);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = Float.floatToRawIntBits(b[p][i]);
            }
            assertArrayEquals(x, y, "parameter array " + p);
        }
    }

    @Test
    void sameSeedSameDataGivesBitIdenticalWeights() {
        DataSet d = blobs(90, 1);
        FitOptions o = FitOptions.create().epochs(3).batchSize(8).validationSplit(0.2);
        NeuralNetwork a = classifier(5, Adam.of(0.01));
        NeuralNetwork b = classifier(5, Adam.of(0.01));
        a.fit(d, o);
        b.fit(d, o);
        assertBitIdentical(weights(a), weights(b));
        assertEquals(3, a.epochsTrained());
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        DataSet d = blobs(90, 1);
        NeuralNetwork a = classifier(5, Adam.of(0.01));
        NeuralNetwork b = classifier(6, Adam.of(0.01));            // other initial weights
        NeuralNetwork c = classifier(5, Adam.of(0.01));            // same start, other shuffling and dropout
        a.fit(d, FitOptions.create().epochs(2).batchSize(8));
        b.fit(d, FitOptions.create().epochs(2).batchSize(8));
        c.fit(d, FitOptions.create().epochs(2).batchSize(8).seed(99));
        assertFalse(Arrays.equals(a.layers().get(0).weights(), b.layers().get(0).weights()));
        assertFalse(Arrays.equals(a.layers().get(0).weights(), c.layers().get(0).weights()));
    }

    @Test
    void learnsSeparableBlobs() {
        DataSet train = blobs(300, 2);
        DataSet test = blobs(150, 3);
        NeuralNetwork nn = classifier(1, Adam.of(0.01));
        double before = nn.evaluate(test).accuracy();
        History h = nn.fit(train, FitOptions.create().epochs(20).batchSize(16).validationData(test));
        Evaluation ev = nn.evaluate(test);
        assertTrue(ev.accuracy() > 0.85, "accuracy " + ev.accuracy() + " (before training " + before + ")");
        assertEquals(20, h.epochs().size());
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss());
        assertEquals(ev.loss(), h.last().valLoss(), 1e-9, "the last validation is the evaluation of the final weights");
        assertEquals(ev.accuracy(), h.last().valAccuracy(), 1e-12);
    }

    @Test
    void everyOptimizerTrains() {
        DataSet train = blobs(150, 4);
        for (Optimizer opt : List.of(Sgd.of(0.1), Momentum.of(0.05, 0.9), Nesterov.of(0.05, 0.9), Adam.of(0.01),
                AdamW.of(0.01, 0.01), RmsProp.of(0.005))) {
            NeuralNetwork nn = classifier(2, opt);
            double first = nn.evaluate(train).loss();
            nn.fit(train, FitOptions.create().epochs(10).batchSize(16));
            double last = nn.evaluate(train).loss();
            assertTrue(last < 0.6 * first, opt.name() + ": loss " + first + " → " + last);
        }
    }

    /**
     * A constructed case with a known optimum: one linear unit w·x + b, w = b = 0 at the start, full-batch
     * SGD towards t = 2x while the validation set wants t = x. Then w_k = 2 − 2(1 − lr·E[x²])^k rises
     * through 1, so the validation loss ½E[x²](w − 1)² falls, bottoms out, and rises again.
     */
    @Test
    void earlyStoppingStopsAndRestoresTheBestWeights() {
        double[][] xs = {{-1}, {-0.5}, {0.5}, {1}};
        DataSet train = DataSet.of(xs, new double[][] {{-2}, {-1}, {1}, {2}});
        DataSet val = DataSet.of(xs, new double[][] {{-1}, {-0.5}, {0.5}, {1}});
        double shrink = 1 - 0.1 * 0.625;                          // 1 − lr·E[x²]
        int expectedBest = 1;
        for (int k = 1; k < 40; k++) {
            double wk = 2 - 2 * Math.pow(shrink, k);
            double wBest = 2 - 2 * Math.pow(shrink, expectedBest);
            if (Math.abs(wk - 1) < Math.abs(wBest - 1)) {
                expectedBest = k;
            }
        }
        assertEquals(11, expectedBest, "closed form");

        NeuralNetwork nn = line();
        List<float[]> weightsAfter = new ArrayList<>();
        List<Double> valLosses = new ArrayList<>();
        History h = nn.fit(train, FitOptions.create().epochs(100).batchSize(4).shuffle(false).validationData(val)
                .earlyStopping(3, 0, true).listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochEvent e) {
                        weightsAfter.add(nn.layers().get(0).weights().clone());
                        valLosses.add(e.valLoss());
                    }
                }));
        assertTrue(h.stoppedEarly());
        assertEquals(expectedBest, h.bestEpoch());
        assertEquals(expectedBest + 3, h.epochs().size(), "patience 3: three epochs without improvement");
        int argmin = 0;
        for (int i = 1; i < valLosses.size(); i++) {
            argmin = valLosses.get(i) < valLosses.get(argmin) ? i : argmin;
        }
        assertEquals(h.bestEpoch(), argmin + 1);
        assertTrue(h.restoredBestWeights());
        assertArrayEquals(weightsAfter.get(expectedBest - 1), nn.layers().get(0).weights(), 0f);
        assertNotEquals(weightsAfter.get(weightsAfter.size() - 1)[0], nn.layers().get(0).weights()[0]);

        // without restoring, the last weights stay; a big minDelta means no epoch after the first counts
        NeuralNetwork keep = line();
        History h2 = keep.fit(train, FitOptions.create().epochs(100).batchSize(4).validationData(val)
                .earlyStopping(3, 0, false));
        assertFalse(h2.restoredBestWeights());
        assertEquals(2 - 2 * Math.pow(shrink, expectedBest + 3), keep.layers().get(0).weights()[0], 1e-5);
        History h3 = line().fit(train, FitOptions.create().epochs(100).batchSize(4).validationData(val)
                .earlyStopping(2, 10, true));
        assertEquals(3, h3.epochs().size());
        assertEquals(1, h3.bestEpoch());
    }

    private static NeuralNetwork line() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(1).dense(1, ActivationFunction.LINEAR).loss(Loss.MSE)
                .optimizer(Sgd.of(0.1)).build();
        Dense d = nn.layers().get(0);
        d.weights()[0] = 0f;
        d.bias()[0] = 0f;
        return nn;
    }

    @Test
    void listenersSeeEveryBatchAndCanStop() {
        DataSet d = blobs(100, 5);
        NeuralNetwork nn = classifier(3, Sgd.of(0.05));
        List<String> seen = new ArrayList<>();
        History h = nn.fit(d, FitOptions.create().epochs(5).batchSize(10).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchEvent e) {
                seen.add(e.epoch() + "/" + e.batch() + "/" + e.batches() + "/" + e.size());
                assertTrue(Double.isFinite(e.loss()) && e.accuracy() >= 0 && e.accuracy() <= 1 && e.samplesPerSecond() > 0);
                if (e.epoch() == 2 && e.batch() == 3) {
                    e.stop();
                }
            }
        }));
        assertEquals(13, seen.size(), "10 batches of epoch 1, then 3");
        assertEquals("1/1/10/10", seen.get(0));
        assertEquals("2/3/10/10", seen.get(12));
        assertEquals(13, nn.optimizer().steps());
        assertTrue(h.stoppedEarly());
        assertEquals(2, h.epochs().size());

        NeuralNetwork other = classifier(3, Sgd.of(0.05));
        History h2 = other.fit(d, FitOptions.create().epochs(5).batchSize(10).listener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochEvent e) {
                if (e.epoch() == 2) {
                    e.stop();
                }
            }
        }));
        assertEquals(2, h2.epochs().size());
        assertEquals(20, other.optimizer().steps());
        assertEquals(2, other.epochsTrained());
    }

    @Test
    void divergenceNamesEpochAndBatchAndSuggestsALowerRate() {
        double[][] xs = new double[20][1];
        double[][] ys = new double[20][1];
        for (int i = 0; i < 20; i++) {
            xs[i][0] = 100 + i;
            ys[i][0] = 1000;
        }
        NeuralNetwork nn = NeuralNetwork.builder().inputs(1).dense(1, ActivationFunction.LINEAR)
                .optimizer(Sgd.of(10)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> nn.fit(DataSet.of(xs, ys), FitOptions.create().epochs(3).batchSize(2)));
        assertTrue(e.getMessage().matches("training diverged in epoch 1 \\(of 3\\), batch \\d+ \\(of 10\\): .*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("lower learning rate (now 10.0)"), e.getMessage());
    }

    @Test
    void validationSplitIsDeterministicAndHeldOut() {
        DataSet d = blobs(50, 6);
        NeuralNetwork a = classifier(4, Adam.of(0.01));
        List<Integer> sizes = new ArrayList<>();
        History h = a.fit(d, FitOptions.create().epochs(1).batchSize(100).validationSplit(0.2)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(BatchEvent e) {
                        sizes.add(e.size());
                    }
                }));
        assertEquals(List.of(40), sizes, "10 of 50 held out");
        NeuralNetwork b = classifier(4, Adam.of(0.01));
        History h2 = b.fit(d, FitOptions.create().epochs(1).batchSize(100).validationSplit(0.2));
        assertEquals(h.last().valLoss(), h2.last().valLoss());
        assertFalse(Double.isNaN(h.last().valAccuracy()));
    }

    @Test
    void dropoutChangesTrainingButNotPrediction() {
        DataSet d = blobs(60, 7);
        NeuralNetwork with = classifier(8, Sgd.of(0.1));
        NeuralNetwork without = with.copy();
        without.setDropout(0, 0);
        double[] in = {1, 0, 0, 0.5};
        assertArrayEquals(with.predict(in), with.predict(in), 0, "prediction never drops");
        assertArrayEquals(with.predict(in), without.predict(in), 0);
        with.fit(d, FitOptions.create().epochs(1).batchSize(6));
        without.fit(d, FitOptions.create().epochs(1).batchSize(6));
        assertFalse(Arrays.equals(with.layers().get(0).weights(), without.layers().get(0).weights()));
    }

    @Test
    void dropoutMaskKeepsTheExpectedValue() {
        float[] mask = new float[200_000];
        toynn.layers.Dropout.sampleMask(mask, mask.length, 0.3, new Rng(1));
        int zeros = 0;
        double sum = 0;
        for (float m : mask) {
            if (m == 0f) {
                zeros++;
            } else {
                assertEquals((float) (1 / 0.7), m);
            }
            sum += m;
        }
        assertEquals(0.3, zeros / 200_000.0, 0.005);
        assertEquals(1.0, sum / mask.length, 0.01);
    }

    @Test
    void resumingFromAFileIsBitIdenticalToAnUninterruptedRun(@TempDir Path dir) throws Exception {
        DataSet d = blobs(70, 8);
        NeuralNetwork straight = classifier(9, Adam.of(0.01));
        straight.setWeightDecay(1e-3);
        NeuralNetwork first = straight.copy();
        straight.fit(d, options(4));

        first.fit(d, options(2));
        Path file = dir.resolve("half.json");
        first.save(file);
        NeuralNetwork resumed = NeuralNetwork.load(file);
        assertEquals(2, resumed.epochsTrained());
        resumed.fit(d, options(4).initialEpoch(2));

        assertBitIdentical(weights(straight), weights(resumed));
        assertEquals(4, resumed.epochsTrained());
        assertEquals(straight.optimizer().steps(), resumed.optimizer().steps());
        assertArrayEquals(straight.optimizer().state("v", 0), resumed.optimizer().state("v", 0), 0f);

        // and not by accident: re-running epochs 1-2 instead of 3-4 ends elsewhere
        NeuralNetwork wrong = NeuralNetwork.load(file);
        wrong.fit(d, options(2));
        assertFalse(Arrays.equals(straight.layers().get(0).weights(), wrong.layers().get(0).weights()));
    }

    private static FitOptions options(int epochs) {
        return FitOptions.create().epochs(epochs).batchSize(8).validationSplit(0.2)
                .schedule(LearningRateSchedule.cosine(4, 1e-4));
    }

    @Test
    void partialFitTakesOneStepPerCall() {
        NeuralNetwork nn = classifier(2, Adam.of(0.01));
        DataSet d = blobs(12, 9);
        double l1 = nn.partialFit(d);
        double l2 = nn.partialFit(d);
        assertEquals(2, nn.optimizer().steps());
        assertEquals(0, nn.epochsTrained());
        assertTrue(Double.isFinite(l1) && Double.isFinite(l2));
    }

    @Test
    void badInputIsRefusedClearly() {
        NeuralNetwork nn = classifier(1, Adam.of(0.01));
        DataSet wrongInputs = DataSet.of(new double[][] {{1, 2}}, new double[][] {{1, 0, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> nn.fit(wrongInputs, FitOptions.create()));
        assertTrue(e.getMessage().contains("2 inputs") && e.getMessage().contains("expects 4"), e.getMessage());
        DataSet wrongTargets = DataSet.of(new double[][] {{1, 2, 3, 4}}, new double[][] {{1, 0}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> nn.partialFit(wrongTargets)).getMessage()
                .contains("3 outputs"));
        assertThrows(IllegalArgumentException.class, () -> nn.evaluate(wrongTargets));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FitOptions.create().epochs(0)).getMessage()
                .contains("epochs"));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.create().batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.create().validationSplit(1.0));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.create().earlyStopping(0, 0, true));
        DataSet d = blobs(10, 1);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> nn.fit(d, FitOptions.create().epochs(2).initialEpoch(2))).getMessage().contains("initialEpoch"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> nn.fit(d, FitOptions.create().validationSplit(0.01))).getMessage().contains("validation"));
        assertThrows(NullPointerException.class, () -> nn.fit(null, FitOptions.create()));
    }
}
