package toynn.evolve;

/**
 * Derives independent seeds from one run seed and a few coordinates, e.g.
 * {@code derive(seed, BREED, generation, index)}. Every random stream of a run comes from here and
 * never from thread timing, so a run is the same whatever the number of threads.
 *
 * <p>The mix is SplitMix64's finaliser (Steele, Lea &amp; Flood 2014) applied after each part, so
 * neighbouring coordinates give unrelated seeds.
 */
public final class Seeds {
    /** Stream id for the networks of generation 0. */
    public static final long INIT = 1;
    /** Stream id for making child {@code i} of a generation (selection, crossover, mutation). */
    public static final long BREED = 2;
    /** Stream id for the scenario a generation is evaluated on ({@link Trial#seed()}). */
    public static final long TRIAL = 3;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A seed that depends on {@code seed} and every part, in order. */
    public static long derive(long seed, long... parts) {
        long h = mix(seed + GOLDEN);
        for (long p : parts) {
            h = mix(h ^ mix(p + GOLDEN));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
