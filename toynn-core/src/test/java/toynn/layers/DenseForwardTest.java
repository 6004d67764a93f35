package toynn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toynn.ActivationFunction;
import toynn.kernels.Kernels;
import toynn.util.Rng;

/**
 * {@link Dense#forward}, which fuses the bias and activation into the product's epilogue, against the
 * three steps one after another (product, bias, activation), for every built-in activation and a
 * custom one, at batch sizes that take each route of the product (one sample, few rows, many rows).
 */
class DenseForwardTest {
    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "relu", "leaky_relu", "elu", "linear", "softmax", "custom"})
    void fusedForwardGivesTheBitsOfTheThreeSteps(String name) {
        ActivationFunction f = name.equals("custom")
                ? ActivationFunction.of("softsign", v -> v / (1 + Math.abs(v)), y -> (1 - Math.abs(y)) * (1 - Math.abs(y)))
                : ActivationFunction.byName(name);
        assertEquals(!name.equals("softmax") && !name.equals("custom"), f.fusedForm().isPresent(), "fusable: " + name);
        Rng rng = new Rng(7);
        for (int[] s : new int[][] {{1, 70, 33}, {3, 70, 33}, {90, 70, 33}, {300, 300, 65}}) {
            int n = s[0];
            int in = s[1];
            int out = s[2];
            Dense layer = new Dense(in, out, f);
            layer.initUniform(rng, -1, 1);
            float[] x = new float[n * in];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.uniform(-2, 2);
            }
            float[] z = new float[n * out];
            float[] expectedZ = new float[n * out];
            float[] a = new float[n * out];
            float[] expectedA = new float[n * out];
            layer.forward(x, n, z, a);
            Kernels.gemmABt(x, layer.weights(), expectedZ, n, in, out, 1f, 0f);    // Z = X·Wᵀ   (n, out)
            Kernels.addRowVector(expectedZ, layer.bias(), n, out);                 // Z += b
            f.forward(expectedZ, expectedA, n, out);                               // A = f(Z)
            assertArrayEquals(expectedZ, z, name + " Z, n=" + n);
            assertArrayEquals(expectedA, a, name + " A, n=" + n);
            float[] only = new float[n * out];
            layer.forward(x, n, only);
            assertArrayEquals(expectedA, only, name + " A without Z, n=" + n);
        }
    }
}
