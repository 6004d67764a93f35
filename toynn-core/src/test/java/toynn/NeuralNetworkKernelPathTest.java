package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import toynn.layers.Dense;

/**
 * The per-sample {@code train}/{@code predict} path runs on the fast kernels (matrix–vector,
 * {@code Wᵀ·E}, rank-1 update). Here it is compared with the lecture's step written out in double
 * precision, loop by loop, independent of the kernels; this class runs in both surefire passes, so
 * both kernel paths are checked.
 */
class NeuralNetworkKernelPathTest {

    /** The lecture's step in double: W, b per layer, (out, in) row-major. */
    private static final class DoubleNet {
        final double[][] w;
        final double[][] b;
        final int[] sizes;

        DoubleNet(NeuralNetwork nn) {
            List<Dense> layers = nn.layers();
            w = new double[layers.size()][];
            b = new double[layers.size()][];
            sizes = new int[layers.size() + 1];
            sizes[0] = layers.get(0).inputs();
            for (int l = 0; l < layers.size(); l++) {
                w[l] = toDouble(layers.get(l).weights());
                b[l] = toDouble(layers.get(l).bias());
                sizes[l + 1] = layers.get(l).outputs();
            }
        }

        double[][] forward(double[] x) {
            double[][] acts = new double[w.length + 1][];
            acts[0] = x;
            for (int l = 0; l < w.length; l++) {
                int in = sizes[l];
                int out = sizes[l + 1];
                acts[l + 1] = new double[out];
                for (int i = 0; i < out; i++) {
                    double z = b[l][i];
                    for (int j = 0; j < in; j++) {
                        z += w[l][i * in + j] * acts[l][j];
                    }
                    acts[l + 1][i] = 1 / (1 + Math.exp(-z));
                }
            }
            return acts;
        }

        void train(double[] x, double[] t, double lr, boolean exact) {
            double[][] acts = forward(x);
            int last = w.length - 1;
            double[] e = new double[sizes[last + 1]];
            for (int i = 0; i < e.length; i++) {
                e[i] = t[i] - acts[last + 1][i];
            }
            for (int l = last; l >= 0; l--) {
                int in = sizes[l];
                int out = sizes[l + 1];
                double[] g = new double[out];
                for (int i = 0; i < out; i++) {
                    double o = acts[l + 1][i];
                    g[i] = e[i] * o * (1 - o);
                }
                double[] eh = new double[in];
                double[] passed = exact ? g : e;
                for (int j = 0; j < in; j++) {
                    for (int i = 0; i < out; i++) {
                        eh[j] += w[l][i * in + j] * passed[i];      // Wᵀ·E with W before the update
                    }
                }
                for (int i = 0; i < out; i++) {
                    for (int j = 0; j < in; j++) {
                        w[l][i * in + j] += lr * g[i] * acts[l][j];
                    }
                    b[l][i] += lr * g[i];
                }
                e = eh;
            }
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static double[][] data(Random r, int n, int size) {
        double[][] x = new double[n][size];
        for (double[] row : x) {
            for (int j = 0; j < size; j++) {
                row[j] = r.nextDouble();
            }
        }
        return x;
    }

    private static void trainAndCompare(boolean exact, int... sizes) {
        NeuralNetwork nn = NeuralNetwork.seeded(11, sizes);
        nn.setExactGradient(exact);
        DoubleNet ref = new DoubleNet(nn);
        Random r = new Random(3);
        double[][] xs = data(r, 300, sizes[0]);
        double[][] ts = data(r, 300, sizes[sizes.length - 1]);
        for (int s = 0; s < xs.length; s++) {
            nn.train(xs[s], ts[s]);
            ref.train(xs[s], ts[s], nn.getLearningRate(), exact);
        }
        for (int l = 0; l < ref.w.length; l++) {
            float[] w = nn.layers().get(l).weights();
            for (int i = 0; i < w.length; i++) {
                assertEquals(ref.w[l][i], w[i], 2e-4 * (1 + Math.abs(ref.w[l][i])), "layer " + l + " weight " + i);
            }
            float[] b = nn.layers().get(l).bias();
            for (int i = 0; i < b.length; i++) {
                assertEquals(ref.b[l][i], b[i], 2e-4 * (1 + Math.abs(ref.b[l][i])), "layer " + l + " bias " + i);
            }
        }
        double[] x = xs[7];
        double[] expected = ref.forward(x)[ref.w.length];
        double[] got = nn.predict(x);
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-4, "output " + i);
        }
    }

    @Test
    void lectureTrainMatchesTheDoubleReference() {
        trainAndCompare(false, 5, 7, 3);
        trainAndCompare(false, 70, 33, 17, 4);     // widths across the vector width and the 4-row matvec
    }

    @Test
    void exactGradientTrainMatchesTheDoubleReference() {
        trainAndCompare(true, 784 / 16, 65, 10);
    }

    @Test
    void trainingIsBitIdenticalRunToRun() {
        float[][] runs = new float[2][];
        for (int run = 0; run < 2; run++) {
            NeuralNetwork nn = NeuralNetwork.seeded(5, 100, 64, 10);
            Random r = new Random(9);
            double[][] xs = data(r, 200, 100);
            double[][] ts = data(r, 200, 10);
            for (int s = 0; s < xs.length; s++) {
                nn.train(xs[s], ts[s]);
            }
            float[] w0 = nn.layers().get(0).weights();
            float[] w1 = nn.layers().get(1).weights();
            float[] all = new float[w0.length + w1.length];
            System.arraycopy(w0, 0, all, 0, w0.length);
            System.arraycopy(w1, 0, all, w0.length, w1.length);
            runs[run] = all;
        }
        assertArrayEquals(runs[0], runs[1]);
    }
}
