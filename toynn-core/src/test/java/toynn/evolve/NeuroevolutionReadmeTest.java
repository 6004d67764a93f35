package toynn.evolve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;
import toynn.evolve.env.XorTask;

/** The snippets of README.md's "Neuroevolution" section, line for line (keep the two in step). */
class NeuroevolutionReadmeTest {
    @TempDir
    Path dir;

    @Test
    void readmeSnippetsRun() throws Exception {
        NeuralNetwork parentA = NeuralNetwork.seeded(1, 2, 4, 1);
        NeuralNetwork parentB = NeuralNetwork.seeded(2, 2, 4, 1);
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());

        NeuralNetwork child = parentA.crossover(parentB);          // each weight from one parent (uniform)
        NeuralNetwork other = parentA.crossoverSinglePoint(parentB); // one cut over the flattened weights
        child.mutate(0.1, 0.5);                                      // each weight, with chance 0.1, += N(0, 0.5²)
        child.mutate(w -> w * 1.01);                                 // the lecture's mutate(function) still works

        Population pop = new Population(200, 1, 2, 4, 1)          // 200 networks 2-4-1, seed 1
                .selection(Selection.tournament(3))                // or Selection.pool()
                .crossover(Crossover.UNIFORM)                      // default NONE: a child copies one parent
                .elitism(2)                                        // the 2 fittest pass unchanged
                .mutation(0.1, 0.5)                                // rate, sigma
                .threads(2)                                        // default: all cores; the result is the same
                .addListener(s -> quiet.printf("gen %d best %.3f mean %.3f diversity %.2f%n",
                        s.generation(), s.best(), s.mean(), s.diversity()));
        pop.evolve(nn -> 1 - XorTask.meanSquaredError(nn), 100);   // fitness: a lambda over one network
        NeuralNetwork best = pop.best();
        pop.saveBest(dir.resolve("best.json"));                    // read back with NeuralNetwork.load

        assertEquals(parentA.parameterCount(), other.parameterCount());
        assertTrue(XorTask.solves(best), "the README's run solves XOR");
        assertEquals(100, pop.history().size());
        assertArrayEquals(best.predict(new double[] {1, 0}),
                NeuralNetwork.load(dir.resolve("best.json")).predict(new double[] {1, 0}));
    }
}
