package toynn.cli;

import java.util.ServiceLoader;
import java.util.function.Consumer;
import toynn.DataSet;
import toynn.NeuralNetwork;
import toynn.cli.evolve.EvolveEnv;
import toynn.cli.progress.EpochSummary;
import toynn.evolve.PopulationFitness;
import toynn.train.EarlyStoppingState;

/**
 * Runs the command line's jobs on Apache Spark ({@code --spark MASTER}). The toynn-spark module
 * implements it and registers a {@link Factory} with {@link ServiceLoader}, so the command line
 * carries no Spark dependency: {@code ./toynn} puts toynn-spark and Spark on the class path when
 * {@code --spark} is given, and without them {@code --spark} fails with a message saying so.
 */
public interface SparkRunner extends AutoCloseable {
    /** Opens runners; found in {@code META-INF/services/toynn.cli.SparkRunner$Factory}. */
    interface Factory {
        /** A runner connected to {@code master}, e.g. {@code local[2]} or {@code spark://host:7077}. */
        SparkRunner open(String master);
    }

    /**
     * A runner on {@code master} from the first factory on the class path.
     *
     * @throws IllegalArgumentException when toynn-spark is not on the class path, or the master is blank
     */
    static SparkRunner open(String master) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("--spark needs a master, e.g. --spark local[2] or --spark spark://host:7077");
        }
        for (Factory f : ServiceLoader.load(Factory.class)) {
            return f.open(master);
        }
        throw new IllegalArgumentException("--spark needs the toynn-spark module and Apache Spark on the class path, and "
                + "they are not there; run through ./toynn, which adds them when --spark is given");
    }

    /** One line about the cluster for the progress header, e.g. {@code "Spark 3.5.9 on local[2] (2 cores)"}. */
    String describe();

    /**
     * A fitness that scores each generation of {@code env}'s networks on the cluster — network {@code i}
     * with the trial {@code Population.evolve} would give it, so the run equals the run without Spark.
     */
    PopulationFitness populationFitness(EvolveEnv env);

    /**
     * What {@code toynn train --spark} asks for.
     *
     * @param epochs       epochs in all
     * @param initialEpoch epochs already done (resuming from a checkpoint)
     * @param batch        the global batch size, split evenly over the workers
     * @param seed         seed of the epoch orders
     * @param workers      workers (0: Spark's default parallelism)
     * @param averaging    parameter averaging every this many local steps (0: synchronous training)
     * @param earlyStop    early-stopping patience in epochs (0: off), restoring the best weights
     * @param resumeEarlyStopping early stopping's state to carry on with (a checkpoint's), or null to start afresh
     */
    record TrainJob(int epochs, int initialEpoch, int batch, long seed, int workers, int averaging, int earlyStop,
                    EarlyStoppingState resumeEarlyStopping) {
        /** A job that starts early stopping afresh. */
        public TrainJob(int epochs, int initialEpoch, int batch, long seed, int workers, int averaging, int earlyStop) {
            this(epochs, initialEpoch, batch, seed, workers, averaging, earlyStop, null);
        }
    }

    /**
     * How training ended.
     *
     * @param stoppedEarly whether early stopping ended it
     * @param bestEpoch    the epoch with the lowest monitored loss
     * @param workers      the number of workers used
     */
    record TrainOutcome(boolean stoppedEarly, int bestEpoch, int workers) {
    }

    /**
     * Trains {@code nn} in place on {@code train} (already normalised), scoring {@code validation} (or null)
     * after every epoch — synchronously the same model {@code nn.fit} makes with the same batch and seed,
     * up to float summation order.
     *
     * @param onEarlyStopping told early stopping's state after every epoch (with early stopping), before
     *                        {@code onEpoch}, so a checkpoint written there can carry it
     * @param onEpoch         told about every epoch
     * @throws IllegalArgumentException when the batch does not split evenly over the workers, or the data
     *                                  does not fit the network
     */
    TrainOutcome train(NeuralNetwork nn, DataSet train, DataSet validation, TrainJob job,
                       Consumer<EarlyStoppingState> onEarlyStopping, Consumer<EpochSummary> onEpoch);

    /** {@link #train(NeuralNetwork, DataSet, DataSet, TrainJob, Consumer, Consumer)} without the early-stopping state. */
    default TrainOutcome train(NeuralNetwork nn, DataSet train, DataSet validation, TrainJob job,
                               Consumer<EpochSummary> onEpoch) {
        return train(nn, train, validation, job, s -> { }, onEpoch);
    }

    /** Ends the Spark application. */
    @Override
    void close();
}
