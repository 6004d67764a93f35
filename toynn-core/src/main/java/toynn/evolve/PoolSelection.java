package toynn.evolve;

/**
 * Fitness-proportionate selection as in the Coding Train's {@code pickOne()}: fitness is normalised
 * to probabilities {@code p_i = f_i / Σf}, then a uniform {@code r ∈ [0, 1)} is reduced by
 * {@code p_0, p_1, …} until it is no longer positive; the index reached is the pick.
 *
 * <p>Negative fitness is shifted up by the minimum first; if every fitness is equal the pick is uniform.
 */
public final class PoolSelection implements Selection {
    @Override
    public Picker prepare(double[] fitness) {
        int n = fitness.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot select from an empty generation");
        }
        double min = Double.POSITIVE_INFINITY;
        for (double f : fitness) {
            min = Math.min(min, f);
        }
        double shift = min < 0 ? -min : 0;
        double sum = 0;
        for (double f : fitness) {
            sum += f + shift;
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = sum > 0 ? (fitness[i] + shift) / sum : 1.0 / n;   // normalise: Σp = 1
        }
        int last = lastPositive(p);
        return rng -> {
            double r = rng.nextDouble();
            int index = 0;
            while (r > 0 && index < n) {        // the pool: subtract until r runs out
                r -= p[index];
                index++;
            }
            index--;
            // r may survive rounding past the end, or hit exactly zero at the start: clamp to a real candidate
            return index < 0 ? firstPositive(p) : Math.min(index, last);
        };
    }

    private static int lastPositive(double[] p) {
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] > 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    private static int firstPositive(double[] p) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return "pool";
    }
}
