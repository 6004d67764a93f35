package toynn.cli;

import java.util.ServiceLoader;
import toynn.cli.evolve.EvolveEnv;
import toynn.evolve.PopulationFitness;

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

    /** Ends the Spark application. */
    @Override
    void close();
}
