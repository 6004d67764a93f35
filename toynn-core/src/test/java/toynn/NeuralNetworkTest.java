package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import toynn.layers.Dense;
import toynn.util.Rng;

/** The facade: structure, defaults, seeding, copy, mutate and concurrent predict. */
class NeuralNetworkTest {

    @Test
    void friendlyConstructorGivesTheLecturesDefaults() {
        NeuralNetwork nn = new NeuralNetwork(2, 4, 1);
        assertArrayEquals(new int[] {2, 4, 1}, nn.layerSizes());
        assertEquals(2, nn.inputSize());
        assertEquals(1, nn.outputSize());
        assertEquals(2 * 4 + 4 + 4 * 1 + 1, nn.parameterCount());
        assertEquals(0.1, nn.getLearningRate());
        assertSame(ActivationFunction.SIGMOID, nn.getActivationFunction());
        assertEquals(UpdateRule.LECTURE, nn.getUpdateRule());
        assertFalse(nn.isExactGradient());
        for (Dense d : nn.layers()) {
            for (float w : d.weights()) {
                assertTrue(w >= -1 && w < 1, "weights uniform in [-1, 1)");
            }
        }
        NeuralNetwork deep = new NeuralNetwork(784, 128, 64, 10);
        assertEquals(3, deep.layers().size());
        assertEquals(10, deep.predict(new double[784]).length);
        assertEquals("NeuralNetwork(784-128-64-10, sigmoid, lr 0.1)", deep.toString());
    }

    @Test
    void sameSeedSameWeightsBitForBit() {
        NeuralNetwork a = NeuralNetwork.seeded(42, 5, 8, 3);
        NeuralNetwork b = NeuralNetwork.seeded(42, 5, 8, 3);
        NeuralNetwork c = NeuralNetwork.seeded(43, 5, 8, 3);
        assertEquals(42, a.seed());
        assertEquals(allParameters(a), allParameters(b));
        assertFalse(allParameters(a).equals(allParameters(c)), "different seeds should give different weights");
    }

    @Test
    void freshNetworkRecordsASeedThatRecreatesIt() {
        NeuralNetwork nn = new NeuralNetwork(3, 6, 2);
        NeuralNetwork again = NeuralNetwork.seeded(nn.seed(), 3, 6, 2);
        assertEquals(allParameters(nn), allParameters(again));
        assertFalse(nn.seed() == new NeuralNetwork(3, 6, 2).seed(), "two fresh networks should not share a seed");
    }

    @Test
    void copyIsDeepAndKeepsSettings() {
        NeuralNetwork nn = NeuralNetwork.seeded(3, 2, 5, 3);
        nn.setLearningRate(0.07);
        nn.setActivationFunction(ActivationFunction.TANH);
        nn.setExactGradient(true);
        NeuralNetwork child = nn.copy();
        assertNotSame(nn.layers().get(0).weights(), child.layers().get(0).weights());
        assertEquals(allParameters(nn), allParameters(child));
        assertEquals(0.07, child.getLearningRate());
        assertSame(ActivationFunction.TANH, child.getActivationFunction());
        assertEquals(UpdateRule.EXACT_GRADIENT, child.getUpdateRule());
        assertEquals(nn.seed(), child.seed());

        List<Float> before = allParameters(nn);
        child.mutate(w -> w + 1);
        child.train(new double[] {1, 0}, new double[] {0, 1, 0});
        child.setLearningRate(0.5);
        child.setActivationFunction(ActivationFunction.RELU);
        assertEquals(before, allParameters(nn), "changing the copy must leave the original alone");
        assertEquals(0.07, nn.getLearningRate());
        assertSame(ActivationFunction.TANH, nn.layers().get(0).activation());
    }

    @Test
    void mutateAppliesToEveryWeightAndBias() {
        NeuralNetwork nn = NeuralNetwork.seeded(8, 3, 4, 2);
        List<Float> before = allParameters(nn);
        List<Double> seen = new ArrayList<>();
        nn.mutate(w -> {
            seen.add(w);
            return w * 2 + 0.5;
        });
        assertEquals(nn.parameterCount(), seen.size(), "called once per weight and bias");
        List<Float> after = allParameters(nn);
        for (int i = 0; i < before.size(); i++) {
            assertEquals((float) (before.get(i) * 2.0 + 0.5), after.get(i), "parameter " + i);
        }
        // The lecture's mutation: sometimes a gaussian nudge.
        Rng rng = new Rng(1);
        nn.mutate(w -> rng.nextDouble() < 0.1 ? w + rng.nextGaussian() * 0.5 : w);
        List<Float> mutated = allParameters(nn);
        long changed = 0;
        for (int i = 0; i < after.size(); i++) {
            changed += after.get(i).equals(mutated.get(i)) ? 0 : 1;
        }
        assertTrue(changed > 0 && changed < after.size(), changed + " of " + after.size() + " changed");
    }

