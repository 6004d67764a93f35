package toynn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import toynn.NeuralNetwork;
import toynn.evolve.FitnessFunction;
import toynn.evolve.GenerationStats;
import toynn.evolve.Population;
import toynn.evolve.Seeds;
import toynn.evolve.Selection;
import toynn.evolve.Trial;
import toynn.evolve.env.CartPole;

/** Distributed fitness evaluation: the same run as on one machine, whatever the partitioning. */
class SparkFitnessTest {
    private static final int POPULATION = 100;
    private static final int MAX_GENERATIONS = 20;

    private static Population cartPole() {
        return new Population(POPULATION, 1, CartPole.BRAIN).selection(Selection.tournament(3)).elitism(2)
                .mutation(0.1, 0.5);
    }

    /** Evolves until a network balances 500 steps (or the generations run out); returns the history. */
    private static List<GenerationStats> untilBalanced(Population pop, java.util.function.Supplier<List<GenerationStats>> run) {
        pop.addListener(s -> {
            if (s.best() >= CartPole.MAX_STEPS) {
                pop.stop();
            }
        });
        return run.get();
    }

    @Test
    void cartPoleOnSparkReaches500StepsAndEqualsTheSingleMachineRunForAnyPartitioning() {
        JavaSparkContext sc = LocalSpark.context();
        List<GenerationStats> local;
        NeuralNetwork localBest;
        try (Population pop = cartPole().threads(2)) {
            local = untilBalanced(pop, () -> pop.evolve(CartPole.fitness(5), MAX_GENERATIONS));
            localBest = pop.best();
        }
        assertEquals(500.0, local.get(local.size() - 1).best(), "the single-machine run balances the pole");

        for (int partitions : new int[] {1, 3, 7}) {
            try (Population pop = cartPole(); SparkFitness onSpark = new SparkFitness(sc, () -> CartPole.fitness(5), partitions)) {
                List<GenerationStats> spark = untilBalanced(pop, () -> pop.evolveTogether(onSpark, MAX_GENERATIONS));
                assertEquals(local, spark, "generation statistics with " + partitions + " partitions");
                assertEquals(500.0, pop.bestFitness(), partitions + " partitions");
                NeuralNetwork best = pop.best();
                assertArrayEquals(Parameters.of(localBest), Parameters.of(best), "best network with " + partitions + " partitions");
                // and the best network really balances its generation's five episodes
                long trialSeed = Seeds.derive(1, Seeds.TRIAL, pop.bestGeneration());
                for (int e = 0; e < 5; e++) {
                    assertEquals(500, CartPole.balance(best, Seeds.derive(trialSeed, e)), "episode " + e);
                }
            }
        }
    }

    @Test
    void eachNetworkIsScoredWithItsOwnIndexAndTheGenerationsSeed() {
        JavaSparkContext sc = LocalSpark.context();
        List<NeuralNetwork> nets = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            nets.add(NeuralNetwork.seeded(100 + i, 2, 3, 1));
        }
        // fitness = index·1000 + generation + (seed mod 7) + the first weight, so every part must arrive intact
        SparkFitness.Factory f = TrialEcho::new;
        try (SparkFitness onSpark = new SparkFitness(sc, f, 4)) {
            double[] got = onSpark.fitness(nets, new Trial(5, -1, 123456789L));
            for (int i = 0; i < nets.size(); i++) {
                double want = i * 1000.0 + 5 + Math.floorMod(123456789L, 7) + nets.get(i).layers().get(0).weights()[0];
                assertEquals(want, got[i], "network " + i);
            }
        }
    }

    /** A fitness made of the trial's parts and the network's first weight. */
    private static final class TrialEcho implements FitnessFunction {
        @Override
        public double fitness(NeuralNetwork nn) {
            throw new AssertionError("the trial must be passed on");
        }

        @Override
        public double fitness(NeuralNetwork nn, Trial trial) {
            return trial.index() * 1000.0 + trial.generation() + Math.floorMod(trial.seed(), 7)
                    + nn.layers().get(0).weights()[0];
        }
    }

    @Test
    void aFactoryThatCannotBeSerializedIsRejectedWithItsReason() {
        Object notSerializable = new Object();
        SparkFitness.Factory f = () -> nn -> notSerializable.hashCode();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparkFitness(LocalSpark.context(), f, 2));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    @Test
    void aFailingFitnessFunctionReportsItsMessage() {
        JavaSparkContext sc = LocalSpark.context();
        SparkFitness.Factory f = () -> nn -> {
            throw new IllegalStateException("the simulator crashed");
        };
        try (SparkFitness onSpark = new SparkFitness(sc, f, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> onSpark.fitness(List.of(NeuralNetwork.seeded(1, 2, 1)), new Trial(0, -1, 1)));
            assertEquals("the simulator crashed", e.getMessage());
        }
    }

    /**
     * A factory that gives no function, or a function that throws something else than IllegalArgument/State:
     * the message says what, not Spark's "Job aborted due to stage failure: … Lost task …" or a bare NPE.
     */
    @Test
    void aFactoryThatGivesNothingAndOtherFailuresAreNamed() {
        JavaSparkContext sc = LocalSpark.context();
        List<NeuralNetwork> one = List.of(NeuralNetwork.seeded(1, 2, 1));
        try (SparkFitness onSpark = new SparkFitness(sc, () -> null, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> onSpark.fitness(one, new Trial(0, -1, 1)));
            assertEquals("the fitness factory returned null on a Spark executor; expected a fitness function, "
                    + "e.g. () -> CartPole.fitness(3)", e.getMessage());
        }
        SparkFitness.Factory divides = () -> nn -> 1 / (int) nn.predict(new double[] {0, 0})[0];   // output < 1: 1 / 0
        try (SparkFitness onSpark = new SparkFitness(sc, divides, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> onSpark.fitness(one, new Trial(3, -1, 1)));
            assertEquals("evaluating generation 3 on Spark failed: java.lang.ArithmeticException: / by zero", e.getMessage());
        }
        try (SparkFitness onSpark = new SparkFitness(sc, () -> nn -> 1.0, 2)) {
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> onSpark.fitness(java.util.Arrays.asList(one.get(0), null), new Trial(0, -1, 1)));
            assertEquals("network 1 is null", e.getMessage());
        }
    }

    @Test
    void networksOfDifferentShapesAreRejected() {
        JavaSparkContext sc = LocalSpark.context();
        try (SparkFitness onSpark = new SparkFitness(sc, () -> nn -> 1.0, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> onSpark.fitness(
                    List.of(NeuralNetwork.seeded(1, 2, 2, 1), NeuralNetwork.seeded(2, 2, 3, 1)), new Trial(0, -1, 1)));
            assertTrue(e.getMessage().contains("network 1"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new SparkFitness(sc, () -> nn -> 1.0, 0));
    }
}
