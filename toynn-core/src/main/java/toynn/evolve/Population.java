package toynn.evolve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import toynn.NeuralNetwork;
import toynn.util.Rng;

/**
 * A population of networks of one shape, evolved by a genetic algorithm — the Coding Train's
 * {@code ga.js}, as part of the library.
 *
 * <pre>{@code
 * Population pop = new Population(200, 1, 2, 4, 1)      // 200 networks 2-4-1, seed 1
 *         .selection(Selection.tournament(3)).elitism(2).mutation(0.1, 0.5);
 * pop.evolve(nn -> 1 - XorTask.meanSquaredError(nn), 100);
 * NeuralNetwork best = pop.best();
 * }</pre>
 *
 * <p>One generation: every network is scored (in parallel over {@link #threads(int)} threads, or all
 * at once by a {@link PopulationFitness}); statistics go to the listeners; then the next generation
 * is bred — the {@link #elitism(int)} fittest copied unchanged, every other child picked by the
 * {@link Selection}, crossed over ({@link Crossover}) and mutated
 * ({@link NeuralNetwork#mutate(double, double, Rng)}).
 *
 * <p>Reproducible: the networks of generation 0 come from {@code Seeds.derive(seed, INIT, i)}, child
 * {@code i} of generation {@code g} from {@code Seeds.derive(seed, BREED, g, i)}, the scenario of
 * generation {@code g} from {@code Seeds.derive(seed, TRIAL, g)}; scores are stored by index and
 * breeding runs in index order. So the same seed and settings give the same run bit for bit, whatever
 * the number of threads (as long as the fitness function depends only on the network and the trial).
 *
 * <p>A population is driven by one thread at a time. Worker threads are daemons and end when idle;
 * {@link #close()} ends them at once.
 */
public final class Population implements AutoCloseable {
    private final long seed;
    private final int[] shape;
    private List<NeuralNetwork> networks;
    private double[] fitness;                 // of the current generation, once evaluated
    private int generation;                   // the generation held in networks
    private boolean evaluated;                // whether fitness belongs to networks

