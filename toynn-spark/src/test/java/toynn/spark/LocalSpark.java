package toynn.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session in {@code local[2]} for the whole test run (starting Spark takes seconds; a JVM
 * holds one context). Spark stops with the JVM.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    /** The shared session. */
    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.start("local[2]", "toynn-spark-tests");
        }
        return session;
    }

    /** The shared session's Java context. */
    static JavaSparkContext context() {
        return SparkSessions.context(session());
    }
}
