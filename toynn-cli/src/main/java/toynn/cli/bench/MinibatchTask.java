package toynn.cli.bench;

import java.util.List;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.kernels.Kernels;
import toynn.layers.Dense;
import toynn.util.Rng;

/**
 * T2, minibatch training: 784-128-10, ReLU, softmax + cross-entropy, plain SGD lr 0.1, batch 32
 * or 256, 3 epochs, reshuffled every epoch. Written directly over {@link Dense#forward} and
 * {@link Dense#backward}: the output layer is linear and softmax is fused into the loss, so
 * {@code dZ = softmax(Z) − T}. Weights start like PyTorch's {@code nn.Linear}: uniform in
 * {@code ±1/√fan_in}. Every buffer is made before the first batch: the loop allocates nothing.
 */
public final class MinibatchTask {
    private MinibatchTask() {
    }

    /** The trained network and the measured row. */
    public record Outcome(NeuralNetwork network, BenchResult result) {
    }

    /** Runs T2 on the first {@code samples} training images. */
    public static Outcome run(FashionMnist data, int samples, int batch, int epochs, long seed) {
        int in = FashionMnist.PIXELS;
        int hidden = 128;
        int out = FashionMnist.CLASSES;
        Rng rng = new Rng(seed);
        Dense l1 = new Dense(in, hidden, ActivationFunction.RELU);
        Dense l2 = new Dense(hidden, out, ActivationFunction.LINEAR);
        l1.initUniform(rng, -1 / Math.sqrt(in), 1 / Math.sqrt(in));
        l2.initUniform(rng, -1 / Math.sqrt(hidden), 1 / Math.sqrt(hidden));
        float lr = 0.1f;

        float[] x = new float[batch * in];          // (batch, 784)
        float[] h = new float[batch * hidden];      // (batch, 128)
        float[] z = new float[batch * out];         // (batch, 10) logits
        float[] p = new float[batch * out];         // (batch, 10) softmax, then dZ
        float[] dh = new float[batch * hidden];     // (batch, 128)
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        float[] images = data.trainImages();
        int[] labels = data.trainLabels();
        double[] epochSeconds = new double[epochs];
        double lossSum = 0;
        double cpu0 = CpuClock.seconds();
        long t0 = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            long te = System.nanoTime();
            rng.shuffle(order, samples);
            lossSum = 0;
            for (int start = 0; start < samples; start += batch) {
                int n = Math.min(batch, samples - start);
                for (int r = 0; r < n; r++) {
                    System.arraycopy(images, order[start + r] * in, x, r * in, in);
                }
                l1.forward(x, n, h);                                            // H = relu(X·W1ᵀ + b1)   (n, 128)
                l2.forward(h, n, z);                                            // Z = H·W2ᵀ + b2         (n, 10)
                ActivationFunction.SOFTMAX.forward(z, p, n, out);               // P = softmax(Z)         (n, 10)
                for (int r = 0; r < n; r++) {
                    int y = labels[order[start + r]];
                    lossSum -= Math.log(Math.max(p[r * out + y], 1e-30f));
                    p[r * out + y] -= 1f;                                       // dZ = P − T             (n, 10)
                }
                l2.backward(h, z, p, n, dh);                                    // dW2, db2; dH = dZ·W2   (n, 128)
                l1.backward(x, h, dh, n, null);                                 // dW1, db1 (relu′ from H)
                sgd(l1, lr);
                sgd(l2, lr);
            }
            epochSeconds[e] = (System.nanoTime() - te) / 1e9;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = CpuClock.seconds() - cpu0;
        if (!Double.isFinite(lossSum)) {
            throw new IllegalStateException("T2 diverged: the training loss is " + lossSum);
        }
        l2.setActivation(ActivationFunction.SOFTMAX);                           // for prediction
        NeuralNetwork nn = NeuralNetwork.fromLayers(List.of(l1, l2));
        float[] outputs = PerSampleTask.forwardAll(nn.layers(), data.testImages(), data.testSize());
        double[] perEpoch = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            perEpoch[e] = BenchResult.round(epochSeconds[e], 3);
        }
        BenchResult result = new BenchResult("t2")
                .put("batch", batch)
                .put("samples_per_s", BenchResult.round((double) samples * epochs / seconds, 1))
                .put("train_s", BenchResult.round(seconds, 3))
                .put("epoch_s", perEpoch)
                .put("test_accuracy", BenchResult.round(FashionMnist.accuracy(outputs, data.testLabels(), data.testSize()), 4))
                .put("cpu_s", BenchResult.round(cpuSeconds, 3))
                .put("last_epoch_loss", BenchResult.round(lossSum / samples, 4));
        return new Outcome(nn, result);
    }

    /** {@code W −= lr·dW}, {@code b −= lr·db}. */
    private static void sgd(Dense d, float lr) {
        Kernels.axpy(-lr, d.weightGradient(), d.weights(), d.weights().length);
        Kernels.axpy(-lr, d.biasGradient(), d.bias(), d.bias().length);
    }
}
