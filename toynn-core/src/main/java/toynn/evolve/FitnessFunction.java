package toynn.evolve;

import toynn.NeuralNetwork;

/**
 * Scores one network; higher is better. The friendly form is a lambda over the network:
 * <pre>{@code
 * population.evolve(nn -> 1 - XorTask.meanSquaredError(nn), 100);
 * }</pre>
 * Environments that need a scenario (start states, a pipe sequence) override
 * {@link #fitness(NeuralNetwork, Trial)} and draw it from {@link Trial#seed()}.
 *
 * <p>A {@link Population} calls this from several threads at once, each on a different network:
 * keep the function free of shared mutable state. It must return a finite number.
 */
@FunctionalInterface
public interface FitnessFunction {
    /** The fitness of {@code network}; must not change the network. */
    double fitness(NeuralNetwork network);

    /** The fitness of {@code network} in the given trial; by default ignores the trial. */
    default double fitness(NeuralNetwork network, Trial trial) {
        return fitness(network);
    }
}
