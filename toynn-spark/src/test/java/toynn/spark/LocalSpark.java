package toynn.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session in {@code local[2]} for the whole test run (starting Spark takes seconds; a JVM
 * holds one context). Spark stops with the JVM, or when a command-line test's command ends; then the
 * next test starts it again.
 */
public final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    /** The shared session. */
    static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {     // a CLI test's command stops its session
            session = SparkSessions.start("local[2]", "toynn-spark-tests");
        }
        return session;
    }

    /** Stops the shared session, so that a command line under test starts its own. */
    public static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    /** The shared session's Java context. */
    static JavaSparkContext context() {
        return SparkSessions.context(session());
    }
}
