package toynn.spark;

import org.apache.spark.SparkException;
import toynn.TrainingDivergedException;

/**
 * Turns a failed Spark job back into the exception that failed it. A task's exception reaches the
 * driver wrapped in a {@link SparkException} ("Job aborted due to stage failure: … Lost task …");
 * the user should see our message (bad row, diverged training) instead.
 */
final class SparkErrors {
    private SparkErrors() {
    }

    /**
     * Runs a Spark job and rethrows its failure as {@link #unwrap} says. (Spark's Scala methods throw
     * {@link SparkException}, a checked exception Java code cannot name in a {@code catch} otherwise.)
     *
     * @param what what the job does, for the message
     */
    static <T> T call(java.util.function.Supplier<T> job, String what) {
        try {
            return job.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof SparkException se) {
                throw unwrap(se, what);
            }
            throw new IllegalStateException(what + " failed: " + e, e);
        }
    }

    /**
     * Checks that {@code o} survives the Java serialization Spark sends closures with, so a bad closure
     * fails where it is made with the name of the culprit, not later as "Task not serializable".
     *
     * @throws IllegalArgumentException naming the class that cannot be serialized
     */
    static void checkSerializable(Object o, String what) {
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
            out.writeObject(o);
        } catch (java.io.NotSerializableException e) {
            throw new IllegalArgumentException(what + " must be serializable to reach the Spark executors, but it "
                    + "holds a " + e.getMessage() + ", which is not; capture only serializable values (numbers, "
                    + "strings, enums, records that implement Serializable)", e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(what + " cannot be serialized for the Spark executors: " + e, e);
        }
    }

    /**
     * The exception to throw for a failed job: a copy of the first {@link IllegalArgumentException},
     * {@link IllegalStateException} or {@link TrainingDivergedException} among the causes (with the
     * Spark exception as its cause), else an {@link IllegalStateException} saying what failed and what the
     * task threw.
     *
     * @param what what the job was doing, e.g. "evaluating generation 3 on Spark"
     */
    static RuntimeException unwrap(SparkException e, String what) {
        Throwable task = null;          // the first exception below Spark's wrappers: what the task threw
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (task == null && !(t instanceof SparkException)) {
                task = t;
            }
            if (t instanceof TrainingDivergedException) {
                TrainingDivergedException d = new TrainingDivergedException(t.getMessage());
                d.initCause(e);
                return d;
            }
            if (t instanceof IllegalArgumentException) {
                return new IllegalArgumentException(t.getMessage(), e);
            }
            if (t instanceof IllegalStateException) {
                return new IllegalStateException(t.getMessage(), e);
            }
        }
        // the task's exception rather than Spark's "Job aborted due to stage failure: … Lost task …" around it
        String m = task != null ? task.toString() : e.getMessage() == null ? e.toString() : e.getMessage();
        return new IllegalStateException(what + " failed: " + firstLine(m), e);
    }

    /**
     * What went wrong in a failed Spark call, in one line: for a {@link SparkException}, the message of the
     * first cause that is not one (e.g. "… is not a Parquet file"), else the exception's own message.
     */
    static String reason(Throwable e) {
        Throwable r = e;
        while (r instanceof SparkException && r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage() != null ? r.getMessage() : r.toString();
        return firstLine(m);
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
