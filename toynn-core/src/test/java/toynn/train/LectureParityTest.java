package toynn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import toynn.DataSet;
import toynn.NeuralNetwork;
import toynn.util.Rng;

/**
 * GUIDE.md §2: with batch size 1, squared error ½Σ(t−o)², sigmoid everywhere and plain SGD, the batch
 * form ({@code fit}, {@code partialFit}) must reproduce the lecture's {@code train} with the exact-gradient
 * switch on — bit for bit, not approximately.
 */
class LectureParityTest {
    private static final int SAMPLES = 25;
    private final double[][] xs = new double[SAMPLES][3];
    private final double[][] ys = new double[SAMPLES][2];

    LectureParityTest() {
        Rng rng = new Rng(2024);
        for (int i = 0; i < SAMPLES; i++) {
            for (int j = 0; j < 3; j++) {
                xs[i][j] = rng.uniform(-1, 1);
            }
            for (int j = 0; j < 2; j++) {
                ys[i][j] = rng.uniform(0, 1);
            }
        }
    }

    private static NeuralNetwork network() {
        NeuralNetwork nn = NeuralNetwork.seeded(7, 3, 5, 4, 2);   // sigmoid everywhere, lr 0.1, weights in [−1, 1)
        nn.setLearningRate(0.3);
        return nn;
    }

    private void trainLecture(NeuralNetwork nn, int epochs) {
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < SAMPLES; i++) {
                nn.train(xs[i], ys[i]);
            }
        }
    }

    @Test
    void fitWithBatchSizeOneIsTheExactGradientTrainBitForBit() {
        NeuralNetwork lecture = network();
        lecture.setExactGradient(true);
        NeuralNetwork batch = network();
        trainLecture(lecture, 3);
        batch.fit(DataSet.of(xs, ys), FitOptions.create().epochs(3).batchSize(1).shuffle(false));
        assertSameWeights(lecture, batch);
    }

    @Test
    void partialFitOneSampleAtATimeIsTheExactGradientTrainBitForBit() {
        NeuralNetwork lecture = network();
        lecture.setExactGradient(true);
        NeuralNetwork online = network();
        trainLecture(lecture, 2);
        for (int e = 0; e < 2; e++) {
            for (int i = 0; i < SAMPLES; i++) {
                online.partialFit(DataSet.of(new double[][] {xs[i]}, new double[][] {ys[i]}));
            }
        }
        assertSameWeights(lecture, online);
    }

    @Test
    void theLectureRuleIsADifferentStep() {
        // The comparison above is not vacuous: the lecture's default rule passes back the raw error and differs.
        NeuralNetwork lecture = network();
        NeuralNetwork batch = network();
        trainLecture(lecture, 1);
        batch.fit(DataSet.of(xs, ys), FitOptions.create().epochs(1).batchSize(1).shuffle(false));
        assertFalse(Arrays.equals(lecture.layers().get(0).weights(), batch.layers().get(0).weights()));
    }

    private static void assertSameWeights(NeuralNetwork a, NeuralNetwork b) {
        for (int l = 0; l < a.layers().size(); l++) {
            assertArrayEquals(a.layers().get(l).weights(), b.layers().get(l).weights(), 0f, "weights of layer " + l);
            assertArrayEquals(a.layers().get(l).bias(), b.layers().get(l).bias(), 0f, "bias of layer " + l);
            // assertArrayEquals with delta 0 treats 0.0 and -0.0 alike; compare the bits too
            assertArrayEquals(bits(a.layers().get(l).weights()), bits(b.layers().get(l).weights()), "bits of layer " + l);
        }
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }
}
