package toynn;

import java.util.List;
import toynn.layers.Dense;

/**
 * An independent forward pass in double precision, written from the formulas, for checking the
 * library against: it reads a network's float32 weights into doubles and recomputes everything
 * itself (it never calls the library's activation or loss code). It also gives the training
 * objective {@code mean loss + (λ/2)·ΣW²} for gradient checks ({@link #objective}).
 */
public final class ReferenceNetwork {
    /** Every built-in activation except softmax (which only makes sense on an output layer). */
    public static final List<ActivationFunction> ELEMENT_WISE = List.of(ActivationFunction.SIGMOID,
            ActivationFunction.TANH, ActivationFunction.RELU, ActivationFunction.LEAKY_RELU, ActivationFunction.ELU,
            ActivationFunction.LINEAR);

    public final double[][] weights;   // per layer, (out, in) row-major
    public final double[][] biases;    // per layer, (out)
    final String[] activations;
    final int[] sizes;
    private final Loss lossFunction;
    private final double lambda;

    private ReferenceNetwork(NeuralNetwork nn) {
        List<Dense> layers = nn.layers();
        sizes = nn.layerSizes();
        weights = new double[layers.size()][];
        biases = new double[layers.size()][];
        activations = new String[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            weights[l] = toDoubles(layers.get(l).weights());
            biases[l] = toDoubles(layers.get(l).bias());
            activations[l] = layers.get(l).activation().name();
        }
        lossFunction = nn.loss();
        lambda = nn.weightDecay();
    }

    /** A double copy of {@code nn}'s current weights, with its loss and weight decay. */
    public static ReferenceNetwork of(NeuralNetwork nn) {
        return new ReferenceNetwork(nn);
    }

    static double[] toDoubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** {@code f(z)} of the named activation, from its textbook formula. */
    static double activate(String name, double z) {
        switch (name) {
            case "sigmoid":
                return 1 / (1 + Math.exp(-z));
            case "tanh":
                return Math.tanh(z);
            case "relu":
                return z > 0 ? z : 0;
            case "leaky_relu":
                return z > 0 ? z : 0.01 * z;
            case "elu":
                return z > 0 ? z : Math.exp(z) - 1;
            case "linear":
                return z;
            default:
                throw new IllegalArgumentException("no reference for " + name);
        }
    }

    /** {@code f} applied to a whole layer's pre-activations (softmax couples them). */
    static double[] activate(String name, double[] z) {
        double[] a = new double[z.length];
        if (name.equals("softmax")) {
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
            return a;
        }
        for (int i = 0; i < z.length; i++) {
            a[i] = activate(name, z[i]);
        }
        return a;
    }

    /** Pre-activations {@code z = W·x + b} of one layer. */
    static double[] affine(double[] w, double[] b, double[] x) {
        int out = b.length;
        int in = x.length;
        double[] z = new double[out];
        for (int i = 0; i < out; i++) {
            double s = b[i];
            for (int j = 0; j < in; j++) {
                s += w[i * in + j] * x[j];
            }
            z[i] = s;
        }
        return z;
    }

    /** Every layer's pre-activations {@code z[l]}; the outputs are {@link #forward}. */
    double[][] preActivations(double[] x) {
        double[][] zs = new double[weights.length][];
        double[] h = x;
        for (int l = 0; l < weights.length; l++) {
            zs[l] = affine(weights[l], biases[l], h);
            h = activate(activations[l], zs[l]);
        }
        return zs;
    }

    /** The network's output. */
    double[] forward(double[] x) {
        double[] h = x;
        for (int l = 0; l < weights.length; l++) {
            h = activate(activations[l], affine(weights[l], biases[l], h));
        }
        return h;
    }

    /** {@code L = ½ Σ (t − o)²}. */
    double loss(double[] x, double[] t) {
        return sampleLoss(Loss.MSE, forward(x), t);
    }

    /** One sample's loss of kind {@code kind} for outputs {@code a} and targets {@code t}, from its formula. */
    private static double sampleLoss(Loss kind, double[] a, double[] t) {
        double l = 0;
        switch (kind) {
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
            default -> throw new AssertionError(kind);
        }
        return l;
    }

    /** The mean over the n samples ({@code xs} (n, in), {@code ts} (n, out) row-major) of the network's loss. */
    public double meanLoss(float[] xs, float[] ts, int n) {
        int in = sizes[0];
        int out = sizes[sizes.length - 1];
        double total = 0;
        for (int s = 0; s < n; s++) {
            double[] x = new double[in];
            for (int i = 0; i < in; i++) {
                x[i] = xs[s * in + i];
            }
            double[] t = new double[out];
            for (int j = 0; j < out; j++) {
                t[j] = ts[s * out + j];
            }
            total += sampleLoss(lossFunction, forward(x), t);
        }
        return total / n;
    }

    /** The mean over the n samples of the loss, plus (λ/2)·Σ W². */
    public double objective(float[] xs, float[] ts, int n) {
        double penalty = 0;
        for (double[] layer : weights) {
            for (double v : layer) {
                penalty += v * v;
            }
        }
        return meanLoss(xs, ts, n) + lambda / 2 * penalty;
    }

    /** Central difference {@code (L(θ+ε) − L(θ−ε)) / 2ε} for one parameter of {@code params}. */
    double centralDifference(double[] params, int k, double[] x, double[] t, double eps) {
        double saved = params[k];
        params[k] = saved + eps;
        double plus = loss(x, t);
        params[k] = saved - eps;
        double minus = loss(x, t);
        params[k] = saved;
        return (plus - minus) / (2 * eps);
    }
}
