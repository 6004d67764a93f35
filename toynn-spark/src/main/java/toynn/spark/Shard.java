package toynn.spark;

import java.io.Serializable;

/**
 * One worker's share of an epoch: the examples its partition trains on, in the epoch's order, packed
 * row-major. With {@code b} examples per worker and step, step {@code s} uses rows
 * {@code [s·b, min((s+1)·b, rows))}.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final int worker;
    final int rows;
    final int inputs;
    final int targets;
    final float[] x;        // (rows, inputs)
    final float[] t;        // (rows, targets)

    Shard(int worker, int rows, int inputs, int targets, float[] x, float[] t) {
        this.worker = worker;
        this.rows = rows;
        this.inputs = inputs;
        this.targets = targets;
        this.x = x;
        this.t = t;
    }

    /** Rows step {@code step} uses with {@code b} rows per step: 0 when the shard has run out. */
    int rowsOfStep(int step, int b) {
        long from = (long) step * b;
        return (int) Math.max(0, Math.min(b, rows - from));
    }
}