    private Selection selection = Selection.pool();
    private Crossover crossover = Crossover.NONE;
    private int elitism = 1;
    private double mutationRate = 0.1;
    private double mutationSigma = 0.5;
    private int threads = Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);   // threads(threads()) holds
    private final List<GenerationListener> listeners = new ArrayList<>();
    private volatile boolean stopRequested;

    private NeuralNetwork best;               // the fittest network seen so far (a copy)
    private double bestFitness = Double.NEGATIVE_INFINITY;
    private int bestGeneration = -1;
    private final List<GenerationStats> history = new ArrayList<>();
    private ThreadPoolExecutor pool;

    /**
     * {@code size} networks with the given layer sizes, sigmoid everywhere, network {@code i} drawn
     * from {@code Seeds.derive(seed, INIT, i)}.
     *
     * @param size       number of networks, at least 1
     * @param seed       the run's seed
     * @param layerSizes e.g. {@code 4, 8, 2}
     * @throws IllegalArgumentException if size &lt; 1 or the layer sizes are invalid
     */
    public Population(int size, long seed, int... layerSizes) {
        this(size, seed, s -> NeuralNetwork.seeded(s, layerSizes));
    }

    /**
     * {@code size} networks made by {@code factory}, which is given the seed
     * {@code Seeds.derive(seed, INIT, i)} for network {@code i} — use it for other activations, e.g.
     * {@code s -> { var nn = NeuralNetwork.seeded(s, 4, 8, 2); nn.setActivationFunction(TANH); return nn; }}.
     *
     * @throws IllegalArgumentException if size &lt; 1, or the factory returns null or networks of different shapes
     */
    public Population(int size, long seed, LongFunction<NeuralNetwork> factory) {
        if (size < 1) {
            throw new IllegalArgumentException("a population needs at least one network, got size " + size);
        }
        Objects.requireNonNull(factory, "factory must not be null");
        this.seed = seed;
        List<NeuralNetwork> list = new ArrayList<>(size);
        int[] first = null;
        for (int i = 0; i < size; i++) {
            NeuralNetwork nn = factory.apply(Seeds.derive(seed, Seeds.INIT, i));
            if (nn == null) {
                throw new IllegalArgumentException("the network factory returned null for network " + i);
            }
            if (first == null) {
                first = nn.layerSizes();
            } else if (!Arrays.equals(first, nn.layerSizes())) {
                throw new IllegalArgumentException("a population holds networks of one shape, but network " + i
                        + " has layer sizes " + Arrays.toString(nn.layerSizes()) + " and network 0 has "
                        + Arrays.toString(first));
            }
            list.add(nn);
        }
        this.shape = first;
        this.networks = list;
    }

    // ---------------------------------------------------------------- settings

    /**
     * Sets how parents are chosen (default {@link Selection#pool()}).
     *
     * @throws IllegalArgumentException for a tournament larger than the population
     */
    public Population selection(Selection selection) {
        Objects.requireNonNull(selection, "selection must not be null");
        if (selection instanceof TournamentSelection t) {
            t.checkFits(networks.size());                 // now, not when the first generation breeds
        }
        this.selection = selection;
        return this;
    }

    /** Sets how children are made from parents (default {@link Crossover#NONE}, as in the Coding Train's sketches). */
    public Population crossover(Crossover crossover) {
        this.crossover = Objects.requireNonNull(crossover, "crossover must not be null");
        return this;
    }

    /**
     * How many of the fittest networks pass to the next generation unchanged (default 1).
     *
     * @throws IllegalArgumentException unless {@code 0 ≤ count ≤ size}
     */
    public Population elitism(int count) {
        if (count < 0 || count > networks.size()) {
            throw new IllegalArgumentException("elitism must be between 0 and the population size "
                    + networks.size() + ", got " + count);
        }
        this.elitism = count;
        return this;
    }

    /**
     * Mutation of every child: each weight with probability {@code rate} moves by {@code N(0, sigma²)}
     * (default 0.1 and 0.5).
     *
     * @throws IllegalArgumentException unless rate ∈ [0, 1] and sigma is finite and ≥ 0
     */
    public Population mutation(double rate, double sigma) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("mutation rate must be a probability in [0, 1], got " + rate);
        }
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("mutation sigma must be a finite number >= 0, got " + sigma);
        }
        this.mutationRate = rate;
        this.mutationSigma = sigma;
        return this;
    }

    /** The most evaluation threads {@link #threads(int)} takes (a typo such as 100000 would start that many). */
    public static final int MAX_THREADS = 1024;

    /**
     * Threads that evaluate a {@link FitnessFunction} (default: the machine's cores). The result does
     * not depend on it.
     *
     * @throws IllegalArgumentException unless {@code 1 ≤ n ≤} {@link #MAX_THREADS}
     */
    public Population threads(int n) {
        if (n < 1 || n > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be from 1 to " + MAX_THREADS + ", got " + n);
        }
        if (n != threads) {
            closePool();
        }
        this.threads = n;
        return this;
    }

    /** Adds a listener told the statistics of every generation. */
    public Population addListener(GenerationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
        return this;
    }

    // ---------------------------------------------------------------- evolution

    /**
     * Runs up to {@code generations} generations: evaluate with {@code fitness}, report, breed. Ends
     * early when a listener calls {@link #stop()}.
     *
     * @return the statistics of the generations run by this call
     * @throws IllegalArgumentException if generations &lt; 1
     * @throws IllegalStateException    if a fitness is NaN or infinite
     */
    public List<GenerationStats> evolve(FitnessFunction fitness, int generations) {
        Objects.requireNonNull(fitness, "fitness function must not be null");
        return run(generations, () -> step(fitness));
    }

    /**
     * Like {@link #evolve(FitnessFunction, int)}, with a fitness that scores the whole generation at
     * once (a game where all play together).
     */
    public List<GenerationStats> evolveTogether(PopulationFitness fitness, int generations) {
        Objects.requireNonNull(fitness, "population fitness must not be null");
        return run(generations, () -> stepTogether(fitness));
    }

    private List<GenerationStats> run(int generations, java.util.function.Supplier<GenerationStats> step) {
        if (generations < 1) {
            throw new IllegalArgumentException("generations must be at least 1, got " + generations);
        }
        stopRequested = false;
        List<GenerationStats> out = new ArrayList<>();   // grows per generation: "until stop()" may ask for Integer.MAX_VALUE
        for (int g = 0; g < generations && !stopRequested; g++) {
            out.add(step.get());
        }
        return out;
    }

    /**
     * One generation: breeds the next generation if the current one was already evaluated, then
     * evaluates it with {@code fitness} in parallel and reports its statistics.
     */
    public GenerationStats step(FitnessFunction fitness) {
        Objects.requireNonNull(fitness, "fitness function must not be null");
        advance();
        Trial base = trial(-1);
        double[] f = new double[networks.size()];
        if (threads == 1 || networks.size() == 1) {
            for (int i = 0; i < f.length; i++) {
                f[i] = fitness.fitness(networks.get(i), new Trial(generation, i, base.seed()));
            }
        } else {
            evaluateInParallel(fitness, base.seed(), f);
        }
        return record(f);
    }

    /** One generation, scored by {@code fitness} all at once on this thread. */
    public GenerationStats stepTogether(PopulationFitness fitness) {
        Objects.requireNonNull(fitness, "population fitness must not be null");
        advance();
        double[] f = fitness.fitness(Collections.unmodifiableList(networks), trial(-1));
        if (f == null || f.length != networks.size()) {
            throw new IllegalStateException("the population fitness returned "
                    + (f == null ? "null" : f.length + " values") + "; expected one per network (" + networks.size() + ")");
        }
        return record(f.clone());
    }

    /**
     * Scores the current generation with fitness values the caller collected — the Coding Train way: the
     * birds of {@link #networks()} fly live over many frames, a bird's score is noted when it dies, and
     * when all are down the scores come here — then breeds the next generation, which
     * {@link #networks()} returns afterwards. Statistics, {@link #best()} and the listeners are updated
     * as by {@link #stepTogether(PopulationFitness)}, and breeding takes the same path (elitism,
     * selection, crossover, mutation, seeds from (seed, generation, index)): the same scores give the
     * same next generation, bit for bit.
     *
     * <pre>{@code
     * double[] score = new double[pop.size()];   // filled while the generation plays
     * ...
     * pop.nextGeneration(score);                 // all done: breed; pop.networks() is the new flock
     * }</pre>
     *
     * @param fitness one finite score per network, in the order of {@link #networks()}; higher is
     *                better (not modified; copied)
     * @return the statistics of the generation just scored
     * @throws IllegalArgumentException if fitness is null, has the wrong length or a NaN/infinite value
     * @throws IllegalStateException    if this generation was already scored by {@code step}/{@code stepTogether}
     */
    public GenerationStats nextGeneration(double[] fitness) {
        if (fitness == null || fitness.length != networks.size()) {
            throw new IllegalArgumentException("nextGeneration needs one fitness per network (" + networks.size()
                    + "), got " + (fitness == null ? "null" : fitness.length + " values"));
        }
        for (int i = 0; i < fitness.length; i++) {
            if (!Double.isFinite(fitness[i])) {
                throw new IllegalArgumentException("fitness[" + i + "] is " + fitness[i]
                        + "; every fitness must be a finite number (higher is better)");
            }
        }
        if (evaluated) {
            throw new IllegalStateException("generation " + generation + " was already scored by step or stepTogether; "
                    + "score each generation one way: nextGeneration(fitness) or step");
        }
        GenerationStats stats = record(fitness.clone());
        advance();
        return stats;
    }

    /** Ends {@code evolve} after the generation being evaluated (callable from a listener or another thread). */
    public void stop() {
        stopRequested = true;
    }

    private Trial trial(int index) {
        return new Trial(generation, index, Seeds.derive(seed, Seeds.TRIAL, generation));
    }

    private void advance() {
        if (evaluated) {
            networks = breed();
            generation++;
            evaluated = false;
        }
    }

    private void evaluateInParallel(FitnessFunction fitness, long trialSeed, double[] f) {
        ThreadPoolExecutor p = pool();
        AtomicInteger next = new AtomicInteger();
        int n = f.length;
        int workers = Math.min(threads, n);                // the pool starts a thread per task: no idle ones
        List<Future<?>> tasks = new ArrayList<>(workers);
        for (int t = 0; t < workers; t++) {
            tasks.add(p.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    f[i] = fitness.fitness(networks.get(i), new Trial(generation, i, trialSeed));
                }
            }));
        }
        try {
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (Future<?> task : tasks) {
                task.cancel(true);
            }
            throw new IllegalStateException("interrupted while evaluating generation " + generation, e);
        } catch (ExecutionException e) {
            next.set(n);                                   // let the other workers finish quickly
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("the fitness function failed: " + cause, cause);
        }
    }

    private ThreadPoolExecutor pool() {
        if (pool == null) {
            AtomicInteger count = new AtomicInteger();
            pool = new ThreadPoolExecutor(threads, threads, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "toynn-evolve-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true);            // idle workers end; a fixed pool while busy
        }
        return pool;
    }

    /** Checks the scores, computes the statistics, remembers the best and tells the listeners. */
    private GenerationStats record(double[] f) {
        for (int i = 0; i < f.length; i++) {
            if (!Double.isFinite(f[i])) {
                throw new IllegalStateException("the fitness of network " + i + " in generation " + generation + " is "
                        + f[i] + "; a fitness function must return a finite number");
            }
        }
        fitness = f;
        evaluated = true;
        double sum = 0;
        double worst = Double.POSITIVE_INFINITY;
        int bestIndex = 0;
        for (int i = 0; i < f.length; i++) {
            sum += f[i];
            worst = Math.min(worst, f[i]);
            if (f[i] > f[bestIndex]) {
                bestIndex = i;
            }
        }
        GenerationStats stats = new GenerationStats(generation, f[bestIndex], mean(f, sum, worst, f[bestIndex]), worst,
                Diversity.meanDistanceToCentroid(networks), bestIndex);
        if (f[bestIndex] >= bestFitness) {          // ties go to the newer: it has survived more selection
            bestFitness = f[bestIndex];
            best = networks.get(bestIndex).copy();
            bestGeneration = generation;
        }
        history.add(stats);
        for (GenerationListener l : listeners) {
            l.onGeneration(stats);
        }
        return stats;
    }

    /**
     * The mean of {@code f}, given its sum in index order and its extremes: {@code sum / n}, unless fitness near
     * ±{@code Double.MAX_VALUE} overflowed the sum. Then the values are scaled by a power of two that keeps
     * each below 1 (exact), averaged and scaled back, within [worst, best] where the mean lies; ordinary
     * fitness keeps {@code sum / n} and so the same bits as before.
     */
    private static double mean(double[] f, double sum, double worst, double best) {
        double mean = sum / f.length;
        if (Double.isFinite(mean)) {
            return mean;
        }
        int exponent = Math.getExponent(Math.max(Math.abs(worst), Math.abs(best))) + 1;
        double scaled = 0;
        for (double v : f) {
            scaled += Math.scalb(v, -exponent);                  // |v·2^−e| < 1: the sum stays below n
        }
        return Math.min(best, Math.max(worst, Math.scalb(scaled / f.length, exponent)));
    }

    /** The next generation from the evaluated current one: elites, then selected, crossed, mutated children. */
    private List<NeuralNetwork> breed() {
        int n = networks.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] f = fitness;
        Arrays.sort(order, (a, b) -> Double.compare(f[b], f[a]));   // fittest first; stable, so ties keep index order
        List<NeuralNetwork> next = new ArrayList<>(n);
        for (int e = 0; e < elitism; e++) {
            next.add(networks.get(order[e]).copy());                  // elites pass unchanged
        }
        Selection.Picker picker = selection.prepare(f);
        for (int i = elitism; i < n; i++) {
            Rng rng = new Rng(Seeds.derive(seed, Seeds.BREED, generation + 1, i));
            NeuralNetwork a = networks.get(picker.pick(rng));
            NeuralNetwork b = crossover == Crossover.NONE ? a : networks.get(picker.pick(rng));
            NeuralNetwork child = crossover.child(a, b, rng);
            child.mutate(mutationRate, mutationSigma, rng);
            next.add(child);
        }
        return next;
    }

    // ---------------------------------------------------------------- results

    /**
     * The fittest network seen in any generation so far (a copy), or null before the first evaluation.
     * Among equal fitness the most recent wins: when many reach a capped score (500 cart-pole steps),
     * the newest has passed the most trials.
     */
    public NeuralNetwork best() {
        return best == null ? null : best.copy();
    }

    /** The fitness of {@link #best()}, or −∞ before the first evaluation. */
    public double bestFitness() {
        return bestFitness;
    }

    /** The generation {@link #best()} was found in, or −1 before the first evaluation. */
    public int bestGeneration() {
        return bestGeneration;
    }

    /**
     * Saves {@link #best()} as a ToyNN model file ({@link NeuralNetwork#save}); read it back with
     * {@link NeuralNetwork#load(Path)}.
     *
     * @throws IllegalStateException if nothing has been evaluated yet
     */
    public void saveBest(Path path) throws IOException {
        if (best == null) {
            throw new IllegalStateException("no best network yet: evaluate at least one generation first");
        }
        best.save(path);
    }

    /** The statistics of every generation evaluated so far (read-only). */
    public List<GenerationStats> history() {
        return Collections.unmodifiableList(history);
    }

    /** The current generation's networks (read-only list; the networks are live). */
    public List<NeuralNetwork> networks() {
        return Collections.unmodifiableList(networks);
    }

    /** The fitness of the current generation, or null if it has not been evaluated yet (a copy). */
    public double[] fitness() {
        return evaluated ? fitness.clone() : null;
    }

    /** The number of the current generation (0 = the first). */
    public int generation() {
        return generation;
    }

    /** Number of networks. */
    public int size() {
        return networks.size();
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** The layer sizes every network has. */
    public int[] layerSizes() {
        return shape.clone();
    }

    /** Threads used to evaluate a {@link FitnessFunction}. */
    public int threads() {
        return threads;
    }

    /** Ends the worker threads now (they also end by themselves when idle). The population stays usable. */
    @Override
    public void close() {
        closePool();
    }

    private void closePool() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }

    @Override
    public String toString() {
        return "Population(" + networks.size() + " × " + Arrays.toString(shape) + ", seed " + seed + ", generation "
                + generation + ", " + selection + ", elitism " + elitism + ", mutation " + mutationRate + "/"
                + mutationSigma + ", crossover " + crossover + ")";
    }
}
