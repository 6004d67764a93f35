package toynn.cli.bench;

import java.util.List;
import toynn.NeuralNetwork;
import toynn.layers.Dense;
import toynn.util.Rng;

/**
 * T1, the seed algorithm: 784-64-10, sigmoid hidden and output, squared error, plain SGD
 * lr 0.1, one sample at a time ({@link NeuralNetwork#train(float[], float[])} with the exact
 * gradient), one epoch in file order. Weights start as the peers' do, {@code N(0, fan_in^−½)},
 * biases zero (the lecture's uniform [−1, 1) saturates sigmoid units with 784 inputs).
 */
public final class PerSampleTask {
    private PerSampleTask() {
    }

    /** Runs T1 on the first {@code samples} training images. */
    public static BenchResult run(BenchData data, int samples, long seed) {
        NeuralNetwork nn = NeuralNetwork.seeded(seed, BenchData.PIXELS, 64, BenchData.CLASSES);
        nn.setLearningRate(0.1);
        nn.setExactGradient(true);
        initGaussian(nn.layers(), new Rng(seed));
        float[] x = new float[BenchData.PIXELS];
        float[] t = new float[BenchData.CLASSES];
        float[] images = data.trainImages();
        int[] labels = data.trainLabels();
        double cpu0 = CpuClock.seconds();
        long t0 = System.nanoTime();
        for (int s = 0; s < samples; s++) {
            System.arraycopy(images, s * BenchData.PIXELS, x, 0, x.length);
            java.util.Arrays.fill(t, 0f);
            t[labels[s]] = 1f;                                      // one-hot target
            nn.train(x, t);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = CpuClock.seconds() - cpu0;
        float[] out = forwardAll(nn.layers(), data.testImages(), data.testSize());
        return new BenchResult("t1")
                .put("samples_per_s", Math.round(samples / seconds))
                .put("train_s", BenchResult.round(seconds, 3))
                .put("test_accuracy", BenchResult.round(BenchData.accuracy(out, data.testLabels(), data.testSize()), 4))
                .put("samples", samples)
                .put("cpu_s", BenchResult.round(cpuSeconds, 3));
    }

    /** Weights {@code N(0, fan_in^−½)}, biases zero, as the peer scripts start. */
    static void initGaussian(List<Dense> layers, Rng rng) {
        for (Dense d : layers) {
            float[] w = d.weights();
            double sd = 1 / Math.sqrt(d.inputs());
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (rng.nextGaussian() * sd);
            }
            java.util.Arrays.fill(d.bias(), 0f);
        }
    }

    /** All rows of {@code x} through the layers at once; returns the last layer's output (n, out). */
    static float[] forwardAll(List<Dense> layers, float[] x, int n) {
        float[] in = x;
        for (Dense d : layers) {
            float[] out = new float[n * d.outputs()];
            d.forward(in, n, out);                                  // (n, outputs)
            in = out;
        }
        return in;
    }
}
