package toynn.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The mean fitness of a generation ({@link GenerationStats#mean()}, the {@code mean_fitness} of
 * {@code toynn evolve --json}) is finite whenever every fitness is: summing values near
 * {@link Double#MAX_VALUE} overflows, and the mean used to come out as ∞.
 */
class MeanFitnessTest {
    private static final double MAX = Double.MAX_VALUE;

    private static double meanOf(double... fitness) {
        try (Population pop = new Population(fitness.length, 1, 2, 2, 1).elitism(0)) {
            return pop.nextGeneration(fitness).mean();
        }
    }

    @Test
    void meanOfHugeFitnessStaysFinite() {
        assertEquals(MAX, meanOf(MAX, MAX, MAX), "all equal: the mean is that value");
        assertEquals(0.75 * MAX, meanOf(MAX, MAX / 2), MAX * 1e-15);
        assertEquals(0.5 * MAX, meanOf(MAX, MAX, 0, 0), MAX * 1e-15);
        assertEquals(-MAX, meanOf(-MAX, -MAX, -MAX, -MAX, -MAX), "negative the same way");
        assertEquals(-0.5 * MAX, meanOf(-MAX, -MAX, 1, 0), MAX * 1e-15);
    }

    @Test
    void ordinaryFitnessIsTheSumOverTheCount() {
        double[] f = {0.1, 0.7, 0.2, 1e-3, 42};
        double sum = 0;
        for (double v : f) {
            sum += v;
        }
        assertEquals(sum / f.length, meanOf(f), 0.0, "bit for bit as before");
        assertEquals(0.0, meanOf(MAX, -MAX), 0.0, "a sum that does not overflow is used as it is");
    }
}
