package toynn.evolve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;
import toynn.evolve.env.CartPole;
import toynn.evolve.env.Flappy;
import toynn.evolve.env.XorTask;

class PopulationTest {

    /** The flattened parameter vector: layer by layer, weights then bias. */
    static float[] flat(NeuralNetwork nn) {
        float[] out = new float[nn.parameterCount()];
        int o = 0;
        for (toynn.layers.Dense d : nn.layers()) {
            System.arraycopy(d.weights(), 0, out, o, d.weights().length);
            o += d.weights().length;
            System.arraycopy(d.bias(), 0, out, o, d.bias().length);
            o += d.bias().length;
        }
        return out;
    }

    private static Population cartPoles(int threads, long seed) {
        return new Population(60, seed, CartPole.BRAIN).selection(Selection.tournament(3)).crossover(Crossover.UNIFORM)
                .elitism(2).mutation(0.2, 0.4).threads(threads);
    }

    /** Same seed ⇒ the same run, bit for bit, on 1 and on 2 threads (every stream derives from seed, generation, index). */
    @Test
    void sameSeedSameRunOnOneAndTwoThreads() {
        List<GenerationStats> seen = new ArrayList<>();
        try (Population one = cartPoles(1, 5); Population two = cartPoles(2, 5).addListener(seen::add)) {
            List<GenerationStats> h1 = one.evolve(CartPole.fitness(2), 8);
            List<GenerationStats> h2 = two.evolve(CartPole.fitness(2), 8);
            assertEquals(h1, h2, "statistics (records compare doubles bit for bit)");
            assertEquals(h2, seen, "the listener saw every generation");
            assertEquals(one.bestFitness(), two.bestFitness());
            assertEquals(one.bestGeneration(), two.bestGeneration());
            assertArrayEquals(flat(one.best()), flat(two.best()), "best network");
            assertEquals(one.best().toJson(), two.best().toJson());
            for (int i = 0; i < one.size(); i++) {
                assertArrayEquals(flat(one.networks().get(i)), flat(two.networks().get(i)), "network " + i);
            }
            // the run really changes: selection and mutation did something
            assertTrue(h1.get(h1.size() - 1).best() > h1.get(0).best(), "evolution improved the best: " + h1);
        }
        try (Population other = cartPoles(2, 6)) {
            assertNotEquals(cartPoles(1, 5).evolve(CartPole.fitness(2), 3), other.evolve(CartPole.fitness(2), 3),
                    "another seed gives another run");
        }
    }

    /** More threads than networks: only as many worker threads start as there are networks to score. */
    @Test
    void noMoreWorkerThreadsThanNetworks() {
        long before = evolveThreads();
        try (Population pop = new Population(4, 3, XorTask.BRAIN).threads(64)) {
            pop.step(new XorTask());
            long started = evolveThreads() - before;
            assertTrue(started <= 4, started + " worker threads for 4 networks");
        }
    }

