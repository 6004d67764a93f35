package toynn.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import toynn.NeuralNetwork;
import toynn.evolve.FitnessFunction;
import toynn.evolve.Population;
import toynn.evolve.PopulationFitness;
import toynn.evolve.Trial;
import toynn.layers.Dense;

/**
 * Scores a population's networks on a Spark cluster: the generation's weights go out as flat float
 * arrays in {@code partitions} slices, each executor rebuilds the networks from one
 * {@link NetworkTemplate} and runs the fitness function, the scores come back in index order.
 * Selection and breeding stay on the driver, in {@link Population}:
 *
 * <pre>{@code
 * try (SparkFitness onSpark = new SparkFitness(sc, () -> CartPole.fitness(3), 8)) {
 *     population.evolveTogether(onSpark, 100);     // the same run as population.evolve(CartPole.fitness(3), 100)
 * }
 * }</pre>
 *
 * <p>Network {@code i} of generation {@code g} is scored with {@code Trial(g, i, trialSeed)} — the
 * trial {@link Population#evolve} gives it — on a network with bit-identical weights, so the run equals
 * the single-machine run with the same seed, whatever the number of partitions or executors (as long as
 * the fitness depends only on the network and the trial).
 */
public final class SparkFitness implements PopulationFitness, AutoCloseable {
    /**
     * Makes the fitness function on an executor. A lambda of this type is serializable, so
     * {@code () -> CartPole.fitness(3)} is all it takes; the function itself need not be serializable,
     * but whatever the lambda captures must be (no anonymous classes of a non-static context).
     */
    @FunctionalInterface
    public interface Factory extends Serializable {
        /** A fitness function (called once per slice and generation, on the executor). */
        FitnessFunction create();
    }

    private final JavaSparkContext sc;
    private final Factory factory;
    private final int partitions;
    private Broadcast<NetworkTemplate> template;
    private NeuralNetwork templateSource;        // the network the template was made from (a copy)

    /**
     * An evaluator over {@code partitions} slices per generation.
     *
     * @throws IllegalArgumentException if {@code partitions < 1}, or the factory cannot be serialized (naming
     *                                  the class that is not serializable)
     */
    public SparkFitness(JavaSparkContext sc, Factory factory, int partitions) {
        this.sc = Objects.requireNonNull(sc, "spark context must not be null");
        this.factory = Objects.requireNonNull(factory, "fitness factory must not be null");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.partitions = partitions;
        SparkErrors.checkSerializable(factory, "the fitness factory");
    }

    /** An evaluator with the context's default parallelism as the number of slices. */
    public SparkFitness(JavaSparkContext sc, Factory factory) {
        this(sc, factory, Objects.requireNonNull(sc, "spark context must not be null").defaultParallelism());
    }

    /** Slices per generation. */
    public int partitions() {
        return partitions;
    }

    /**
     * One score per network, in order; runs one Spark job.
     *
     * @throws IllegalArgumentException when the networks differ in shape or activations, or one cannot be
     *                                  written as a model file
     * @throws IllegalStateException    when the fitness function fails on an executor (with its message)
     */
    @Override
    public double[] fitness(List<NeuralNetwork> networks, Trial trial) {
        Objects.requireNonNull(networks, "networks must not be null");
        Objects.requireNonNull(trial, "trial must not be null");
        if (networks.isEmpty()) {
            return new double[0];
        }
        Broadcast<NetworkTemplate> bc = templateFor(networks);
        int n = networks.size();
        int m = bc.value().parameterCount();
        int slices = Math.min(partitions, n);
        List<Slice> list = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            int from = (int) ((long) s * n / slices);
            int to = (int) ((long) (s + 1) * n / slices);
            float[] params = new float[(to - from) * m];                     // (count, M)
            for (int i = from; i < to; i++) {
                Parameters.copyTo(networks.get(i), params, (i - from) * m);
            }
            list.add(new Slice(from, to - from, params));
        }
        Factory f = factory;
        int generation = trial.generation();
        long seed = trial.seed();
        List<Scores> scores = SparkErrors.call(() -> sc.parallelize(list, slices)
                .mapPartitions((Iterator<Slice> it) -> score(it, bc.value(), f, generation, seed))
                .collect(), "evaluating generation " + generation + " on Spark");
        double[] out = new double[n];
        for (Scores s : scores) {
            System.arraycopy(s.fitness(), 0, out, s.first(), s.fitness().length);
        }
        return out;
    }

    /** Runs on an executor: rebuilds each network of the slices from its weights and scores it. */
    private static Iterator<Scores> score(Iterator<Slice> slices, NetworkTemplate template, Factory factory,
                                          int generation, long seed) {
        NeuralNetwork nn = template.newNetwork();
        FitnessFunction fitness = factory.create();
        if (fitness == null) {
            throw new IllegalStateException("the fitness factory returned null on a Spark executor; expected a fitness "
                    + "function, e.g. () -> CartPole.fitness(3)");
        }
        int m = template.parameterCount();
        List<Scores> out = new ArrayList<>(1);
        while (slices.hasNext()) {
            Slice s = slices.next();
            double[] f = new double[s.count()];
            for (int j = 0; j < s.count(); j++) {
                Parameters.copyFrom(s.params(), j * m, nn);
                f[j] = fitness.fitness(nn, new Trial(generation, s.first() + j, seed));
            }
            out.add(new Scores(s.first(), f));
        }
        return out.iterator();
    }

    /** The template broadcast, made again only when the networks' structure changes. */
    private Broadcast<NetworkTemplate> templateFor(List<NeuralNetwork> networks) {
        for (int i = 0; i < networks.size(); i++) {
            Objects.requireNonNull(networks.get(i), "network " + i + " is null");
        }
        NeuralNetwork first = networks.get(0);
        if (template == null || !sameStructure(templateSource, first)) {
            close();
            templateSource = first.copy();
            template = sc.broadcast(NetworkTemplate.of(templateSource));
        }
        for (int i = 0; i < networks.size(); i++) {
            if (!sameStructure(templateSource, networks.get(i))) {
                throw new IllegalArgumentException("network " + i + " (" + networks.get(i) + ") differs in shape or "
                        + "activations from network 0 (" + first + "); Spark evaluates a population of one structure");
            }
        }
        return template;
    }

    private static boolean sameStructure(NeuralNetwork a, NeuralNetwork b) {
        if (!Arrays.equals(a.layerSizes(), b.layerSizes())) {
            return false;
        }
        List<Dense> la = a.layers();
        List<Dense> lb = b.layers();
        for (int l = 0; l < la.size(); l++) {
            if (!Objects.equals(la.get(l).activation(), lb.get(l).activation())) {
                return false;
            }
        }
        return true;
    }

    /** Frees the template broadcast on the executors. */
    @Override
    public void close() {
        if (template != null) {
            template.destroy();
            template = null;
            templateSource = null;
        }
    }

    /** Networks {@code first … first+count−1}, their weights one after another. */
    private record Slice(int first, int count, float[] params) implements Serializable {
    }

    /** The scores of one slice. */
    private record Scores(int first, double[] fitness) implements Serializable {
    }
}
