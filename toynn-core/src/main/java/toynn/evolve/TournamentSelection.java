package toynn.evolve;

/**
 * Tournament selection: draw {@code k} indices uniformly with replacement, keep the fittest
 * (the first drawn among equals). Larger {@code k} means stronger selection pressure;
 * {@code k = 1} is uniform random selection.
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

    @Override
    public Picker prepare(double[] fitness) {
        int n = fitness.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot select from an empty generation");
        }
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
