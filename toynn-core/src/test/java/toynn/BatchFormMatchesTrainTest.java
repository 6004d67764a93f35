package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import toynn.layers.Dense;
import toynn.util.Rng;

/**
 * GUIDE.md §2: with batch size 1, squared error ½Σ(t−o)², sigmoid everywhere and the exact-gradient
 * switch on, the batch form — {@link Dense#forward}, {@link Dense#backward} with {@code dA = O − t},
 * then {@code W −= lr·dW}, {@code b −= lr·db} — is the same step as {@link NeuralNetwork#train}.
 */
class BatchFormMatchesTrainTest {

    /**
     * train computes its update as {@code lr·(g·Hᵀ)}, in the batch form's order ({@code lr·dW} after
     * {@code dW = dZᵀ·X}), so the two must agree bit for bit over many steps.
     */
    @Test
    void batchFormReproducesTrainBitForBit() {
        for (int[] sizes : List.of(new int[] {2, 4, 1}, new int[] {3, 5, 4, 2})) {
            NeuralNetwork viaTrain = NeuralNetwork.seeded(11, sizes);
            viaTrain.setExactGradient(true);
            viaTrain.setLearningRate(0.5);
            NeuralNetwork viaBatch = viaTrain.copy();
            runBoth(viaTrain, viaBatch, sizes, 200);
            for (int l = 0; l < sizes.length - 1; l++) {
                assertArrayEquals(bits(viaTrain.layers().get(l).weights()), bits(viaBatch.layers().get(l).weights()),
                        "weights of layer " + l + " after 200 steps, sizes " + java.util.Arrays.toString(sizes));
                assertArrayEquals(bits(viaTrain.layers().get(l).bias()), bits(viaBatch.layers().get(l).bias()),
                        "bias of layer " + l);
            }
        }
    }

    /** Any learning rate, not only powers of two: still bit for bit. */
    @Test
    void batchFormMatchesTrainWithLearningRate01() {
        int[] sizes = {3, 5, 4, 2};
        NeuralNetwork viaTrain = NeuralNetwork.seeded(5, sizes);
        viaTrain.setExactGradient(true);
        viaTrain.setLearningRate(0.1);
        NeuralNetwork viaBatch = viaTrain.copy();
        runBoth(viaTrain, viaBatch, sizes, 200);
        for (int l = 0; l < sizes.length - 1; l++) {
            assertArrayEquals(bits(viaTrain.layers().get(l).weights()), bits(viaBatch.layers().get(l).weights()),
                    "weights of layer " + l);
            assertArrayEquals(bits(viaTrain.layers().get(l).bias()), bits(viaBatch.layers().get(l).bias()),
                    "bias of layer " + l);
        }
    }

    private static void runBoth(NeuralNetwork viaTrain, NeuralNetwork viaBatch, int[] sizes, int steps) {
        Rng rng = new Rng(3);
        float lr = (float) viaBatch.getLearningRate();
        List<Dense> layers = viaBatch.layers();
        int depth = layers.size();
        float[][] acts = new float[depth + 1][];
        for (int l = 0; l <= depth; l++) {
            acts[l] = new float[sizes[l]];
        }
        for (int s = 0; s < steps; s++) {
            float[] x = new float[sizes[0]];
            float[] t = new float[sizes[depth]];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.uniform(-1, 1);
            }
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) rng.uniform(0, 1);
            }
            viaTrain.train(x, t);

            System.arraycopy(x, 0, acts[0], 0, x.length);
            for (int l = 0; l < depth; l++) {
                layers.get(l).forward(acts[l], 1, acts[l + 1]);          // A = f(X·Wᵀ + b)       (1, out)
            }
            float[] dA = new float[t.length];
            for (int i = 0; i < t.length; i++) {
                dA[i] = acts[depth][i] - t[i];                           // dA = O − t            (1, out)
            }
            for (int l = depth - 1; l >= 0; l--) {
                Dense d = layers.get(l);
                float[] dX = l > 0 ? new float[d.inputs()] : null;       // (1, in)
                d.backward(acts[l], acts[l + 1], dA, 1, dX);              // W of the forward pass
                dA = dX;
            }
            for (Dense d : layers) {
                float[] w = d.weights();
                float[] dW = d.weightGradient();
                for (int k = 0; k < w.length; k++) {
                    w[k] -= lr * dW[k];                                  // W −= lr·dW
                }
                float[] b = d.bias();
                float[] db = d.biasGradient();
                for (int k = 0; k < b.length; k++) {
                    b[k] -= lr * db[k];                                  // b −= lr·db
                }
            }
        }
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToIntBits(a[i]);
        }
        return b;
    }
}
