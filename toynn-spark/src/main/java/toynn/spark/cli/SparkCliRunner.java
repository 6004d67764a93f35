package toynn.spark.cli;

import java.net.URL;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import toynn.cli.SparkRunner;
import toynn.cli.evolve.EvolveEnv;
import toynn.evolve.PopulationFitness;
import toynn.spark.SparkFitness;
import toynn.spark.SparkSessions;

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
        return "Spark " + c.version() + " on " + master + " (" + c.defaultParallelism() + " partitions)";
    }

    @Override
    public PopulationFitness populationFitness(EvolveEnv env) {
        return new SparkFitness(sc, env::fitness, sc.defaultParallelism());
    }

    /** The Java Spark context (for the training jobs). */
    JavaSparkContext context() {
        return sc;
    }

    @Override
    public void close() {
        spark.stop();
    }
}
