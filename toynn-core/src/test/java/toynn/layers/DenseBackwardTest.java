package toynn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toynn.ActivationFunction;
import toynn.util.Rng;

/**
 * {@link Dense#backward} in its batch form ({@code n > 1}): with {@code dA = A − T}, the gradients
 * it reports are those of the batch loss {@code L = (1/n) Σ_s ½Σ(t_s − a_s)²}, checked against central
 * differences of a double-precision forward pass written here from the formulas.
 */
class DenseBackwardTest {
    private static final int IN = 3;
    private static final int OUT = 4;
    private static final int N = 5;
    private static final double EPS = 1e-6;

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "relu", "leaky_relu", "elu", "linear", "softmax"})
    void batchGradientsMatchFiniteDifferences(String activation) {
        for (long seed = 1; ; seed++) {
            Rng rng = new Rng(seed);
            Dense layer = new Dense(IN, OUT, ActivationFunction.byName(activation));
            layer.initUniform(rng, -1, 1);
            float[] x = new float[N * IN];                     // (N, IN)
            float[] t = new float[N * OUT];                    // (N, OUT)
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.uniform(-1, 1);
            }
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) rng.uniform(0, 1);
            }
            double[] w = toDoubles(layer.weights());
            double[] b = toDoubles(layer.bias());
            double[] xd = toDoubles(x);
            if (nearKink(activation, w, b, xd)) {
                continue;
            }
            float[] a = new float[N * OUT];                    // (N, OUT)
            layer.forward(x, N, a);
            float[] dA = new float[N * OUT];
            for (int i = 0; i < dA.length; i++) {
                dA[i] = a[i] - t[i];                           // ∂(½Σ(t−a)²)/∂a per sample
            }
            float[] dX = new float[N * IN];                    // (N, IN)
            layer.backward(x, a, dA, N, dX);

            double[] td = toDoubles(t);
            for (int k = 0; k < w.length; k++) {
                double fd = centralDifference(w, k, () -> batchLoss(activation, w, b, xd, td));
                assertClose(fd, layer.weightGradient()[k], activation + " dW[" + k + "]");
            }
            for (int k = 0; k < b.length; k++) {
                double fd = centralDifference(b, k, () -> batchLoss(activation, w, b, xd, td));
                assertClose(fd, layer.biasGradient()[k], activation + " db[" + k + "]");
            }
            // dX is per sample (not averaged): ∂L_s/∂x_s = N · ∂L/∂x_s.
            for (int k = 0; k < xd.length; k++) {
                double fd = N * centralDifference(xd, k, () -> batchLoss(activation, w, b, xd, td));
                assertClose(fd, dX[k], activation + " dX[" + k / IN + "][" + k % IN + "]");
            }
            return;
        }
    }

    /** {@code (1/n) Σ_s ½Σ_i (t_si − f(x_s·Wᵀ + b)_i)²}, in double. */
    static double batchLoss(String activation, double[] w, double[] b, double[] x, double[] t) {
        double loss = 0;
        for (int s = 0; s < N; s++) {
            double[] a = activate(activation, preActivation(w, b, x, s));
            for (int i = 0; i < OUT; i++) {
                double e = t[s * OUT + i] - a[i];
                loss += 0.5 * e * e;
            }
        }
        return loss / N;
    }

    static double[] preActivation(double[] w, double[] b, double[] x, int s) {
        double[] z = new double[OUT];
        for (int i = 0; i < OUT; i++) {
            z[i] = b[i];
            for (int j = 0; j < IN; j++) {
                z[i] += x[s * IN + j] * w[i * IN + j];
            }
        }
        return z;
    }

    static double[] activate(String activation, double[] z) {
        double[] a = new double[z.length];
        if (activation.equals("softmax")) {
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                a[i] = Math.exp(z[i]);
                sum += a[i];
            }
            for (int i = 0; i < z.length; i++) {
                a[i] /= sum;
            }
            return a;
        }
        for (int i = 0; i < z.length; i++) {
            double v = z[i];
            a[i] = switch (activation) {
                case "sigmoid" -> 1 / (1 + Math.exp(-v));
                case "tanh" -> Math.tanh(v);
                case "relu" -> Math.max(v, 0);
                case "leaky_relu" -> v > 0 ? v : 0.01 * v;
                case "elu" -> v > 0 ? v : Math.exp(v) - 1;
                case "linear" -> v;
                default -> throw new IllegalArgumentException(activation);
            };
        }
        return a;
    }

    static boolean nearKink(String activation, double[] w, double[] b, double[] x) {
        if (!List.of("relu", "leaky_relu", "elu").contains(activation)) {
            return false;
        }
        for (int s = 0; s < N; s++) {
            for (double z : preActivation(w, b, x, s)) {
                if (Math.abs(z) < 1e-2) {
                    return true;
                }
            }
        }
        return false;
    }

    static double centralDifference(double[] p, int k, java.util.function.DoubleSupplier loss) {
        double saved = p[k];
        p[k] = saved + EPS;
        double plus = loss.getAsDouble();
        p[k] = saved - EPS;
        double minus = loss.getAsDouble();
        p[k] = saved;
        return (plus - minus) / (2 * EPS);
    }

    /** Buffers too small for n rows: a message naming the buffer and the shape expected, not an AIOOBE from a kernel. */
    @Test
    void shortBuffersAreNamedWithTheShapeExpected() {
        Dense d = new Dense(3, 2, ActivationFunction.RELU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.forward(new float[5], 2, new float[4]));
        assertTrue(e.getMessage().startsWith("x holds 5 values; expected at least (2, 3) = 6"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> d.forward(new float[6], 2, new float[3]));
        assertTrue(e.getMessage().contains("(2, 2) = 4"), e.getMessage());
        float[] dA = {1, 2};
        e = assertThrows(IllegalArgumentException.class,
                () -> d.backward(new float[3], new float[2], dA, 1, new float[2]));
        assertTrue(e.getMessage().startsWith("dX holds 2 values"), e.getMessage());
        assertArrayEquals(new float[] {1, 2}, dA, "refused before dA was overwritten");
        assertThrows(IllegalArgumentException.class,
                () -> d.backwardFromZ(new float[3], new float[2], 0, null));
        // larger workspaces (sized for the largest batch) are fine
        d.forward(new float[30], 2, new float[20]);
    }

    static void assertClose(double expected, double actual, String what) {
        if (!(Math.abs(expected - actual) <= 2e-6 + 1e-4 * Math.abs(expected))) {
            fail(what + ": finite differences give " + expected + ", backward gave " + actual);
        }
    }

    static double[] toDoubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
