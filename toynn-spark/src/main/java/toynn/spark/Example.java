package toynn.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One training example for Spark: an input row and its target row (one-hot for classification),
 * float32. The element type of the RDDs {@link SparkData} wraps.
 *
 * @param input  the inputs, one value per network input
 * @param target the targets, one value per network output
 */
public record Example(float[] input, float[] target) implements Serializable {
    /** Checks that both rows are there. */
    public Example {
        Objects.requireNonNull(input, "input must not be null");
        Objects.requireNonNull(target, "target must not be null");
    }

    /** An example from double rows (copied into float32). */
    public static Example of(double[] input, double[] target) {
        Objects.requireNonNull(input, "input must not be null");
        Objects.requireNonNull(target, "target must not be null");
        float[] in = new float[input.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) input[i];
        }
        float[] t = new float[target.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) target[i];
        }
        return new Example(in, t);
    }
}
