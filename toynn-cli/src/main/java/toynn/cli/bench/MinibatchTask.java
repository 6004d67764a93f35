package toynn.cli.bench;

import java.util.List;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.train.EpochEvent;
import toynn.train.FitOptions;
import toynn.train.History;
import toynn.train.Sgd;

/**
 * T2, minibatch training through {@link NeuralNetwork#fit}: 784-128-10, ReLU, softmax +
 * cross-entropy, plain SGD lr 0.1, batch 32 or 256, 3 epochs, reshuffled every epoch. Weights start
 * as the builder's defaults (He normal for ReLU, Glorot uniform for softmax). The timed span is
 * the whole {@code fit} call.
 */
public final class MinibatchTask {
    private MinibatchTask() {
    }

    /** The trained network and the measured row. */
    public record Outcome(NeuralNetwork network, BenchResult result) {
    }

    /** Runs T2 on the first {@code samples} training images. */
    public static Outcome run(BenchData data, int samples, int batch, int epochs, long seed) {
        DataSet train = DataSet.of(java.util.Arrays.copyOf(data.trainImages(), samples * BenchData.PIXELS),
                oneHot(data.trainLabels(), samples), samples, BenchData.PIXELS, BenchData.CLASSES);
        NeuralNetwork nn = NeuralNetwork.builder()
                .inputs(BenchData.PIXELS)
                .dense(128, ActivationFunction.RELU)
                .dense(BenchData.CLASSES, ActivationFunction.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(Sgd.of(0.1))
                .seed(seed)
                .build();
        FitOptions options = FitOptions.create().epochs(epochs).batchSize(batch).shuffle(true).seed(seed);
        double cpu0 = CpuClock.seconds();
        long t0 = System.nanoTime();
        History history = nn.fit(train, options);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = CpuClock.seconds() - cpu0;

        float[] outputs = PerSampleTask.forwardAll(nn.layers(), data.testImages(), data.testSize());
        List<EpochEvent> events = history.epochs();
        double[] perEpoch = new double[events.size()];
        for (int e = 0; e < perEpoch.length; e++) {
            perEpoch[e] = BenchResult.round(events.get(e).seconds(), 3);
        }
        BenchResult result = new BenchResult("t2")
                .put("batch", batch)
                .put("samples_per_s", Math.round((double) samples * epochs / seconds))
                .put("train_s", BenchResult.round(seconds, 3))
                .put("epoch_s", perEpoch)
                .put("test_accuracy", BenchResult.round(BenchData.accuracy(outputs, data.testLabels(), data.testSize()), 4))
                .put("cpu_s", BenchResult.round(cpuSeconds, 3))
                .put("last_epoch_loss", BenchResult.round(history.last().trainLoss(), 4));
        return new Outcome(nn, result);
    }

    private static float[] oneHot(int[] labels, int n) {
        float[] t = new float[n * BenchData.CLASSES];
        for (int i = 0; i < n; i++) {
            t[i * BenchData.CLASSES + labels[i]] = 1f;
        }
        return t;
    }
}
