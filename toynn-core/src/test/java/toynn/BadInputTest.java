package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static toynn.Messages.assertMessage;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every public entry point of the facade refuses bad input with a message saying what was wrong and expected. */
class BadInputTest {
    private final NeuralNetwork nn = NeuralNetwork.seeded(1, 3, 4, 2);

    private static IllegalArgumentException iae(Executable e) {
        return assertThrows(IllegalArgumentException.class, e);
    }

    @Test
    void layerSizes() {
        assertMessage(iae(NeuralNetwork::new), "at least two layer sizes", "got []");
        assertMessage(iae(() -> new NeuralNetwork(5)), "at least two layer sizes", "got [5]");
        assertMessage(iae(() -> new NeuralNetwork((int[]) null)), "at least two layer sizes", "got none");
        assertMessage(iae(() -> new NeuralNetwork(2, 0, 1)), "layer size 1 is 0", "at least one node", "[2, 0, 1]");
        assertMessage(iae(() -> NeuralNetwork.seeded(1, 2, 3, -4)), "layer size 2 is -4");
        assertMessage(iae(() -> new NeuralNetwork(100_000, 100_000)), "10000000000 weights", "at most");
    }

    @Test
    void wrongLengths() {
        assertMessage(iae(() -> nn.predict(new double[2])), "input has 2 values", "expects 3");
        assertMessage(iae(() -> nn.predict(new float[4])), "input has 4 values", "expects 3");
        assertMessage(iae(() -> nn.train(new double[3], new double[3])), "target has 3 values", "expects 2");
        assertMessage(iae(() -> nn.train(new double[1], new double[2])), "input has 1 values", "expects 3");
        assertMessage(iae(() -> nn.train(new float[3], new float[1])), "target has 1 values", "expects 2");
        assertMessage(iae(() -> nn.trainStep(new double[3], new double[0])), "target has 0 values", "expects 2");
    }

    @Test
    void nullArrays() {
        assertMessage(iae(() -> nn.predict((double[]) null)), "input must not be null", "expected 3 numbers");
        assertMessage(iae(() -> nn.predict((float[]) null)), "input must not be null");
        assertMessage(iae(() -> nn.train(null, new double[2])), "input must not be null");
        assertMessage(iae(() -> nn.train(new double[3], null)), "target must not be null", "expected 2 numbers");
        assertMessage(iae(() -> nn.trainStep(null, new double[2])), "input must not be null");
    }

    @Test
    void notFiniteValues() {
        assertMessage(iae(() -> nn.predict(new double[] {0, Double.NaN, 0})), "input[1] is NaN", "expected a finite number");
        assertMessage(iae(() -> nn.predict(new float[] {Float.POSITIVE_INFINITY, 0, 0})), "input[0] is Infinity");
        assertMessage(iae(() -> nn.train(new double[] {0, 0, Double.NEGATIVE_INFINITY}, new double[2])),
                "input[2] is -Infinity");
        assertMessage(iae(() -> nn.train(new double[3], new double[] {1, Double.NaN})), "target[1] is NaN");
        assertMessage(iae(() -> nn.trainStep(new double[3], new double[] {Double.POSITIVE_INFINITY, 0})),
                "target[0] is Infinity");
    }

    /**
     * Finite doubles beyond float32's range became infinity on the way in: predict and classify answered
     * from infinite inputs (NaN confidences), train blamed the learning rate.
     */
    @Test
    void valuesBeyondFloat32AreRefusedByName() {
        assertMessage(iae(() -> nn.predict(new double[] {0, 1e39, 0})), "input[1] is 1.0E39", "float32 range",
                "3.4028235E38");
        assertMessage(iae(() -> nn.classify(new double[] {-1e300, 0, 0})), "input[0] is -1.0E300", "float32 range");
        assertMessage(iae(() -> nn.train(new double[] {1e39, 0, 0}, new double[2])), "input[0] is 1.0E39");
        assertMessage(iae(() -> nn.trainStep(new double[3], new double[] {0, 4e38})), "target[1] is 4.0E38");
        NeuralNetwork sketch = NeuralNetwork.regressor(1, 1);
        assertMessage(iae(() -> sketch.addData(new double[] {1}, new double[] {1e39})), "target[0] is 1.0E39");
        assertEquals(2, nn.predict(new double[] {Float.MAX_VALUE, 0, 0}).length);   // the largest float32 is fine
        // a double that rounds to it (not to infinity) is fine too, with either sign: the bound is float32's rounding
        assertEquals(2, nn.predict(new double[] {0, Math.nextUp((double) Float.MAX_VALUE), -Math.nextUp((double) Float.MAX_VALUE)}).length);
    }

