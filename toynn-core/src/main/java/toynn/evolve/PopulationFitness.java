package toynn.evolve;

import java.util.List;
import toynn.NeuralNetwork;

/**
 * Scores a whole generation at once — for games where every member plays together, as the birds
 * of the Coding Train's Flappy Bird do. Runs on the calling thread.
 */
@FunctionalInterface
public interface PopulationFitness {
    /**
     * One fitness per network, in the order of {@code networks}; higher is better, each finite.
     *
     * @param networks the generation (read-only list; do not change the networks)
     * @param trial    generation and scenario seed; {@code trial.index()} is −1
     */
    double[] fitness(List<NeuralNetwork> networks, Trial trial);
}
