package toynn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each built-in activation: its values against the textbook formula, its derivative against finite differences. */
class ActivationFunctionTest {
    private static final double[] POINTS = {-3, -1.2, -0.4, 0.3, 0.9, 2.5};

    @Test
    void valuesMatchTheFormulas() {
        for (String name : List.of("sigmoid", "tanh", "relu", "leaky_relu", "elu", "linear")) {
            ActivationFunction f = ActivationFunction.byName(name);
            assertEquals(name, f.name());
            assertTrue(f.isBuiltIn() && f.isElementWise());
            float[] z = new float[POINTS.length];
            float[] a = new float[POINTS.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) POINTS[i];
            }
            f.forward(z, a, 2, 3);
            for (int i = 0; i < POINTS.length; i++) {
                double want = ReferenceNetwork.activate(name, z[i]);
                assertEquals(want, f.apply(z[i]), 1e-12, name + "(" + z[i] + ")");
                assertEquals(want, a[i], 1e-6, name + " array form at " + z[i]);
            }
        }
    }

    @Test
    void derivativeFromOutputMatchesFiniteDifferences() {
        for (String name : List.of("sigmoid", "tanh", "relu", "leaky_relu", "elu", "linear")) {
            ActivationFunction f = ActivationFunction.byName(name);
            float[] y = new float[POINTS.length];
            float[] dA = new float[POINTS.length];
            float[] dZ = new float[POINTS.length];
            for (int i = 0; i < POINTS.length; i++) {
                double x = POINTS[i];
                double fd = (ReferenceNetwork.activate(name, x + 1e-6) - ReferenceNetwork.activate(name, x - 1e-6)) / 2e-6;
                double yi = f.apply(x);
                assertEquals(fd, f.derivativeFromOutput(yi), 1e-6, name + "' at " + x);
                y[i] = (float) yi;
                dA[i] = 2f;
            }
            f.backward(y, dA, dZ, 1, POINTS.length);
            for (int i = 0; i < POINTS.length; i++) {
                assertEquals(2 * f.derivativeFromOutput(y[i]), dZ[i], 1e-5, name + " backward at " + POINTS[i]);
            }
        }
    }

    @Test
    void softmaxRowsSumToOneAndSurviveLargeInputs() {
        float[] z = {1, 2, 3, 1000, 1001, 1002};
        float[] a = new float[6];
        ActivationFunction.SOFTMAX.forward(z, a, 2, 3);
        assertFalse(ActivationFunction.SOFTMAX.isElementWise());
        for (int r = 0; r < 2; r++) {
            double[] want = ReferenceNetwork.activate("softmax", new double[] {z[3 * r] - 1000 * r,
                    z[3 * r + 1] - 1000 * r, z[3 * r + 2] - 1000 * r});
            for (int j = 0; j < 3; j++) {
                assertEquals(want[j], a[3 * r + j], 1e-6, "row " + r + " value " + j);
            }
        }
    }

    @Test
    void customFunctionsKeepTheirNames() {
        ActivationFunction f = ActivationFunction.of("cube", x -> x * x * x, y -> 3 * Math.cbrt(y) * Math.cbrt(y));
        assertEquals("cube", f.name());
        assertEquals(8, f.apply(2));
        assertEquals(12, f.derivativeFromOutput(8), 1e-12);
        assertFalse(f.isBuiltIn());
        assertSame(ActivationFunction.SIGMOID, ActivationFunction.byName("SIGMOID"));
    }

    /**
     * ReLU's backward is written with a bit mask (no branch); it must pass dA exactly where the output
     * is positive and give +0 elsewhere, as {@code a > 0 ? dA : 0} does, for every kind of float —
     * zeros of both signs, subnormals, the largest values, infinities and NaNs of either sign.
     */
    @Test
    void reluBackwardIsTheComparisonForEveryKindOfFloat() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.intBitsToFloat(0x7F800001), Float.intBitsToFloat(0x7FFFFFFF), Float.intBitsToFloat(0xFFC00000),
            Float.intBitsToFloat(0xFF800001), Float.intBitsToFloat(0x80000001), Float.intBitsToFloat(0x7F7FFFFF)};
        toynn.util.Rng rng = new toynn.util.Rng(5);
        int n = special.length * special.length + 1000;
        float[] a = new float[n];
        float[] dA = new float[n];
        for (int i = 0; i < special.length * special.length; i++) {
            a[i] = special[i / special.length];
            dA[i] = special[i % special.length];
        }
        for (int i = special.length * special.length; i < n; i++) {
            a[i] = Float.intBitsToFloat((int) rng.nextLong());                  // any bit pattern
            dA[i] = (float) rng.nextGaussian();
        }
        float[] dZ = new float[n];
        ActivationFunction.RELU.backward(a, dA, dZ, 1, n);
        for (int i = 0; i < n; i++) {
            float expected = a[i] > 0f ? dA[i] : 0f;
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(dZ[i]),
                    "a = " + a[i] + " (bits " + Integer.toHexString(Float.floatToRawIntBits(a[i])) + "), dA = " + dA[i]);
        }
    }
}
