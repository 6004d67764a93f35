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
        double max = Double.NEGATIVE_INFINITY;
        for (double f : fitness) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        double shift = min < 0 ? -min : 0;
        double scale = 1;
        double sum = shiftedSum(fitness, shift, scale);
        if (sum == Double.POSITIVE_INFINITY) {
            // Fitness near Double.MAX_VALUE overflows the sum (every p_i would be 0 or NaN): scale by a power
            // of two, which keeps every ratio; ordinary fitness keeps scale 1 and so the same bits as before.
            scale = Math.scalb(1.0, -Math.getExponent(Math.max(Math.abs(min), Math.abs(max))) - 1);
            sum = shiftedSum(fitness, shift, scale);
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = sum > 0 ? (fitness[i] * scale + shift * scale) / sum : 1.0 / n;   // normalise: Σp = 1
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

    /** {@code Σ (f_i·scale + shift·scale)}, in index order. */
    private static double shiftedSum(double[] fitness, double shift, double scale) {
        double sum = 0;
        for (double f : fitness) {
            sum += f * scale + shift * scale;
        }
        return sum;
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
