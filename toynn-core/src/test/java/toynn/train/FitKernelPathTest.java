package toynn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.kernels.Kernels;
import toynn.layers.Dense;

/**
 * Minibatch {@code fit} on the fast path — fused bias and ReLU in the forward product, dot tiles for
 * the narrow output layer, plain SGD folded into the weight-gradient product, products large enough
 * to be split across threads — against minibatch SGD written out in double precision, loop by loop.
 * The name ends in {@code KernelPathTest}, so it runs in every surefire pass: the plain-Java path and
 * the Vector API path with 16- and 8-float vectors.
 */
class FitKernelPathTest {
    private static final int IN = 100;
    private static final int HIDDEN = 64;
    private static final int OUT = 10;
    private static final int SIZE = 270;
    private static final int BATCH = 90;      // more rows than the dot tiles take; 90·100·64 > the parallel threshold
    private static final int EPOCHS = 3;
    private static final double LR = 0.1;

    private static DataSet data() {
        Random r = new Random(11);
        float[] x = new float[SIZE * IN];
        float[] t = new float[SIZE * OUT];
        for (int i = 0; i < SIZE; i++) {
            int c = i % OUT;
            for (int j = 0; j < IN; j++) {
                x[i * IN + j] = (float) (r.nextGaussian() * 0.5 + (j % OUT == c ? 1 : 0));
            }
            t[i * OUT + c] = 1f;
        }
        return DataSet.of(x, t, SIZE, IN, OUT);
    }

    private static NeuralNetwork network() {
        return NeuralNetwork.builder().inputs(IN).dense(HIDDEN, ActivationFunction.RELU)
                .dense(OUT, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Sgd.of(LR)).seed(5).build();
    }

    private static FitOptions options() {
        return FitOptions.create().epochs(EPOCHS).batchSize(BATCH).shuffle(false).seed(1);
    }

    @Test
    void minibatchSgdMatchesTheDoubleReference() {
        DataSet d = data();
        NeuralNetwork nn = network();
        double[][] w = {toDouble(nn.layers().get(0).weights()), toDouble(nn.layers().get(1).weights())};
        double[][] b = {toDouble(nn.layers().get(0).bias()), toDouble(nn.layers().get(1).bias())};
        nn.fit(d, options());
        reference(d, w, b);
        double moved = 0;
        for (int l = 0; l < 2; l++) {
            Dense layer = nn.layers().get(l);
            assertClose(w[l], layer.weights(), "W" + l + " on the " + Kernels.path() + " path");
            assertClose(b[l], layer.bias(), "b" + l + " on the " + Kernels.path() + " path");
        }
        float[] initial = network().layers().get(0).weights();
        for (int i = 0; i < w[0].length; i++) {
            moved = Math.max(moved, Math.abs(w[0][i] - initial[i]));
        }
        assertTrue(moved > 1e-2, "training moved the weights (else the comparison says little): " + moved);
    }

    @Test
    void minibatchSgdIsBitIdenticalRunToRun() {
        DataSet d = data();
        NeuralNetwork a = network();
        NeuralNetwork b = network();
        a.fit(d, options());
        b.fit(d, options());
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.layers().get(l).weights(), b.layers().get(l).weights(), "W" + l);
            assertArrayEquals(a.layers().get(l).bias(), b.layers().get(l).bias(), "b" + l);
        }
    }

    /** EPOCHS epochs of minibatch SGD in file order: softmax + cross-entropy, gradients averaged over the batch. */
    private static void reference(DataSet d, double[][] w, double[][] b) {
        float[] x = d.inputs();
        float[] t = d.targets();
        for (int e = 0; e < EPOCHS; e++) {
            for (int from = 0; from < SIZE; from += BATCH) {
                int n = Math.min(BATCH, SIZE - from);
                double[][] h = new double[n][HIDDEN];
                double[][] p = new double[n][OUT];
                for (int s = 0; s < n; s++) {
                    int row = from + s;
                    for (int o = 0; o < HIDDEN; o++) {                      // h = ReLU(W0·x + b0)
                        double z = b[0][o];
                        for (int i = 0; i < IN; i++) {
                            z += w[0][o * IN + i] * x[row * IN + i];
                        }
                        h[s][o] = Math.max(z, 0);
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (int o = 0; o < OUT; o++) {                         // p = softmax(W1·h + b1)
                        double z = b[1][o];
                        for (int i = 0; i < HIDDEN; i++) {
                            z += w[1][o * HIDDEN + i] * h[s][i];
                        }
                        p[s][o] = z;
                        max = Math.max(max, z);
                    }
                    double sum = 0;
                    for (int o = 0; o < OUT; o++) {
                        p[s][o] = Math.exp(p[s][o] - max);
                        sum += p[s][o];
                    }
                    for (int o = 0; o < OUT; o++) {
                        p[s][o] /= sum;
                    }
                }
                double[] dw1 = new double[OUT * HIDDEN];
                double[] db1 = new double[OUT];
                double[] dw0 = new double[HIDDEN * IN];
                double[] db0 = new double[HIDDEN];
                for (int s = 0; s < n; s++) {
                    int row = from + s;
                    double[] dz1 = new double[OUT];
                    for (int o = 0; o < OUT; o++) {
                        dz1[o] = (p[s][o] - t[row * OUT + o]) / n;          // ∂(mean CE)/∂z
                        db1[o] += dz1[o];
                        for (int i = 0; i < HIDDEN; i++) {
                            dw1[o * HIDDEN + i] += dz1[o] * h[s][i];
                        }
                    }
                    for (int i = 0; i < HIDDEN; i++) {
                        if (h[s][i] <= 0) {
                            continue;                                       // ReLU′ = 0
                        }
                        double dz0 = 0;
                        for (int o = 0; o < OUT; o++) {
                            dz0 += dz1[o] * w[1][o * HIDDEN + i];           // with W1 of the forward pass
                        }
                        db0[i] += dz0;
                        for (int j = 0; j < IN; j++) {
                            dw0[i * IN + j] += dz0 * x[row * IN + j];
                        }
                    }
                }
                step(w[0], dw0);
                step(b[0], db0);
                step(w[1], dw1);
                step(b[1], db1);
            }
        }
    }

    private static void step(double[] p, double[] g) {
        for (int i = 0; i < p.length; i++) {
            p[i] -= LR * g[i];
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** Float32 training drifts from the double reference by rounding only: a few ulps of the weights' scale. */
    private static void assertClose(double[] want, float[] got, String what) {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
            scale = Math.max(scale, Math.abs(want[i]));
        }
        assertTrue(worst <= 1e-4 * Math.max(1, scale), what + ": largest difference " + worst + " (scale " + scale + ")");
    }
}
