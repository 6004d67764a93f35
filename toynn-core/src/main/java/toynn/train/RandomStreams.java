package toynn.train;

/**
 * Seeds for the independent random streams of training, each a function of (seed, index, stream)
 * only — so epoch {@code e}'s shuffle and dropout masks are the same whether training ran through
 * epoch {@code e} or resumed there from a file.
 */
final class RandomStreams {
    static final int SHUFFLE = 1;
    static final int DROPOUT = 2;
    static final int SPLIT = 3;
    static final int PARTIAL_FIT = 4;

    private RandomStreams() {
    }

    /** The seed of stream {@code stream} at {@code index} (an epoch, or a step for partialFit). */
    static long seed(long seed, long index, int stream) {
        long z = mix(seed ^ (stream * 0xD1B54A32D192ED03L));
        return mix(z + index * 0x9E3779B97F4A7C15L);
    }

    /** SplitMix64's finaliser (Steele, Lea &amp; Flood 2014): a bijective 64-bit mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
