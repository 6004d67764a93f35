package toynn.train;

import java.util.function.LongSupplier;
import toynn.kernels.Kernels;

/**
 * Decides, while {@code fit} runs, whether its products are split across the kernel threads or run on
 * the training thread alone — by timing blocks of {@link #BLOCK} batches each way. Whether a second
 * thread pays depends on the machine and the moment: on two cores that are really one shared core
 * (hyper-threads; a virtual machine whose vCPUs share one — this project's machine at times, README
 * "Performance"), or with another program busy, a batch of 32 images trains 20% faster on one thread,
 * while on two free cores it trains 1.5× faster on two. Timing single calls cannot tell: a worker left
 * idle by the calls before falls asleep and makes the next split call look slow; a block of batches
 * includes that.
 *
 * <p>The first {@link #WARM_UP} batches are not timed: while HotSpot still compiles the training loop, split
 * blocks look slower than they are (with 512 or 1,024 the chooser often picked the wrong way on two free
 * cores). In the first {@code fit} of the JVM to get that far they also run alone: the compiler then needs
 * about a second of one core for T2 batch 32, and a second kernel thread only competes with it for the
 * cores; alone (but for one batch in {@link #WARM_SPLIT_EVERY}), the compiler has a core to itself while
 * the next batch is still copied beside the step ({@code Kernels.startGatherRows}). T2 batch 32 in
 * {@code bench --task all} (8 alternating pairs): median 250 k → 291 k samples/s, first epoch 0.26–0.33 →
 * 0.24–0.29 s. Later fits split during their warm-up. Then blocks alternate until each way has
 * {@link #MIN_BLOCKS}; then the faster way runs, and the other is tried again after {@link #EXPLORE}
 * blocks, then after twice as many each time it loses (up to {@link #MAX_EXPLORE}), so an early wrong
 * choice is undone quickly and a change of conditions is noticed. Blocks cut by a short last batch or
 * an epoch's end are not timed. Results are the same bits either way.
 */
final class SplitChooser {
    /** Full batches per timed block. */
    static final int BLOCK = 32;
    /** Full batches before the first timed block. */
    static final int WARM_UP = 2048;
    /**
     * In a cold warm-up, every this many batches one is split: the split routes then meet HotSpot before
     * the timed blocks need them. T2 batch 32 in {@code bench --task all}, 6 alternating pairs: median
     * 290 k → 303 k samples/s against none (5 of 6 pairs; every 64th: 296 k), its second epoch mostly
     * 0.16–0.18 instead of 0.18–0.20 s.
     */
    static final int WARM_SPLIT_EVERY = 128;
    /** Timed blocks of each way before the faster one is chosen. */
    static final int MIN_BLOCKS = 2;
    /** Blocks before the other way is tried again after a change of choice; doubled after each try it loses. */
    static final int EXPLORE = 8;
    /** The longest wait between tries of the other way: at 1.5× slower they cost under 1% of the time. */
    static final int MAX_EXPLORE = 64;

    private final boolean active;
    private final boolean coldStart;      // the warm-up runs alone: no fit of this JVM has warmed up yet
    /** Set once a chooser of this JVM has seen {@link #WARM_UP} batches: the training loop is compiled. */
    private static volatile boolean warmedUp;
    private final LongSupplier clock;
    private final Toggle toggle;
    private long batches;
    private long blocks;
    private boolean splitting = true;
    private int inBlock;
    private long blockStart;
    private double splitNs;
    private double aloneNs;
    private int splitBlocks;
    private int aloneBlocks;
    private boolean preferred = true;
    private int interval = EXPLORE;
    private long nextExplore;

    /** Switches splitting for the training thread. */
    interface Toggle {
        void set(boolean split);
    }

    /**
     * Products of at least this many multiply–adds are split whatever the timings (16 × the kernels' split
     * threshold): T2's batch-256 products (25.7 M) ran faster on two threads in both of this machine's
     * states, while its batch-32 ones (3.2 M) did only in one — and timing the slower way costs a short run
     * a few percent.
     */
    static final long ALWAYS_SPLIT_WORK = 16L << 19;

