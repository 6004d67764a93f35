package toynn.spark.cli;

import java.net.URL;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import toynn.DataSet;
import toynn.NeuralNetwork;
import toynn.cli.SparkRunner;
import toynn.cli.evolve.EvolveEnv;
import toynn.cli.progress.EpochSummary;
import toynn.evolve.PopulationFitness;
import toynn.spark.SparkData;
import toynn.spark.SparkFitness;
import toynn.spark.SparkHistory;
import toynn.spark.SparkSessions;
import toynn.spark.SparkTraining;
import toynn.train.EarlyStoppingState;

/**
 * The {@code --spark MASTER} side of the command line: one Spark application per command, quiet
 * logging, and the jobs of {@code toynn evolve} (and {@code toynn train}) run through this module's
 * {@link SparkFitness} and {@code SparkTraining}.
 */
public final class SparkCliRunner implements SparkRunner {
    /** Found by {@link java.util.ServiceLoader} (META-INF/services/toynn.cli.SparkRunner$Factory). */
    public static final class Factory implements SparkRunner.Factory {
        @Override
        public SparkRunner open(String master) {
            return new SparkCliRunner(master);
        }
    }

    private final String master;
    private final SparkSession spark;
    private final JavaSparkContext sc;

    private SparkCliRunner(String master) {
        quietLogging();
        this.master = master;
        try {
            this.spark = SparkSessions.start(master, "toynn", EvolveEnv.class);
        } catch (Exception e) {     // SparkException: checked, but thrown from Scala undeclared
            throw new IllegalArgumentException("cannot start Spark on '" + master + "': " + firstLine(e.getMessage())
                    + " (expected a master such as local[2] or spark://host:7077)", e);
        }
        this.sc = SparkSessions.context(spark);
        if (!master.startsWith("local")) {
            awaitExecutors();
        }
    }

    /** Seconds a cluster gets to give us an executor before the command gives up. */
    static final int EXECUTOR_WAIT_SECONDS = 60;

    /**
     * Waits until a cluster has given the application an executor: an unreachable master or a full
     * cluster would otherwise leave the first job waiting without a word.
     */
    private void awaitExecutors() {
        long deadline = System.nanoTime() + EXECUTOR_WAIT_SECONDS * 1_000_000_000L;
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < 2) {      // the driver counts as one
            if (System.nanoTime() > deadline || sc.sc().isStopped()) {
                spark.stop();
                throw new IllegalArgumentException("no Spark executor joined within " + EXECUTOR_WAIT_SECONDS + " s on '"
                        + master + "'; is the master running there, with free workers?");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                spark.stop();
                throw new IllegalStateException("interrupted while waiting for Spark executors on " + master, e);
            }
        }
    }

    /** Spark's own default prints every INFO line; the command line has its own progress display. */
    private static void quietLogging() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            URL config = SparkCliRunner.class.getResource("/toynn/spark/log4j2-cli.properties");
            if (config != null) {
                System.setProperty("log4j2.configurationFile", config.toString());
            }
        }
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public String describe() {
        SparkContext c = spark.sparkContext();
        return "Spark " + c.version() + " on " + master + " (default parallelism " + c.defaultParallelism() + ")";
    }

    @Override
    public PopulationFitness populationFitness(EvolveEnv env) {
        return new SparkFitness(sc, env::fitness, sc.defaultParallelism());
    }

    @Override
    public TrainOutcome train(NeuralNetwork nn, DataSet train, DataSet validation, TrainJob job,
                              Consumer<EarlyStoppingState> onEarlyStopping, Consumer<EpochSummary> onEpoch) {
        if (job.workers() > train.size()) {     // a worker per example at most: the rest would only run empty tasks
            throw new IllegalArgumentException("--spark-workers " + job.workers() + " is more than the " + train.size()
                    + " examples to train on; expected at most " + train.size());
        }
        int workers = job.workers() > 0 ? job.workers() : sc.defaultParallelism();
        int perWorker;
        if (job.batch() >= train.size()) {
            perWorker = (train.size() + workers - 1) / workers;     // as fit: one batch of all the data
        } else if (job.batch() % workers != 0) {
            throw new IllegalArgumentException("--batch " + job.batch() + " does not split evenly over " + workers
                    + " Spark workers; use a multiple of " + workers + " (or set --spark-workers)");
        } else {
            perWorker = job.batch() / workers;
        }
        SparkTraining t = job.averaging() > 0 ? SparkTraining.parameterAveraging(sc, job.averaging())
                : SparkTraining.synchronous(sc);
        t.workers(workers).batchSizePerWorker(perWorker).epochs(job.epochs()).initialEpoch(job.initialEpoch())
                .seed(job.seed()).validationData(validation)
                .listener(e -> {
                    if (t.earlyStoppingState() != null) {
                        onEarlyStopping.accept(t.earlyStoppingState());
                    }
                    onEpoch.accept(new EpochSummary(e.epoch(), e.epochs(), e.trainLoss(), e.trainAccuracy(),
                            e.valLoss(), e.valAccuracy(), e.samplesPerSecond(), e.seconds()));
                });
        if (job.earlyStop() > 0) {
            t.earlyStopping(job.earlyStop(), 0, true);
            if (job.resumeEarlyStopping() != null) {
                t.resumeEarlyStopping(job.resumeEarlyStopping());     // patience count and best weights go on
            }
        }
        SparkData data = SparkData.of(sc, train, workers).cache();
        try {
            SparkHistory h = t.fit(nn, data);
            return new TrainOutcome(h.stoppedEarly(), h.bestEpoch(), workers);
        } finally {
            data.examples().unpersist(false);
        }
    }

    @Override
    public void close() {
        spark.stop();
    }
}
