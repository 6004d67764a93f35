package toynn.evolve;

import toynn.util.Rng;

/**
 * How parents are chosen from one generation's fitness (higher is better).
 * {@link #pool()} is the Coding Train's fitness-proportionate pick; {@link #tournament(int)} picks
 * the fittest of k drawn at random.
 */
public interface Selection {
    /**
     * Prepares to pick parents from one generation.
     *
     * @param fitness one finite value per network; not modified (the selection may keep a reference
     *                until the next call)
     */
    Picker prepare(double[] fitness);

    /** Picks parent indices for one generation. */
    @FunctionalInterface
    interface Picker {
        /** An index into the generation, drawn with {@code rng} (advanced). */
        int pick(Rng rng);
    }

    /** The Coding Train's fitness-proportionate "pool" selection. */
    static Selection pool() {
        return new PoolSelection();
    }

    /** Tournament selection: the fittest of {@code k} networks drawn uniformly (with replacement). */
    static Selection tournament(int k) {
        return new TournamentSelection(k);
    }
}