    /** A null path was the JVM's NullPointerException about a variable inside the file writer. */
    @Test
    void nullPathsAreNamed() {
        assertMessage(assertThrows(NullPointerException.class, () -> nn.save(null)), "path must not be null");
        assertMessage(assertThrows(NullPointerException.class, () -> NeuralNetwork.load(null)), "path must not be null");
    }

    @Test
    void rejectedTrainingChangesNothing() {
        List<Float> before = NeuralNetworkTest.allParameters(nn);
        iae(() -> nn.train(new double[] {1, 2, 3}, new double[] {1, Double.NaN}));
        assertEquals(before, NeuralNetworkTest.allParameters(nn));
    }

    @Test
    void settings() {
        for (double lr : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertMessage(iae(() -> nn.setLearningRate(lr)), "learning rate must be a finite number > 0", "got " + lr);
        }
        assertEquals(0.1, nn.getLearningRate());
        assertMessage(assertThrows(NullPointerException.class, () -> nn.setActivationFunction(null)),
                "activation function must not be null");
        assertMessage(assertThrows(NullPointerException.class, () -> nn.setUpdateRule(null)),
                "update rule must not be null");
        assertMessage(iae(() -> nn.setActivationFunction(2, ActivationFunction.TANH)),
                "layer 2 does not exist", "layers 0 to 1");
        assertMessage(iae(() -> nn.setActivationFunction(-1, ActivationFunction.TANH)), "layer -1 does not exist");
    }

    @Test
    void mutationThatReturnsNonFiniteValues() {
        assertMessage(iae(() -> nn.mutate(w -> w / 0.0)), "mutation function returned", "finite");
        assertMessage(assertThrows(NullPointerException.class, () -> nn.mutate(null)), "must not be null");
    }

    @Test
    void unknownActivationName() {
        assertMessage(iae(() -> ActivationFunction.byName("swish")), "unknown activation 'swish'",
                "expected one of [sigmoid, tanh, relu, leaky_relu, elu, linear, softmax]");
        assertMessage(iae(() -> ActivationFunction.byName(null)), "unknown activation 'null'");
        assertEquals(ActivationFunction.LEAKY_RELU, ActivationFunction.byName(" Leaky-ReLU "));
    }

    @Test
    void layersThatDoNotFit() {
        var a = new toynn.layers.Dense(3, 4, ActivationFunction.SIGMOID);
        var b = new toynn.layers.Dense(5, 2, ActivationFunction.SIGMOID);
        assertMessage(iae(() -> NeuralNetwork.fromLayers(List.of(a, b))),
                "layer 1 expects 5 inputs but layer 0 gives 4 outputs");
        assertMessage(iae(() -> NeuralNetwork.fromLayers(List.of())), "at least one layer");
        assertMessage(iae(() -> new toynn.layers.Dense(0, 3, ActivationFunction.SIGMOID)),
                "at least one input and one output", "got 0 inputs and 3 outputs");
    }

    @Test
    void predictStillWorksAfterRefusals() {
        double[] before = nn.predict(new double[] {1, 2, 3});
        iae(() -> nn.predict(new double[] {1, Double.NaN, 3}));
        assertArrayEquals(before, nn.predict(new double[] {1, 2, 3}));
    }
}
