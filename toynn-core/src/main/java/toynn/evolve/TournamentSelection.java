package toynn.evolve;

/**
 * Tournament selection: draw {@code k} indices uniformly with replacement, keep the fittest
 * (the first drawn among equals). Larger {@code k} means stronger selection pressure;
 * {@code k = 1} is uniform random selection; {@code k} may not exceed the generation's size.
 */
public final class TournamentSelection implements Selection {
    private final int k;

    /**
     * @param k tournament size, at least 1
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public TournamentSelection(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("tournament size must be at least 1, got " + k);
        }
        this.k = k;
    }

    /** The tournament size. */
    public int size() {
        return k;
    }

    /**
     * Checks that the tournament fits a generation of {@code n} networks, {@code k ≤ n}: a larger one
     * gains nothing but draws ({@code k} per pick), and a huge one would loop that many times.
     *
     * @throws IllegalArgumentException naming {@code k} and the allowed range
     */
    void checkFits(int n) {
        if (k > n) {
            throw new IllegalArgumentException("tournament size " + k + " is larger than the population of " + n
                    + " networks; it must be from 1 to " + n);
        }
    }

    /** @throws IllegalArgumentException for an empty generation or one smaller than the tournament */
    @Override
    public Picker prepare(double[] fitness) {
        int n = fitness.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot select from an empty generation");
        }
        checkFits(n);
        return rng -> {
            int best = rng.nextInt(n);
            for (int t = 1; t < k; t++) {
                int c = rng.nextInt(n);
                if (fitness[c] > fitness[best]) {
                    best = c;
                }
            }
            return best;
        };
    }

    @Override
    public String toString() {
        return "tournament(" + k + ")";
    }
}
