package toynn.spark;

import java.io.File;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import toynn.NeuralNetwork;

/**
 * Starts Spark the way ToyNN's command line and tests use it: no web UI, few shuffle partitions,
 * local masters bound to the loopback address, and for cluster masters ({@code spark://…},
 * {@code yarn}, …) the jars that hold ToyNN's classes shipped to the executors.
 *
 * <p>Spark 3.5 on Java 17 needs the JVM flags listed in the README ("Spark"); {@code ./toynn} and the
 * Maven tests set them.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * A session on {@code master}, e.g. {@code local[2]} or {@code spark://host:7077} (or the existing one).
     *
     * @throws IllegalArgumentException when the master is blank
     */
    public static SparkSession start(String master, String appName) {
        return start(master, appName, new Class<?>[0]);
    }

    /**
     * As {@link #start(String, String)}, also shipping to a cluster's executors the jars holding
     * {@code classes} (e.g. the classes a fitness function comes from).
     */
    public static SparkSession start(String master, String appName, Class<?>... classes) {
        Objects.requireNonNull(master, "master must not be null");
        if (master.isBlank()) {
            throw new IllegalArgumentException("the Spark master is empty; expected e.g. local[2] or spark://host:7077");
        }
        SparkSession.Builder b = SparkSession.builder()
                .master(master)
                .appName(appName == null ? "toynn" : appName)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8");
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        } else {
            Set<String> all = codeJars();
            all.addAll(jarsOf(classes));
            String jars = String.join(",", all);
            if (!jars.isEmpty()) {
                b.config("spark.jars", jars);
            }
        }
        return b.getOrCreate();
    }

    /** The Java view of the session's context. */
    public static JavaSparkContext context(SparkSession spark) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    /**
     * The jar files holding ToyNN core, this module and Gson — what executors of a cluster need beyond
     * Spark itself. Classes loaded from folders (a build's {@code target/classes}) are skipped.
     */
    public static Set<String> codeJars() {
        return jarsOf(NeuralNetwork.class, SparkSessions.class, com.google.gson.Gson.class);
    }

    /** The jar files the classes were loaded from (folders skipped). */
    static Set<String> jarsOf(Class<?>... classes) {
        Set<String> jars = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                continue;
            }
            try {
                File f = new File(cs.getLocation().toURI());
                if (f.isFile()) {
                    jars.add(f.getAbsolutePath());
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file location: nothing to ship
            }
        }
        return jars;
    }
}
