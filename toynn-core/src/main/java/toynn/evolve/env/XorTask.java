package toynn.evolve.env;

import toynn.NeuralNetwork;
import toynn.evolve.FitnessFunction;

/**
 * XOR without gradients: a network with 2 inputs and 1 output is scored on the four rows of the
 * truth table, fitness {@code 1 − MSE} where {@code MSE = ¼ Σ (t − o)²} — 1 for a perfect network,
 * never negative for outputs in [0, 1] (sigmoid), as the pool selection wants.
 */
public final class XorTask implements FitnessFunction {
    /** The four inputs. */
    public static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** Their targets. */
    public static final double[] TARGETS = {0, 1, 1, 0};
    /** The network shape the command line evolves: 2 inputs, 4 hidden, 1 output. */
    public static final int[] BRAIN = {2, 4, 1};

    /** {@code 1 − MSE} over the truth table. */
    @Override
    public double fitness(NeuralNetwork network) {
        return 1 - meanSquaredError(network);
    }

    /**
     * {@code ¼ Σ (t − o)²} over the truth table (output 0).
     *
     * @throws IllegalArgumentException if the network does not take 2 inputs
     */
    public static double meanSquaredError(NeuralNetwork network) {
        if (network.inputSize() != 2) {
            throw new IllegalArgumentException("an XOR network takes 2 inputs, but this one takes " + network.inputSize());
        }
        double sum = 0;
        for (int k = 0; k < INPUTS.length; k++) {
            double e = TARGETS[k] - network.predict(INPUTS[k])[0];
            sum += e * e;
        }
        return sum / INPUTS.length;
    }

    /** Whether every output is on the right side of 0.5. */
    public static boolean solves(NeuralNetwork network) {
        for (int k = 0; k < INPUTS.length; k++) {
            if ((network.predict(INPUTS[k])[0] > 0.5) != (TARGETS[k] > 0.5)) {
                return false;
            }
        }
        return true;
    }
}
