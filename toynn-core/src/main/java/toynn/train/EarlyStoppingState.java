package toynn.train;

import java.util.Arrays;

/**
 * Where early stopping stands after an epoch, so that a later {@code fit} can carry on with it
 * ({@link FitOptions#resumeEarlyStopping(EarlyStoppingState)}): resuming from a saved model and this state
 * ends where the uninterrupted run ends — the same stop epoch, the same best epoch and, with
 * {@code restoreBestWeights}, the same restored weights, bit for bit. Read it from
 * {@link EpochEvent#earlyStoppingState()} during {@code onEpochEnd} (for checkpoints) or from
 * {@link History#earlyStoppingState()} after {@code fit}.
 *
 * <p>Invariant: {@code bestEpoch + sinceBest} is the last epoch trained, so a resumed {@code fit} must
 * start with {@code initialEpoch(bestEpoch + sinceBest)}.
 *
 * @param bestValue   the lowest monitored loss so far (validation loss with validation data, else training loss)
 * @param bestEpoch   the epoch (from 1) it was reached in
 * @param sinceBest   epochs trained since {@code bestEpoch} without an improvement by more than {@code minDelta}
 * @param bestWeights the weights after {@code bestEpoch} in the order optimizers see them — W0, b0, W1, b1, …
 *                    (each row-major, as {@code Dense} holds them) — when early stopping restores the best
 *                    weights; else null. The record keeps its own copy and hands out copies.
 */
public record EarlyStoppingState(double bestValue, int bestEpoch, int sinceBest, float[][] bestWeights) {
    /**
     * @throws IllegalArgumentException unless {@code bestValue} is finite, {@code bestEpoch ≥ 1},
     *                                  {@code sinceBest ≥ 0}, and every best-weight array is there and finite
     */
    public EarlyStoppingState {
        if (!Double.isFinite(bestValue)) {
            throw new IllegalArgumentException("early stopping state: bestValue must be a finite loss, got " + bestValue);
        }
        if (bestEpoch < 1) {
            throw new IllegalArgumentException("early stopping state: bestEpoch counts from 1, got " + bestEpoch);
        }
        if (sinceBest < 0) {
            throw new IllegalArgumentException("early stopping state: sinceBest must be ≥ 0 epochs, got " + sinceBest);
        }
        if (bestEpoch > Integer.MAX_VALUE - sinceBest) {
            throw new IllegalArgumentException("early stopping state: bestEpoch " + bestEpoch + " + sinceBest "
                    + sinceBest + " overflows an epoch count");
        }
        bestWeights = copy(bestWeights);
    }

    /** The best weights (a fresh copy), or null when the state was recorded without {@code restoreBestWeights}. */
    @Override
    public float[][] bestWeights() {
        return copy(bestWeights);
    }

    /** The last epoch trained when this state was taken: {@code bestEpoch + sinceBest}. */
    public int epoch() {
        return bestEpoch + sinceBest;
    }

    /** Whether it holds best weights (no copy made). */
    public boolean hasBestWeights() {
        return bestWeights != null;
    }

    /** The best weights without a copy, for the trainer (which only reads them). */
    float[][] bestWeightsShared() {
        return bestWeights;
    }

    private static float[][] copy(float[][] w) {
        if (w == null) {
            return null;
        }
        float[][] c = new float[w.length][];
        for (int p = 0; p < w.length; p++) {
            if (w[p] == null) {
                throw new IllegalArgumentException("early stopping state: best weight array " + p + " is null");
            }
            for (int i = 0; i < w[p].length; i++) {
                if (!Float.isFinite(w[p][i])) {
                    throw new IllegalArgumentException("early stopping state: best weight array " + p + " holds "
                            + w[p][i] + " at index " + i + "; weights must be finite");
                }
            }
            c[p] = w[p].clone();
        }
        return c;
    }

    /** Equal when every number is equal, the best weights compared element by element. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EarlyStoppingState s && Double.compare(bestValue, s.bestValue) == 0
                && bestEpoch == s.bestEpoch && sinceBest == s.sinceBest && Arrays.deepEquals(bestWeights, s.bestWeights);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Double.hashCode(bestValue) + bestEpoch) + sinceBest) + Arrays.deepHashCode(bestWeights);
    }

    @Override
    public String toString() {
        return "EarlyStoppingState(best " + bestValue + " at epoch " + bestEpoch + ", " + sinceBest + " since"
                + (bestWeights == null ? "" : ", with best weights") + ")";
    }
}
