package toynn.spark;

import java.io.Serializable;

/**
 * What the workers send back from one step or round, summed by {@code treeAggregate}: a vector of
 * sums (gradient sums for synchronous training; example-weighted parameters and optimizer state for
 * parameter averaging), the loss summed over the examples, correct predictions, examples seen, and the
 * most local steps any worker took.
 */
final class StepResult implements Serializable {
    private static final long serialVersionUID = 1L;

    float[] sums;           // null until a worker adds something
    double lossSum;
    long correct;
    long count;
    int steps;

    /** {@code this += other}; returns this (Spark lets an aggregation change its first argument). */
    StepResult merge(StepResult other) {
        if (other.sums != null) {
            if (sums == null) {
                sums = other.sums;
            } else {
                float[] a = sums;
                float[] b = other.sums;
                for (int i = 0; i < a.length; i++) {
                    a[i] += b[i];
                }
            }
        }
        lossSum += other.lossSum;
        correct += other.correct;
        count += other.count;
        steps = Math.max(steps, other.steps);
        return this;
    }
}