    private static long evolveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("toynn-evolve-")).count();
    }

    @Test
    void elitesPassUnchangedAndTheBestNeverGetsWorse() {
        Population pop = new Population(30, 3, XorTask.BRAIN).elitism(3).selection(Selection.pool()).threads(1);
        XorTask xor = new XorTask();
        GenerationStats previous = pop.step(xor);
        for (int g = 1; g < 10; g++) {
            double[] f = pop.fitness();
            Integer[] order = new Integer[f.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(f[b], f[a]));
            List<float[]> elites = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                elites.add(flat(pop.networks().get(order[e])));
            }
            GenerationStats s = pop.step(xor);
            assertEquals(g, s.generation());
            for (int e = 0; e < 3; e++) {
                assertArrayEquals(elites.get(e), flat(pop.networks().get(e)), "elite " + e + " copied unchanged");
            }
            assertTrue(s.best() >= previous.best(), "elitism keeps the best (deterministic fitness)");
            previous = s;
        }
        assertTrue(previous.best() > pop.history().get(0).best(), "and it improved");
    }

    @Test
    void statisticsMatchTheFitnessValues() {
        Population pop = new Population(7, 1, 2, 2, 1).threads(2);
        GenerationStats s = pop.step(nn -> nn.predict(new double[] {0.5, 0.5})[0]);
        double[] f = pop.fitness();
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double sum = 0;
        for (double v : f) {
            max = Math.max(max, v);
            min = Math.min(min, v);
            sum += v;
        }
        assertEquals(max, s.best());
        assertEquals(min, s.worst());
        assertEquals(sum / f.length, s.mean(), 1e-15);
        assertEquals(max, f[s.bestIndex()]);
        assertEquals(Diversity.meanDistanceToCentroid(pop.networks()), s.diversity());
        assertEquals(max, pop.bestFitness());
    }

    @Test
    void diversityIsTheMeanDistanceToTheCentroid() {
        NeuralNetwork a = NeuralNetwork.seeded(1, 1, 1);     // 2 parameters: w, b
        NeuralNetwork b = a.copy();
        assertEquals(0.0, Diversity.meanDistanceToCentroid(List.of(a, b)));
        b.layers().get(0).weights()[0] += 3;
        b.layers().get(0).bias()[0] += 4;                    // ‖θ_a − θ_b‖ = 5; each is 2.5 from the midpoint
        assertEquals(2.5, Diversity.meanDistanceToCentroid(List.of(a, b)), 1e-6);
    }

    @Test
    void poolPicksInProportionToFitness() {
        double[] fitness = {1, 0, 2, 3, 4};
        Selection.Picker picker = Selection.pool().prepare(fitness);
        int[] counts = new int[fitness.length];
        toynn.util.Rng rng = new toynn.util.Rng(1);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[picker.pick(rng)]++;
        }
        assertEquals(0, counts[1], "zero fitness is never picked");
        for (int i = 0; i < fitness.length; i++) {
            // p_i = f_i / 10; standard error ≤ 0.0011
            assertEquals(fitness[i] / 10, (double) counts[i] / n, 0.006, "share of " + i);
        }
    }

    @Test
    void poolWithEqualOrNegativeFitness() {
        toynn.util.Rng rng = new toynn.util.Rng(2);
        int[] counts = new int[4];
        Selection.Picker zeros = Selection.pool().prepare(new double[4]);
        for (int i = 0; i < 40_000; i++) {
            counts[zeros.pick(rng)]++;
        }
        for (int c : counts) {
            assertEquals(0.25, c / 40_000.0, 0.015, "all zero: uniform");
        }
        Selection.Picker shifted = Selection.pool().prepare(new double[] {-1, 0, 1});   // shifted to 0, 1, 2
        int[] s = new int[3];
        for (int i = 0; i < 30_000; i++) {
            s[shifted.pick(rng)]++;
        }
        assertEquals(0, s[0]);
        assertEquals(1 / 3.0, s[1] / 30_000.0, 0.015);
    }

    /** Fitness near Double.MAX_VALUE overflowed Σf to ∞, so every p_i was 0 and the zero-fitness last network got every pick. */
    @Test
    void poolWithHugeFitnessStillPicksInProportion() {
        toynn.util.Rng rng = new toynn.util.Rng(4);
        double big = Double.MAX_VALUE;
        Selection.Picker picker = Selection.pool().prepare(new double[] {big, big / 2, big, 0});
        int[] counts = new int[4];
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            counts[picker.pick(rng)]++;
        }
        assertEquals(0, counts[3], "zero fitness is never picked");
        assertEquals(0.4, counts[0] / (double) n, 0.015);
        assertEquals(0.2, counts[1] / (double) n, 0.015);
        assertEquals(0.4, counts[2] / (double) n, 0.015);
        Selection.Picker spread = Selection.pool().prepare(new double[] {-big, big, 0});   // shifted: 0, 2·big, big
        int[] s = new int[3];
        for (int i = 0; i < 30_000; i++) {
            s[spread.pick(rng)]++;
        }
        assertEquals(0, s[0], "the least fit is shifted to zero");
        assertEquals(2 / 3.0, s[1] / 30_000.0, 0.015);
    }

    @Test
    void tournamentOfTwoFavoursTheFitter() {
        // n = 4 distinct values: the one of rank r (0 = worst) wins when both draws are ≤ r and one is r:
        // P = ((r+1)² − r²) / 16
        double[] fitness = {0.3, 0.1, 0.4, 0.2};   // ranks 2, 0, 3, 1
        int[] rank = {2, 0, 3, 1};
        Selection.Picker picker = Selection.tournament(2).prepare(fitness);
        toynn.util.Rng rng = new toynn.util.Rng(3);
        int[] counts = new int[4];
        int n = 160_000;
        for (int i = 0; i < n; i++) {
            counts[picker.pick(rng)]++;
        }
        for (int i = 0; i < 4; i++) {
            int r = rank[i];
            assertEquals(((r + 1) * (r + 1) - r * r) / 16.0, (double) counts[i] / n, 0.006, "share of rank " + r);
        }
        assertThrows(IllegalArgumentException.class, () -> Selection.tournament(0));
    }

    @Test
    void nanFitnessIsAClearError() {
        Population pop = new Population(5, 1, 2, 2, 1).threads(2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pop.step(nn -> nn == pop.networks().get(3) ? Double.NaN : 1));
        assertTrue(e.getMessage().contains("network 3") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void exceptionsInParallelFitnessReachTheCaller() {
        Population pop = new Population(8, 1, 2, 2, 1).threads(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pop.step(nn -> {
            throw new IllegalArgumentException("boom");
        }));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void listenerCanStopTheRun() {
        Population pop = new Population(10, 1, 2, 2, 1);
        pop.addListener(s -> {
            if (s.generation() == 2) {
                pop.stop();
            }
        });
        assertEquals(3, pop.evolve(new XorTask(), 50).size());
        assertEquals(2, pop.generation());
        assertEquals(4, pop.evolve(new XorTask(), 4).size(), "a new evolve call runs again");
    }

    /** "Evolve until a listener stops it" asks for Integer.MAX_VALUE generations; nothing is allocated for them up front. */
    @Test
    void evolveUntilStoppedAllocatesNothingPerRequestedGeneration() {
        Population pop = new Population(4, 1, 2, 2, 1).threads(1);
        pop.addListener(s -> {
            if (s.best() > 0.7 || s.generation() == 5) {
                pop.stop();
            }
        });
        List<GenerationStats> run = pop.evolve(new XorTask(), Integer.MAX_VALUE);
        assertEquals(pop.history(), run);
        assertTrue(run.size() <= 6, "stopped by the listener: " + run.size());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Population(0, 1, 2, 2, 1));
        Population pop = new Population(4, 1, 2, 2, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pop.elitism(5)).getMessage().contains("4"));
        assertThrows(IllegalArgumentException.class, () -> pop.mutation(2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> pop.threads(0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pop.threads(Population.MAX_THREADS + 1))
                .getMessage().contains("from 1 to 1024"));
        assertThrows(IllegalArgumentException.class, () -> pop.evolve(new XorTask(), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Population(3, 1, s -> NeuralNetwork.seeded(s, 2, s % 2 == 0 ? 2 : 3, 1)));
        assertTrue(e.getMessage().contains("one shape"), e.getMessage());
        assertNull(pop.best());
        assertThrows(IllegalStateException.class, () -> pop.saveBest(Path.of("never.json")));
    }

    @Test
    void bestNetworkSavesAndLoads(@TempDir Path dir) throws Exception {
        Population pop = new Population(20, 2, XorTask.BRAIN).selection(Selection.tournament(3));
        pop.evolve(new XorTask(), 5);
        Path file = dir.resolve("best.json");
        pop.saveBest(file);
        NeuralNetwork loaded = NeuralNetwork.load(file);
        assertArrayEquals(flat(pop.best()), flat(loaded));
        assertEquals(pop.bestFitness(), new XorTask().fitness(loaded), "the saved network scores the best fitness");
    }

    /** Birds do not interact: the flock game scores each bird exactly as it scores alone. */
    @Test
    void populationFitnessAndPerNetworkFitnessAgreeForFlappy() {
        Population together = new Population(25, 4, Flappy.BRAIN).selection(Selection.tournament(3));
        Population alone = new Population(25, 4, Flappy.BRAIN).selection(Selection.tournament(3)).threads(2);
        List<GenerationStats> a = together.evolveTogether(Flappy.flockFitness(800), 4);
        List<GenerationStats> b = alone.evolve(Flappy.fitness(800), 4);
        assertEquals(a, b);
        assertArrayEquals(together.fitness(), alone.fitness());
    }

    /** The scores of one live Flappy game played frame by frame, as a sketch's draw() plays it. */
    private static double[] playLive(Population pop, int maxFrames) {
        Flappy game = new Flappy(Seeds.derive(pop.seed(), Seeds.TRIAL, pop.generation()), pop.networks());
        double[] score = new double[pop.size()];
        boolean flying = true;
        while (flying && game.frame() < maxFrames) {
            flying = game.step();
            for (int i = 0; i < score.length; i++) {
                Flappy.Bird bird = game.birds().get(i);
                if (!bird.alive() && score[i] == 0) {
                    score[i] = bird.frames();            // noted when it dies
                }
            }
        }
        for (int i = 0; i < score.length; i++) {
            if (game.birds().get(i).alive()) {
                score[i] = game.birds().get(i).frames(); // survived to the end
            }
        }
        return score;
    }

    private static Population flock() {
        return new Population(30, 9, Flappy.BRAIN).selection(Selection.tournament(3)).crossover(Crossover.UNIFORM)
                .elitism(2).mutation(0.2, 0.5).threads(1);
    }

    /** Scores collected by the caller over many frames breed exactly the generation stepTogether breeds. */
    @Test
    void nextGenerationFromLiveScoresBreedsLikeStepTogether() {
        Population stepped = flock();
        Population live = flock();
        List<GenerationStats> seen = new ArrayList<>();
        live.addListener(seen::add);
        List<GenerationStats> reference = stepped.evolveTogether(Flappy.flockFitness(600), 4);
        List<GenerationStats> liveStats = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            assertEquals(g, live.generation());
            liveStats.add(live.nextGeneration(playLive(live, 600)));
            assertNull(live.fitness(), "the new generation has not been scored yet");
        }
        assertEquals(4, live.generation());
        assertEquals(reference, liveStats, "same scores, same statistics");
        assertEquals(liveStats, seen, "listeners hear of every generation");
        assertEquals(stepped.bestFitness(), live.bestFitness());
        assertArrayEquals(flat(stepped.best()), flat(live.best()));
        // The generation nextGeneration bred is the one stepTogether breeds next, bit for bit.
        List<float[]> bred = new ArrayList<>();
        stepped.stepTogether((nets, trial) -> {
            assertEquals(4, trial.generation());
            nets.forEach(n -> bred.add(flat(n)));
            return new double[nets.size()];
        });
        for (int i = 0; i < live.size(); i++) {
            assertArrayEquals(bred.get(i), flat(live.networks().get(i)), "network " + i);
        }
        // Not a run of identical copies: selection raised the mean score above the random first generation's.
        assertTrue(reference.stream().skip(1).anyMatch(st -> st.mean() > reference.get(0).mean()),
                "selection did something: " + reference);
    }

    @Test
    void nextGenerationRefusesBadScores() {
        Population pop = new Population(4, 1, 2, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pop.nextGeneration(new double[3]));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("3 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pop.nextGeneration(null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pop.nextGeneration(new double[] {1, Double.NaN, 2, 3}));
        assertTrue(e.getMessage().contains("fitness[1] is NaN"), e.getMessage());
        assertEquals(0, pop.generation(), "a refused call changes nothing");
        assertTrue(pop.history().isEmpty());
        double[] score = {1, 2, 3, 4};
        pop.nextGeneration(score);
        assertArrayEquals(new double[] {1, 2, 3, 4}, score, "the caller's array is not modified");
        pop.stepTogether((nets, t) -> new double[] {4, 3, 2, 1});
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> pop.nextGeneration(score));
        assertTrue(twice.getMessage().contains("already scored"), twice.getMessage());
    }

    @Test
    void populationFitnessMustGiveOneValuePerNetwork() {
        Population pop = new Population(4, 1, 2, 2, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pop.stepTogether((nets, t) -> new double[3]));
        assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("4"), e.getMessage());
        pop.stepTogether((nets, t) -> {
            assertEquals(-1, t.index());
            assertSame(nets.get(0), pop.networks().get(0));
            return new double[4];
        });
    }
}