    /**
     * A chooser for a training loop on this thread whose largest product per batch is {@code largestWork}
     * multiply–adds: active when the kernels have more than one thread, that product is below
     * {@link #ALWAYS_SPLIT_WORK}, splitting is allowed for this thread (a caller that turned it off with
     * {@code Kernels.allowSplit(false)}, or an outer {@code fit} running alone, keeps it off), and
     * {@code -Dtoynn.adaptiveSplit=false} is not set.
     */
    static SplitChooser forFit(long largestWork) {
        boolean active = Kernels.threads() > 1 && largestWork < ALWAYS_SPLIT_WORK && Kernels.splitAllowed()
                && !"false".equalsIgnoreCase(System.getProperty("toynn.adaptiveSplit"));
        return new SplitChooser(active, !warmedUp, System::nanoTime, Kernels::allowSplit);
    }

    /** {@code coldStart}: the warm-up batches run alone (the JVM's first fit to warm up). */
    SplitChooser(boolean active, boolean coldStart, LongSupplier clock, Toggle toggle) {
        this.active = active;
        this.coldStart = coldStart;
        this.clock = clock;
        this.toggle = toggle;
    }

    /** Before a batch; {@code full}: it has the batch size (a short last batch is not timed). */
    void begin(boolean full) {
        if (!active) {
            return;
        }
        if (!full) {
            inBlock = 0;                                          // a short batch: this block is not timed
            return;
        }
        if (batches < WARM_UP) {
            if (coldStart) {                                      // the JVM's first warm-up runs alone,
                use(batches % WARM_SPLIT_EVERY == WARM_SPLIT_EVERY - 1);             // but for a few batches
            }
            return;
        }
        if (inBlock == 0) {
            use(chooseSplit());
            blockStart = clock.getAsLong();
        }
    }

    /** After a batch begun with {@link #begin}. */
    void end(boolean full) {
        if (!active || !full) {
            return;
        }
        if (batches++ < WARM_UP) {
            if (batches == WARM_UP) {
                warmedUp = true;
            }
            return;
        }
        if (++inBlock == BLOCK) {
            record(splitting, (double) (clock.getAsLong() - blockStart) / BLOCK);
            inBlock = 0;
            blocks++;
        }
    }

    /** At an epoch's end (validation and listeners run outside the timed blocks). */
    void endEpoch() {
        inBlock = 0;
    }

    /** Restores splitting for the thread; call when training stops, normally or not. */
    void close() {
        if (active) {
            use(true);
        }
    }

    /** Splits the following batches or not, switching only when that changes. */
    private void use(boolean split) {
        if (split != splitting) {
            toggle.set(split);
            splitting = split;
        }
    }

    /** True when the blocks chose splitting as faster so far (true until both ways are timed). */
    boolean prefersSplit() {
        return splitBlocks < MIN_BLOCKS || aloneBlocks < MIN_BLOCKS || splitNs <= aloneNs;
    }

    /** The estimated time of a batch, split or not (0 before any timed block); for tests and diagnostics. */
    double batchNanos(boolean split) {
        return split ? splitNs : aloneNs;
    }

    private boolean chooseSplit() {
        if (splitBlocks < MIN_BLOCKS || aloneBlocks < MIN_BLOCKS) {
            return splitBlocks <= aloneBlocks;                    // the way with fewer timed blocks
        }
        boolean split = splitNs <= aloneNs;
        if (split != preferred) {                                 // the other way won: check it again soon
            preferred = split;
            interval = EXPLORE;
            nextExplore = blocks + interval;
        }
        if (blocks >= nextExplore) {
            interval = Math.min(2 * interval, MAX_EXPLORE);          // each confirmation waits twice as long
            nextExplore = blocks + interval;
            return !split;
        }
        return split;
    }

    private void record(boolean split, double perBatch) {
        double est = split ? splitNs : aloneNs;
        int n = split ? splitBlocks : aloneBlocks;
        // Interference (the JIT, a preempted thread, another program) only slows a block down, so the
        // estimate takes a faster block at once and follows slower ones gradually.
        double next = n == 0 || perBatch < est ? perBatch : est + 0.125 * (Math.min(perBatch, 2 * est) - est);
        if (split) {
            splitNs = next;
            splitBlocks = n + 1;
        } else {
            aloneNs = next;
            aloneBlocks = n + 1;
        }
    }
}
