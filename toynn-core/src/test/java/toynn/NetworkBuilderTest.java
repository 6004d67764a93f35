package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toynn.layers.Dense;
import toynn.layers.Initializer;
import toynn.train.Adam;
import toynn.train.Sgd;

class NetworkBuilderTest {
    @Test
    void buildsTheIssueExample() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(784).dense(128, ActivationFunction.RELU).dropout(0.2)
                .dense(10, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Adam.of(1e-3)).seed(42).build();
        assertArrayEquals(new int[] {784, 128, 10}, nn.layerSizes());
        assertEquals(ActivationFunction.RELU, nn.layers().get(0).activation());
        assertEquals(ActivationFunction.SOFTMAX, nn.layers().get(1).activation());
        assertEquals(0.2, nn.dropout(0));
        assertEquals(0.0, nn.dropout(1));
        assertEquals(Loss.CROSS_ENTROPY, nn.loss());
        assertEquals("adam", nn.optimizer().name());
        assertEquals(42, nn.seed());
    }

    @Test
    void defaultInitialisersHaveTheirVariance() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(400).dense(300, ActivationFunction.RELU)
                .dense(200, ActivationFunction.TANH).dense(10, ActivationFunction.SOFTMAX).build();
        // He normal: Var = 2/fanIn; Glorot uniform: Var = limit²/3 = 2/(fanIn + fanOut)
        assertEquals(2.0 / 400, variance(nn.layers().get(0).weights()), 0.05 * 2.0 / 400);
        assertEquals(2.0 / 500, variance(nn.layers().get(1).weights()), 0.05 * 2.0 / 500);
        assertTrue(max(nn.layers().get(1).weights()) <= Math.sqrt(6.0 / 500));
        assertEquals(0f, max(nn.layers().get(0).bias()));
        assertEquals(Loss.CROSS_ENTROPY, nn.loss(), "softmax output defaults to cross-entropy");
    }

    @Test
    void lectureUniformAndHeUniform() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(50).dense(40, ActivationFunction.SIGMOID, Initializer.LECTURE_UNIFORM)
                .dense(30, ActivationFunction.RELU, Initializer.HE_UNIFORM).build();
        Dense lecture = nn.layers().get(0);
        assertEquals(1.0 / 3, variance(lecture.weights()), 0.05);      // U[−1, 1): variance 1/3
        assertTrue(max(lecture.bias()) > 0.1, "lecture init draws biases too");
        assertTrue(max(nn.layers().get(1).weights()) <= Math.sqrt(6.0 / 40));
        assertEquals(2.0 / 40, variance(nn.layers().get(1).weights()), 0.1 * 2.0 / 40);
    }

    @Test
    void sameSeedSameNetwork() {
        NetworkBuilder b = NeuralNetwork.builder().inputs(5).dense(7, ActivationFunction.ELU).dense(2, ActivationFunction.LINEAR)
                .optimizer(Sgd.of(0.1));
        NeuralNetwork x = b.build();
        NeuralNetwork y = b.build();
        assertArrayEquals(x.layers().get(0).weights(), y.layers().get(0).weights(), 0f);
        assertTrue(x.optimizer() != y.optimizer(), "each network gets its own optimizer");
        NeuralNetwork z = b.seed(7).build();
        assertTrue(!java.util.Arrays.equals(x.layers().get(0).weights(), z.layers().get(0).weights()));
    }

    @Test
    void mistakesAreExplained() {
        assertTrue(assertThrows(IllegalStateException.class, () -> NeuralNetwork.builder().dense(3, ActivationFunction.RELU)
                .build()).getMessage().contains("inputs"));
        assertTrue(assertThrows(IllegalStateException.class, () -> NeuralNetwork.builder().inputs(3).build())
                .getMessage().contains("dense"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.builder().inputs(3).dropout(0.5))
                .getMessage().contains("dense layer first"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.builder().inputs(3)
                .dense(2, ActivationFunction.SIGMOID).dropout(0.5).build()).getMessage().contains("output layer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.builder().inputs(3)
                .dense(2, ActivationFunction.RELU).dropout(1.0)).getMessage().contains("[0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.builder().inputs(3)
                .dense(2, ActivationFunction.RELU).loss(Loss.CROSS_ENTROPY).build()).getMessage().contains("softmax"));
        assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.builder().inputs(0));
        assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.builder().inputs(2).dense(0, ActivationFunction.RELU));
        assertThrows(IllegalArgumentException.class, () -> NeuralNetwork.builder().weightDecay(-1));
    }

    private static double variance(float[] w) {
        double mean = 0;
        for (float v : w) {
            mean += v;
        }
        mean /= w.length;
        double s = 0;
        for (float v : w) {
            s += (v - mean) * (v - mean);
        }
        return s / w.length;
    }

    private static float max(float[] w) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : w) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
