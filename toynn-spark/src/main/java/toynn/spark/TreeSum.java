package toynn.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accumulator of Spark training's {@code treeAggregate}: sums one vector (and one loss) per
 * worker so that the result is the same bits whatever order Spark merges the workers' results in.
 *
 * <p>Why: {@code treeAggregate} combines partial results as tasks finish, and float addition is not
 * associative — {@code (a + b) + c} and {@code (a + c) + b} can differ in the last bit — so a plain
 * running sum would make training depend on task timing. Here the sum follows one fixed tree: the
 * tree {@code treeAggregate} itself builds for {@code workers} partitions and the given depth (level
 * {@code ℓ} groups key {@code q} under {@code q mod n_ℓ}), each node adding its children strictly in
 * key order. A node adds a child only when all earlier children are in; a child that arrives early
 * waits. Any merge order therefore yields the same additions in the same order. (Should Spark group
 * differently, the result is still this tree's sum — only more results wait longer.)
 *
 * <p>Counts (examples, correct predictions, steps) are integers and simply add up.
 */
final class TreeSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int leaves;                  // workers: the tree's leaves are 0 … leaves−1
    private final int[] moduli;                // n_1 > n_2 > … : the keys of each level above the leaves
    private final Map<Long, Node> open = new HashMap<>();
    private float[] sum;                       // the root's sum once complete (null: all zero)
    private double loss;
    private boolean complete;
    long correct;
    long count;
    int steps;

    /** An empty sum over {@code leaves} workers, for a {@code treeAggregate} of the given depth. */
    TreeSum(int leaves, int depth) {
        if (leaves < 1 || depth < 1) {
            throw new IllegalArgumentException("a tree sum needs at least one leaf and depth 1, got " + leaves + ", " + depth);
        }
        this.leaves = leaves;
        this.moduli = sparkLevels(leaves, depth);
    }

    /**
     * The key counts of the levels {@code treeAggregate} adds between the partitions and the driver
     * (Spark 3.5's {@code RDD.treeAggregate}): with {@code scale = max(⌈n^(1/depth)⌉, 2)}, while
     * {@code n > scale + ⌈n / scale⌉}, {@code n /= scale} and partition {@code i} goes to key {@code i mod n}.
     */
    static int[] sparkLevels(int partitions, int depth) {
        List<Integer> levels = new ArrayList<>();
        int n = partitions;
        int scale = Math.max((int) Math.ceil(Math.pow(n, 1.0 / depth)), 2);
        while (n > scale + Math.ceil((double) n / scale)) {
            n /= scale;
            levels.add(n);
        }
        return levels.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Adds worker {@code worker}'s vector (null: all zero) and loss. Each worker adds exactly once.
     *
     * @return this
     */
    TreeSum add(int worker, float[] vector, double workerLoss) {
        if (worker < 0 || worker >= leaves) {
            throw new IllegalArgumentException("worker " + worker + " is not one of the " + leaves + " leaves");
        }
        offer(0, worker, new Part(vector, workerLoss));
        return this;
    }

    /** {@code this += other} (other is consumed); returns this. */
    TreeSum merge(TreeSum other) {
        correct += other.correct;
        count += other.count;
        steps = Math.max(steps, other.steps);
        if (other.complete) {
            complete = true;
            sum = other.sum;
            loss = other.loss;
        }
        for (Map.Entry<Long, Node> e : other.open.entrySet()) {
            Node mine = open.get(e.getKey());
            if (mine == null) {
                open.put(e.getKey(), e.getValue());
            } else {
                Node theirs = e.getValue();
                Node base = mine.next >= theirs.next ? mine : theirs;      // at most one holds child 0 onwards
                Node extra = base == mine ? theirs : mine;
                open.put(e.getKey(), base);
                base.pending.putAll(extra.pending);
            }
        }
        for (Long id : new ArrayList<>(open.keySet())) {
            advance(id);
        }
        return this;
    }

    /** Whether every worker's vector has been added. */
    boolean isComplete() {
        return complete;
    }

    /** The sum of all workers' vectors (null if all were null). */
    float[] sum() {
        checkComplete();
        return sum;
    }

    /** The sum of all workers' losses. */
    double loss() {
        checkComplete();
        return loss;
    }

    private void checkComplete() {
        if (!complete) {
            throw new IllegalStateException("the tree sum still waits for " + (leaves - waiting()) + " of " + leaves
                    + " workers");
        }
    }

    private int waiting() {
        int n = 0;
        for (Node node : open.values()) {
            n += node.pending.size() + node.next;
        }
        return n;
    }

    // ------------------------------------------------------------------ the fixed tree

    /** Gives child {@code key} of level {@code level} to its parent, and completes what it can. */
    private void offer(int level, int key, Part part) {
        int top = moduli.length;                             // level of the last keyed nodes; the root is top + 1
        int parentKey;
        int position;
        if (level == top) {
            parentKey = 0;
            position = key;
        } else {
            parentKey = key % moduli[level];
            position = key / moduli[level];
        }
        long id = id(level + 1, parentKey);
        Node node = open.computeIfAbsent(id, k -> new Node());
        node.pending.put(position, part);
        advance(id);
    }

    /** Adds a node's waiting children while they are next in order; passes a complete node up. */
    private void advance(long id) {
        Node node = open.get(id);
        if (node == null) {
            return;
        }
        while (!node.pending.isEmpty() && node.pending.firstKey() == node.next) {
            Part p = node.pending.pollFirstEntry().getValue();
            node.sum = add(node.sum, p.vector);
            node.loss = node.next == 0 ? p.loss : node.loss + p.loss;
            node.next++;
        }
        int level = (int) (id >>> 32);
        int key = (int) id;
        if (node.next == children(level, key)) {
            open.remove(id);
            if (level == moduli.length + 1) {
                complete = true;
                sum = node.sum;
                loss = node.loss;
            } else {
                offer(level, key, new Part(node.sum, node.loss));
            }
        }
    }

    /** How many children node {@code key} of {@code level} has (level 1 groups the leaves). */
    private int children(int level, int key) {
        int below = level == 1 ? leaves : moduli[level - 2];            // keys on the level below
        if (level == moduli.length + 1) {
            return below;                                               // the root takes every key below
        }
        int n = moduli[level - 1];
        return (below - key + n - 1) / n;                               // keys q < below with q mod n = key
    }

    private static long id(int level, int key) {
        return ((long) level << 32) | (key & 0xFFFFFFFFL);
    }

    /** {@code a + b} into a (a fresh array if a is null; null stands for zeros). */
    private static float[] add(float[] a, float[] b) {
        if (b == null) {
            return a;
        }
        if (a == null) {
            return b.clone();
        }
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** One child's value. */
    private record Part(float[] vector, double loss) implements Serializable {
    }

    /** A node of the tree being summed: the sum of its first {@code next} children, and children that came early. */
    private static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;
        int next;
        float[] sum;
        double loss;
        final TreeMap<Integer, Part> pending = new TreeMap<>();
    }
}
