package toynn.train;

import java.util.List;
import toynn.ActivationFunction;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.layers.Dense;

/**
 * An independent double-precision oracle for gradient checks: the network's objective
 * {@code mean loss + (λ/2)·ΣW²} written out per sample from the textbook formulas, with its own
 * activations and losses (it shares no arithmetic with the library).
 */
final class ReferenceNetwork {
    final double[][] w;      // per layer, (out, in) row-major
    final double[][] b;      // per layer, (out)
    final int[] in;
    final int[] out;
    final String[] act;
    final Loss loss;
    final double lambda;

    ReferenceNetwork(NeuralNetwork nn) {
        List<Dense> layers = nn.layers();
        int n = layers.size();
        w = new double[n][];
        b = new double[n][];
        in = new int[n];
        out = new int[n];
        act = new String[n];
        for (int l = 0; l < n; l++) {
            Dense d = layers.get(l);
            w[l] = toDouble(d.weights());
            b[l] = toDouble(d.bias());
            in[l] = d.inputs();
            out[l] = d.outputs();
            act[l] = d.activation().name();
        }
        loss = nn.loss();
        lambda = nn.weightDecay();
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** The mean over the n samples of the loss, plus (λ/2)·Σ W². */
    double objective(float[] xs, float[] ts, int n) {
        double penalty = 0;
        for (double[] layer : w) {
            for (double v : layer) {
                penalty += v * v;
            }
        }
        return meanLoss(xs, ts, n) + lambda / 2 * penalty;
    }

    /** The mean over the n samples of the loss. */
    double meanLoss(float[] xs, float[] ts, int n) {
        double total = 0;
        for (int s = 0; s < n; s++) {
            double[] a = new double[in[0]];
            for (int i = 0; i < a.length; i++) {
                a[i] = xs[s * in[0] + i];
            }
            double[] z = null;
            for (int l = 0; l < w.length; l++) {
                z = new double[out[l]];
                for (int o = 0; o < out[l]; o++) {
                    double sum = b[l][o];
                    for (int i = 0; i < in[l]; i++) {
                        sum += w[l][o * in[l] + i] * a[i];
                    }
                    z[o] = sum;
                }
                a = activate(act[l], z);
            }
            double[] t = new double[out[w.length - 1]];
            for (int j = 0; j < t.length; j++) {
                t[j] = ts[s * t.length + j];
            }
            total += sampleLoss(z, a, t, act[w.length - 1]);
        }
        return total / n;
    }

    private double sampleLoss(double[] z, double[] a, double[] t, String outAct) {
        double l = 0;
        switch (loss) {
            case MSE -> {
                for (int j = 0; j < t.length; j++) {
                    l += 0.5 * (t[j] - a[j]) * (t[j] - a[j]);
                }
            }
            case CROSS_ENTROPY -> {
                for (int j = 0; j < t.length; j++) {
                    l -= t[j] * Math.log(a[j]);
                }
            }
            case BINARY_CROSS_ENTROPY -> {
                for (int j = 0; j < t.length; j++) {
                    l -= t[j] * Math.log(a[j]) + (1 - t[j]) * Math.log(1 - a[j]);
                }
            }
            default -> throw new AssertionError(loss);
        }
        return l;
    }

    static double[] activate(String name, double[] z) {
        double[] a = new double[z.length];
        switch (name) {
            case "softmax" -> {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int i = 0; i < z.length; i++) {
                    a[i] = Math.exp(z[i] - max);
                    sum += a[i];
                }
                for (int i = 0; i < z.length; i++) {
                    a[i] /= sum;
                }
            }
            default -> {
                for (int i = 0; i < z.length; i++) {
                    a[i] = activate(name, z[i]);
                }
            }
        }
        return a;
    }

    static double activate(String name, double x) {
        return switch (name) {
            case "sigmoid" -> 1 / (1 + Math.exp(-x));
            case "tanh" -> Math.tanh(x);
            case "relu" -> x > 0 ? x : 0;
            case "leaky_relu" -> x > 0 ? x : 0.01 * x;
            case "elu" -> x > 0 ? x : Math.exp(x) - 1;
            case "linear" -> x;
            default -> throw new AssertionError(name);
        };
    }

    /** Every built-in activation except softmax (which only makes sense on an output layer). */
    static final List<ActivationFunction> ELEMENT_WISE = List.of(ActivationFunction.SIGMOID, ActivationFunction.TANH,
            ActivationFunction.RELU, ActivationFunction.LEAKY_RELU, ActivationFunction.ELU, ActivationFunction.LINEAR);
}
