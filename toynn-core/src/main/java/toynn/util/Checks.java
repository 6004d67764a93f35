package toynn.util;

/**
 * Argument checks shared by the public entry points, so every bad input gets the same kind of
 * message: what was wrong, and what was expected.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Checks that {@code values} is non-null, has {@code expected} entries and holds only finite numbers
     * within the float32 range (the network computes in float32, where a larger value becomes infinite).
     *
     * @param what a name for the message, e.g. {@code "input"} or {@code "target"}
     * @throws IllegalArgumentException naming the problem and the expectation
     */
    public static void vector(double[] values, int expected, String what) {
        if (values == null) {
            throw new IllegalArgumentException(what + " must not be null; expected " + expected + " numbers");
        }
        if (values.length != expected) {
            throw new IllegalArgumentException(what + " has " + values.length + " values but the network expects "
                    + expected);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite((float) values[i])) {      // one test per value (predict's hot path): NaN, ∞, or beyond float32
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException(what + "[" + i + "] is " + values[i]
                            + "; expected a finite number (check the data for NaN or infinite values)");
                }
                throw new IllegalArgumentException(what + "[" + i + "] is " + values[i] + ", beyond the float32 range "
                        + "(±" + Float.MAX_VALUE + ") the network computes in; expected a number within it (scale the data)");
            }
        }
    }

    /** As {@link #vector(double[], int, String)}, for float32 values. */
    public static void vector(float[] values, int expected, String what) {
        vectorMaxAbs(values, expected, what);
    }

    /**
     * {@link #vector(float[], int, String)}, returning {@code max |values[i]|} from the same pass (the
     * per-sample training step needs both: the check, and the bound that tells it no update can overflow).
     */
    public static float vectorMaxAbs(float[] values, int expected, String what) {
        if (values == null) {
            throw new IllegalArgumentException(what + " must not be null; expected " + expected + " numbers");
        }
        if (values.length != expected) {
            throw new IllegalArgumentException(what + " has " + values.length + " values but the network expects "
                    + expected);
        }
        float max = maxAbs(values, 0, values.length);
        if (max <= Float.MAX_VALUE) {
            return max;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + values[i]
                        + "; expected a finite number (check the data for NaN or infinite values)");
            }
        }
        return max;
    }

    /** True when every value in {@code a[0..n)} is finite. */
    public static boolean allFinite(float[] a, int n) {
        return maxAbs(a, 0, n) <= Float.MAX_VALUE;
    }

    /**
     * {@code max |a[i]|} over {@code from ≤ i < from + len} (0 when empty); NaN when any value is NaN.
     * No branch per value: it runs on the training hot paths.
     */
    public static float maxAbs(float[] a, int from, int len) {
        float m = 0f;
        for (int i = from; i < from + len; i++) {
            m = Math.max(m, Math.abs(a[i]));               // NaN stays NaN
        }
        return m;
    }
}
