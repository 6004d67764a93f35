package toynn.train;

/**
 * Cosine annealing (Loshchilov &amp; Hutter 2017, "SGDR: Stochastic Gradient Descent with Warm Restarts"):
 * {@code lr(e) = min + ½·(base − min)·(1 + cos(π·e′/T))} with period {@code T} epochs. Without restarts
 * {@code e′ = min(e, T)}, so the rate reaches {@code min} after {@code T} epochs and stays there; with
 * restarts {@code e′ = e mod T} (SGDR with {@code T_mult = 1}).
 *
 * @param periodEpochs {@code T}, ≥ 1
 * @param minRate      the lowest rate, ≥ 0 (and below the base rate to make sense)
 * @param restarts     whether to jump back to the base rate every {@code T} epochs
 */
public record CosineAnnealing(int periodEpochs, double minRate, boolean restarts) implements LearningRateSchedule {
    /** @throws IllegalArgumentException unless {@code periodEpochs ≥ 1} and {@code minRate ≥ 0}, finite */
    public CosineAnnealing {
        if (periodEpochs < 1) {
            throw new IllegalArgumentException("cosine annealing needs periodEpochs ≥ 1, got " + periodEpochs);
        }
        if (!(minRate >= 0) || !Double.isFinite(minRate)) {
            throw new IllegalArgumentException("cosine annealing minRate must be a finite number ≥ 0, got " + minRate);
        }
    }

    /** @throws IllegalArgumentException when {@code epoch < 0} */
    @Override
    public double rate(double baseRate, int epoch) {
        ScheduleEpoch.check(restarts ? "cosine annealing with restarts" : "cosine annealing", epoch);
        int e = restarts ? epoch % periodEpochs : Math.min(epoch, periodEpochs);
        return minRate + 0.5 * (baseRate - minRate) * (1 + Math.cos(Math.PI * e / periodEpochs));
    }
}
