package toynn.evolve;

import toynn.NeuralNetwork;
import toynn.util.Rng;

/** How a child is made from its parents before it is mutated. */
public enum Crossover {
    /** No crossover: the child is a copy of one parent (the Coding Train's sketches). */
    NONE,
    /** Each weight from either parent with probability ½ ({@link NeuralNetwork#crossover(NeuralNetwork, Rng)}). */
    UNIFORM,
    /** One cut over the flattened parameters ({@link NeuralNetwork#crossoverSinglePoint(NeuralNetwork, Rng)}). */
    SINGLE_POINT;

    /** The child of {@code a} and {@code b} ({@code b} unused for {@link #NONE}). */
    NeuralNetwork child(NeuralNetwork a, NeuralNetwork b, Rng rng) {
        return switch (this) {
            case NONE -> a.copy();
            case UNIFORM -> a.crossover(b, rng);
            case SINGLE_POINT -> a.crossoverSinglePoint(b, rng);
        };
    }
}
