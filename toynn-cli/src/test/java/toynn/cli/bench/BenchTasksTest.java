package toynn.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import toynn.NeuralNetwork;

/**
 * The protocol tasks on a small synthetic stand-in for Fashion-MNIST (784 pixels, 10 classes, the
 * class decided by which of ten fixed pixel patterns an image is closest to), so they run without
 * the data set: they must learn it and be reproducible. Speed itself is never asserted.
 */
class BenchTasksTest {

    static BenchData synthetic(int train, int test, long seed) {
        Random r = new Random(seed);
        float[][] patterns = new float[10][784];
        for (float[] p : patterns) {
            for (int i = 0; i < 784; i++) {
                p[i] = r.nextFloat();
            }
        }
        float[] trainX = new float[train * 784];
        int[] trainY = new int[train];
        float[] testX = new float[test * 784];
        int[] testY = new int[test];
        fill(r, patterns, trainX, trainY);
        fill(r, patterns, testX, testY);
        return new BenchData(trainX, trainY, testX, testY);
    }

    private static void fill(Random r, float[][] patterns, float[] x, int[] y) {
        for (int s = 0; s < y.length; s++) {
            y[s] = r.nextInt(10);
            for (int i = 0; i < 784; i++) {
                float v = 0.6f * patterns[y[s]][i] + 0.4f * r.nextFloat();   // pattern plus noise, in [0, 1]
                x[s * 784 + i] = v;
            }
        }
    }

    @Test
    void perSampleTrainingLearnsAndReportsTheProtocolFields() {
        BenchData data = synthetic(1500, 300, 1);
        BenchResult r = PerSampleTask.run(data, 1500, 42);
        assertEquals("t1", r.task());
        assertTrue(((Number) r.get("samples_per_s")).doubleValue() > 0);
        assertTrue(((Number) r.get("train_s")).doubleValue() > 0);
        double acc = ((Number) r.get("test_accuracy")).doubleValue();
        assertTrue(acc > 0.8, "T1 should learn the synthetic classes, accuracy " + acc);
    }

    @Test
    void minibatchTrainingLearnsAndIsBitIdenticalRunToRun() {
        BenchData data = synthetic(1200, 300, 2);
        MinibatchTask.Outcome a = MinibatchTask.run(data, 1200, 32, 2, 7);
        MinibatchTask.Outcome b = MinibatchTask.run(data, 1200, 32, 2, 7);
        double acc = ((Number) a.result().get("test_accuracy")).doubleValue();
        assertTrue(acc > 0.8, "T2 should learn the synthetic classes, accuracy " + acc);
        assertEquals(32, a.result().get("batch"));
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.network().layers().get(l).weights(), b.network().layers().get(l).weights(),
                    "same seed, same data: same weights in layer " + l);
        }
    }

    @Test
    void inferenceUsesTheTrainedNetworkAndAgreesWithPredict() {
        BenchData data = synthetic(600, 200, 3);
        NeuralNetwork nn = MinibatchTask.run(data, 600, 32, 2, 1).network();
        BenchResult r = InferenceTask.run(nn, data, 100, 200, 3);
        assertTrue(((Number) r.get("latency_us")).doubleValue() > 0);
        assertTrue(((Number) r.get("batch_samples_per_s")).doubleValue() > 0);
        int right = 0;
        for (int i = 0; i < data.testSize(); i++) {
            float[] x = java.util.Arrays.copyOfRange(data.testImages(), i * 784, (i + 1) * 784);
            float[] out = nn.predict(x);
            right += BenchData.argmax(out, 0, 10) == data.testLabels()[i] ? 1 : 0;
        }
        assertEquals((double) right / data.testSize(), ((Number) r.get("test_accuracy")).doubleValue(), 1e-4,
                "batch throughput pass and one-by-one predict classify alike");
    }

    @Test
    void neuroevolutionBatchedAndLoopedGiveTheSameOutputs() {
        BenchResult a = NeuroevolutionTask.run(100, 5, 3);
        BenchResult b = NeuroevolutionTask.run(100, 5, 3);
        assertEquals(a.get("checksum"), b.get("checksum"));
        double sum = ((Number) a.get("checksum")).doubleValue();
        assertTrue(sum > 0 && sum < 100 * 5 * 2, "sigmoid outputs are in (0, 1): " + sum);
        assertTrue(((Number) a.get("forwards_per_s")).doubleValue() > 0);
        double diff = ((Number) a.get("max_loop_difference")).doubleValue();
        assertTrue(diff < 1e-5, "interleaved kernel and NeuralNetwork.predict disagree by " + diff);
    }
}
