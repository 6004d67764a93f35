package toynn.spark;

/** Told about every epoch of {@link SparkTraining#fit}, on the driver. */
@FunctionalInterface
public interface SparkTrainingListener {
    /** An epoch ended. */
    void onEpochEnd(SparkEpoch epoch);
}
