package toynn.io;

import java.util.ArrayList;
import java.util.List;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.data.Normalizer;
import toynn.layers.Dense;

/**
 * Folds a network's normalizers into its weights, for formats that hold a bare network (ONNX,
 * Toy-NN-JS): the copy takes raw inputs and gives outputs in target units, like the original's
 * {@code predict}, up to float32 rounding.
 *
 * <p>Input {@code x' = (x − s) ⊙ k} into the first layer: {@code W' = W·diag(k)},
 * {@code b' = b − W·diag(k)·s}. Target {@code y = y' / k + s} into a linear last layer:
 * {@code W'' = diag(1/k)·W}, {@code b'' = b / k + s}. Sums are taken in double, rounded once to float.
 */
public final class NormalizerFolding {
    private NormalizerFolding() {
    }

    /** Whether {@code nn} has a normalizer to fold. */
    public static boolean needed(NeuralNetwork nn) {
        return nn.inputNormalizer() != null || nn.targetNormalizer() != null;
    }

    /**
     * A copy of {@code nn}'s layers with its normalizers folded in (the copy keeps the learning rate but
     * has no normalizers, class names or training settings); {@code nn} itself when it has none.
     *
     * @throws IllegalStateException when a target normalizer meets a non-linear output layer, which
     *                               no change of weights can express
     */
    public static NeuralNetwork fold(NeuralNetwork nn, String format) {
        if (!needed(nn)) {
            return nn;
        }
        List<Dense> layers = new ArrayList<>();
        for (Dense d : nn.layers()) {
            layers.add(d.copy());
        }
        Normalizer in = nn.inputNormalizer();
        if (in != null) {
            Dense first = layers.get(0);
            double[] s = NormalizerMath.shift(in);
            double[] k = NormalizerMath.scale(in);
            float[] w = first.weights();                                  // (out, in)
            float[] b = first.bias();
            int n = first.inputs();
            for (int o = 0; o < first.outputs(); o++) {
                double shift = 0;
                for (int i = 0; i < n; i++) {
                    double wk = (double) w[o * n + i] * k[i];
                    shift += wk * s[i];
                    w[o * n + i] = (float) wk;                             // W' = W·diag(k)
                    if (Float.isInfinite(w[o * n + i])) {                 // a tiny range or std: k beyond float32
                        throw beyondFloat32("input", format, in, "input column", i, k[i]);
                    }
                }
                b[o] = (float) (b[o] - shift);                            // b' = b − W·diag(k)·s
                if (!Float.isFinite(b[o])) {
                    throw beyondFloat32("input", format, in, "input column", largestShift(k, s), k[largestShift(k, s)]);
                }
            }
        }
        Normalizer out = nn.targetNormalizer();
        if (out != null) {
            Dense last = layers.get(layers.size() - 1);
            if (last.activation() != ActivationFunction.LINEAR) {
                throw new IllegalStateException("the network maps its outputs back to target units after a "
                        + last.activation().name() + " output layer; " + format + " holds no normalizer and only a linear "
                        + "output layer can absorb it — save it as toynn (or tfjs, whose model_meta.json keeps it)");
            }
            double[] s = NormalizerMath.shift(out);
            double[] k = NormalizerMath.scale(out);
            float[] w = last.weights();
            float[] b = last.bias();
            int n = last.inputs();
            for (int o = 0; o < last.outputs(); o++) {
                for (int i = 0; i < n; i++) {
                    w[o * n + i] = (float) (w[o * n + i] / k[o]);          // W'' = diag(1/k)·W
                    if (Float.isInfinite(w[o * n + i])) {                 // a huge range or std: 1/k beyond float32
                        throw beyondFloat32("target", format, out, "output", o, out.spread(o));
                    }
                }
                b[o] = (float) (b[o] / k[o] + s[o]);                       // b'' = b / k + s
                if (!Float.isFinite(b[o])) {
                    throw beyondFloat32("target", format, out, "output", o, out.spread(o));
                }
            }
        }
        NeuralNetwork bare = NeuralNetwork.fromLayers(layers);
        bare.setLearningRate(nn.getLearningRate());
        return bare;
    }

    /** The column whose shift {@code k·s} is largest: the one that makes a folded bias overflow. */
    private static int largestShift(double[] k, double[] s) {
        int c = 0;
        for (int i = 1; i < k.length; i++) {
            if (Math.abs(k[i] * s[i]) > Math.abs(k[c] * s[c])) {
                c = i;
            }
        }
        return c;
    }

    private static IllegalStateException beyondFloat32(String which, String format, Normalizer n, String what, int c,
                                                       double factor) {
        boolean minMax = n.method() == Normalizer.Method.MIN_MAX;
        String stats = (minMax ? "min " : "mean ") + n.offsets()[c] + (minMax ? ", range max − min " : ", std ") + n.spread(c);
        return new IllegalStateException("cannot fold the " + which + " normalizer into the weights (" + format
                + " holds no normalizer): " + what + " " + c + " (" + n.method().jsonName() + ", " + stats + ") scales values by "
                + factor + ", which makes weights beyond the float32 range (±" + Float.MAX_VALUE + "); save it as toynn "
                + "(or tfjs, whose model_meta.json keeps it)");
    }
}