    @Test
    void activationPerLayerAndCustom() {
        NeuralNetwork nn = NeuralNetwork.seeded(2, 2, 3, 1);
        nn.setActivationFunction(1, ActivationFunction.LINEAR);
        assertNull(nn.getActivationFunction(), "mixed layers have no single activation");
        assertSame(ActivationFunction.SIGMOID, nn.layers().get(0).activation());
        assertSame(ActivationFunction.LINEAR, nn.layers().get(1).activation());
        ActivationFunction halfSigmoid = ActivationFunction.of(x -> 0.5 / (1 + Math.exp(-x)), y -> 2 * y * (0.5 - y));
        nn.setActivationFunction(halfSigmoid);
        assertFalse(halfSigmoid.isBuiltIn());
        assertEquals("custom", halfSigmoid.name());
        double out = nn.predict(new double[] {0.3, -0.7})[0];
        assertTrue(out > 0 && out < 0.5, "the custom function is used: " + out);
        nn.train(new double[] {0.3, -0.7}, new double[] {0.4});
    }

    @Test
    void predictMatchesTheReferenceForwardPass() {
        NeuralNetwork nn = NeuralNetwork.seeded(12, 4, 6, 5, 3);
        nn.setActivationFunction(ActivationFunction.TANH);
        double[] x = {0.5, -1, 2, 0.25};
        double[] want = ReferenceNetwork.of(nn).forward(x);
        double[] got = nn.predict(x);
        for (int i = 0; i < 3; i++) {
            assertEquals(want[i], got[i], 1e-6);
        }
        float[] gotF = nn.predict(new float[] {0.5f, -1f, 2f, 0.25f});
        for (int i = 0; i < 3; i++) {
            assertEquals((float) got[i], gotF[i]);
        }
    }

    @Test
    void trainStepDoesWhatTrainDoes() {
        NeuralNetwork a = NeuralNetwork.seeded(21, 3, 4, 2);
        NeuralNetwork b = a.copy();
        double[] x = {0.1, 0.2, 0.3};
        double[] t = {1, 0};
        a.train(x, t);
        TrainingStep step = b.trainStep(x, t);
        assertEquals(allParameters(a), allParameters(b));
        assertEquals(2, step.layers().size());
        assertEquals("3×1", step.input().shape());
        assertEquals("2×1", step.target().shape());
        assertEquals("4×3", step.layers().get(0).weightDelta().shape());
    }

    @Test
    void predictIsThreadSafe() throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(99, 16, 32, 24, 8);
        Rng rng = new Rng(4);
        double[][] inputs = new double[200][16];
        for (double[] x : inputs) {
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.uniform(-2, 2);
            }
        }
        double[][] expected = new double[inputs.length][];
        for (int s = 0; s < inputs.length; s++) {
            expected[s] = nn.predict(inputs[s]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[][]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 25;
                results.add(pool.submit(() -> {
                    double[][] got = new double[inputs.length][];
                    for (int round = 0; round < 20; round++) {
                        for (int k = 0; k < inputs.length; k++) {
                            int s = (k + offset) % inputs.length;   // threads visit samples in different orders
                            got[s] = nn.predict(inputs[s]);
                        }
                    }
                    return got;
                }));
            }
            for (Future<double[][]> f : results) {
                double[][] got = f.get(60, TimeUnit.SECONDS);
                for (int s = 0; s < inputs.length; s++) {
                    assertArrayEquals(expected[s], got[s], "sample " + s);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Float> allParameters(NeuralNetwork nn) {
        List<Float> all = new ArrayList<>();
        for (Dense d : nn.layers()) {
            for (float w : d.weights()) {
                all.add(w);
            }
            for (float b : d.bias()) {
                all.add(b);
            }
        }
        return all;
    }
}
