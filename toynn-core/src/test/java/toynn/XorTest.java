package toynn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toynn.util.Rng;

/**
 * XOR learned with the lecture's {@code train()} from a fixed seed: every output ends on the right
 * side of 0.5 by a clear margin. Fails if learning breaks (XOR is not linearly separable, so the hidden
 * layer's update must work too).
 */
class XorTest {
    private static final double[][] IN = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[][] OUT = {{0}, {1}, {1}, {0}};

    @Test
    void lectureRuleLearnsXor() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 1);
        nn.setLearningRate(0.5);
        assertSolved(train(nn, 1, 20_000), 0.2);
    }

    @Test
    void exactGradientLearnsXor() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 1);
        nn.setLearningRate(0.5);
        nn.setExactGradient(true);
        assertSolved(train(nn, 1, 20_000), 0.2);
    }

    @Test
    void tanhLearnsXor() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 1);
        nn.setActivationFunction(ActivationFunction.TANH);
        nn.setLearningRate(0.1);
        assertSolved(train(nn, 1, 20_000), 0.2);
    }

    @Test
    void untrainedNetworkHasNotSolvedIt() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 1);
        assertTrue(worstError(nn) > 0.3, "the check above would be meaningless if XOR held from the start");
    }

    private static NeuralNetwork train(NeuralNetwork nn, long seed, int steps) {
        Rng rng = new Rng(seed);
        for (int s = 0; s < steps; s++) {
            int k = rng.nextInt(4);                      // a random example each step, as in the lecture
            nn.train(IN[k], OUT[k]);
        }
        return nn;
    }

    private static void assertSolved(NeuralNetwork nn, double margin) {
        double worst = worstError(nn);
        assertTrue(worst < margin, "XOR not learned: the worst output is " + worst + " away from its target");
    }

    private static double worstError(NeuralNetwork nn) {
        double worst = 0;
        for (int k = 0; k < 4; k++) {
            worst = Math.max(worst, Math.abs(OUT[k][0] - nn.predict(IN[k])[0]));
        }
        return worst;
    }
}
