package toynn.spark;

import java.util.List;
import toynn.NeuralNetwork;
import toynn.layers.Dense;

/**
 * A network's parameters as one flat float32 vector — {@code W0, b0, W1, b1, …}, each weight matrix
 * row-major (outputs, inputs) — the order the optimizers see them in. This is how weights and
 * gradients travel between the Spark driver and the executors: plain float arrays, never Java
 * serialization of a network.
 */
public final class Parameters {
    private Parameters() {
    }

    /** Weights plus biases of every layer: the length of the flat vector. */
    public static int count(NeuralNetwork nn) {
        int n = 0;
        for (Dense d : nn.layers()) {
            n += d.parameterCount();
        }
        return n;
    }

    /** A new flat vector with the network's parameters. */
    public static float[] of(NeuralNetwork nn) {
        float[] out = new float[count(nn)];
        copyTo(nn, out, 0);
        return out;
    }

    /**
     * Copies the network's parameters into {@code out[offset …]}.
     *
     * @param out modified: {@code count(nn)} values from {@code offset}
     * @throws IllegalArgumentException if they do not fit
     */
    public static void copyTo(NeuralNetwork nn, float[] out, int offset) {
        checkRoom(nn, out, offset);
        int at = offset;
        for (Dense d : nn.layers()) {
            at = put(d.weights(), out, at);
            at = put(d.bias(), out, at);
        }
    }

    /**
     * Sets the network's parameters from {@code flat[offset …]}.
     *
     * @param nn   modified
     * @param flat not modified
     * @throws IllegalArgumentException if {@code flat} holds too few values from {@code offset}
     */
    public static void copyFrom(float[] flat, int offset, NeuralNetwork nn) {
        checkRoom(nn, flat, offset);
        int at = offset;
        for (Dense d : nn.layers()) {
            at = take(flat, at, d.weights());
            at = take(flat, at, d.bias());
        }
    }

    /**
     * Adds {@code scale ×} the gradients of the last backward pass ({@link Dense#weightGradient()},
     * {@link Dense#biasGradient()}) to {@code sum}: {@code sum += scale·∇}.
     *
     * @param sum modified, length {@code count(nn)}
     */
    public static void addGradients(NeuralNetwork nn, float scale, float[] sum) {
        checkRoom(nn, sum, 0);
        int at = 0;
        for (Dense d : nn.layers()) {
            at = addScaled(d.weightGradient(), scale, sum, at);
            at = addScaled(d.biasGradient(), scale, sum, at);
        }
    }

    /** The parameter arrays of the network, live, in flat order: {@code W0, b0, W1, b1, …}. */
    public static float[][] arrays(NeuralNetwork nn) {
        List<Dense> layers = nn.layers();
        float[][] a = new float[2 * layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            a[2 * l] = layers.get(l).weights();
            a[2 * l + 1] = layers.get(l).bias();
        }
        return a;
    }

    private static void checkRoom(NeuralNetwork nn, float[] flat, int offset) {
        int n = count(nn);
        if (offset < 0 || (long) offset + n > flat.length) {
            throw new IllegalArgumentException("a flat parameter vector for this network needs " + n + " values from offset "
                    + offset + ", but the array holds " + flat.length);
        }
    }

    private static int put(float[] src, float[] dst, int at) {
        System.arraycopy(src, 0, dst, at, src.length);
        return at + src.length;
    }

    private static int take(float[] src, int at, float[] dst) {
        System.arraycopy(src, at, dst, 0, dst.length);
        return at + dst.length;
    }

    private static int addScaled(float[] g, float scale, float[] sum, int at) {
        for (int i = 0; i < g.length; i++) {
            sum[at + i] += scale * g[i];
        }
        return at + g.length;
    }
}
