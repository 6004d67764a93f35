package toynn.cli.bench;

import java.util.Arrays;
import java.util.List;
import toynn.NeuralNetwork;
import toynn.layers.Dense;

/**
 * T3, inference with the T2 network: one-sample {@link NeuralNetwork#predict(float[])} plus argmax,
 * median latency over 10,000 calls after warm-up; and whole-test-set throughput as one batch
 * through the layers (median of 20 passes).
 */
public final class InferenceTask {
    private InferenceTask() {
    }

    /** Runs T3 on {@code nn} (784 inputs, 10 outputs) as the protocol says: 10,000 timed calls, 20 batch passes. */
    public static BenchResult run(NeuralNetwork nn, BenchData data) {
        return run(nn, data, 30_000, 10_000, 20);
    }

    /** T3 with explicit counts (quick checks use small ones). */
    public static BenchResult run(NeuralNetwork nn, BenchData data, int warmup, int calls, int reps) {
        int pixels = BenchData.PIXELS;
        float[] images = data.testImages();
        int n = data.testSize();
        float[][] samples = new float[n][];
        for (int i = 0; i < n; i++) {
            samples[i] = Arrays.copyOfRange(images, i * pixels, (i + 1) * pixels);
        }
        int sink = 0;
        for (int i = 0; i < warmup; i++) {                                  // warm-up (JIT)
            float[] out = nn.predict(samples[i % n]);
            sink += BenchData.argmax(out, 0, out.length);
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            float[] out = nn.predict(samples[i % n]);
            sink += BenchData.argmax(out, 0, out.length);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double latencyUs = nanos[calls / 2] / 1e3;

        List<Dense> layers = nn.layers();
        float[][] acts = new float[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            acts[l] = new float[n * layers.get(l).outputs()];
        }
        double[] seconds = new double[reps + 3];
        for (int r = 0; r < seconds.length; r++) {
            long t = System.nanoTime();
            float[] in = images;
            for (int l = 0; l < layers.size(); l++) {
                layers.get(l).forward(in, n, acts[l]);                       // (n, outputs of layer l)
                in = acts[l];
            }
            seconds[r] = (System.nanoTime() - t) / 1e9;
        }
        double[] timed = Arrays.copyOfRange(seconds, 3, seconds.length);     // the first three warm up
        Arrays.sort(timed);
        double accuracy = BenchData.accuracy(acts[layers.size() - 1], data.testLabels(), n);
        return new BenchResult("t3")
                .put("latency_us", BenchResult.round(latencyUs, 2))
                .put("batch_samples_per_s", Math.round(n / timed[reps / 2]))
                .put("test_accuracy", BenchResult.round(accuracy, 4))
                .put("checksum", sink);
    }
}
