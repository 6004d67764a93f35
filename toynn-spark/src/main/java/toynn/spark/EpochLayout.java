package toynn.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * How an epoch's examples are dealt to the workers. The epoch visits the examples in one order (the
 * order {@code fit} uses, {@code toynn.train.Trainer.epochOrder}, or the data's own order); global
 * batch {@code s} is the slice {@code [s·P·b, (s+1)·P·b)} of it, and worker {@code p} takes the
 * sub-slice {@code [s·P·b + p·b, s·P·b + (p+1)·b)}. So the example at position {@code k} goes to worker
 * {@code (k mod P·b) / b}, and P workers with {@code b} examples each see exactly the batches of a single
 * machine with batch {@code P·b} — the last, short batch included.
 */
final class EpochLayout {
    private EpochLayout() {
    }

    /** The worker the example at epoch position {@code k} goes to. */
    static int worker(long k, int workers, int b) {
        return (int) ((k % ((long) workers * b)) / b);
    }

    /**
     * The shards of one epoch, one partition per worker, persisted (the caller unpersists).
     *
     * @param indexed  (example, index in the data) pairs
     * @param position position of example {@code i} in the epoch's order, or null for the data's order
     */
    static JavaRDD<Shard> shards(JavaSparkContext sc, JavaPairRDD<Example, Long> indexed, int[] position, int workers,
                                 int b, int inputs, int targets) {
        Broadcast<int[]> pos = position == null ? null : sc.broadcast(position);
        JavaRDD<Shard> shards = indexed
                .mapToPair(p -> {
                    long i = p._2();
                    long k = pos == null ? i : pos.value()[(int) i];
                    return new Tuple2<>(worker(k, workers, b), new Tuple2<>(k, p._1()));
                })
                .partitionBy(new HashPartitioner(workers))     // key p (an Integer) goes to partition p
                .mapPartitionsWithIndex((w, it) -> pack(w, it, inputs, targets), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        SparkErrors.call(shards::count, "dealing the examples to the workers");
        if (pos != null) {
            pos.destroy();
        }
        return shards;
    }

    private static Iterator<Shard> pack(int worker, Iterator<Tuple2<Integer, Tuple2<Long, Example>>> it, int inputs,
                                        int targets) {
        List<Tuple2<Long, Example>> rows = new ArrayList<>();
        while (it.hasNext()) {
            rows.add(it.next()._2());
        }
        rows.sort(Comparator.comparingLong(Tuple2::_1));
        float[] x = new float[rows.size() * inputs];
        float[] t = new float[rows.size() * targets];
        for (int r = 0; r < rows.size(); r++) {
            Example e = rows.get(r)._2();
            System.arraycopy(e.input(), 0, x, r * inputs, inputs);
            System.arraycopy(e.target(), 0, t, r * targets, targets);
        }
        return List.of(new Shard(worker, rows.size(), inputs, targets, x, t)).iterator();
    }
}
