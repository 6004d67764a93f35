package toynn.train;

/**
 * Exponential decay: {@code lr(e) = base · γ^e} per epoch {@code e} (as in Keras' and PyTorch's
 * {@code ExponentialLR}; see Bengio 2012, "Practical recommendations for gradient-based training of
 * deep architectures", §3.1).
 *
 * @param gamma multiplier per epoch, in (0, 1]
 */
public record ExponentialDecay(double gamma) implements LearningRateSchedule {
    /** @throws IllegalArgumentException unless {@code 0 < gamma ≤ 1} */
    public ExponentialDecay {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("exponential decay gamma must be in (0, 1], got " + gamma);
        }
    }

    /** @throws IllegalArgumentException when {@code epoch < 0} */
    @Override
    public double rate(double baseRate, int epoch) {
        ScheduleEpoch.check("exponential decay", epoch);
        return baseRate * Math.pow(gamma, epoch);
    }
}
