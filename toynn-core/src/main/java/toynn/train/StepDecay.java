package toynn.train;

/**
 * Step decay: the learning rate is multiplied by {@code factor} every {@code everyEpochs} epochs,
 * {@code lr(e) = base · factor^⌊e / everyEpochs⌋} (the schedule of Krizhevsky et al. 2012 and He et al.
 * 2016, where the rate was divided by 10 at fixed epochs).
 *
 * @param everyEpochs epochs between drops, ≥ 1
 * @param factor      multiplier per drop, in (0, 1]
 */
public record StepDecay(int everyEpochs, double factor) implements LearningRateSchedule {
    /** @throws IllegalArgumentException unless {@code everyEpochs ≥ 1} and {@code 0 < factor ≤ 1} */
    public StepDecay {
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("step decay needs everyEpochs ≥ 1, got " + everyEpochs);
        }
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("step decay factor must be in (0, 1], got " + factor);
        }
    }

    /** @throws IllegalArgumentException when {@code epoch < 0} */
    @Override
    public double rate(double baseRate, int epoch) {
        ScheduleEpoch.check("step decay", epoch);
        return baseRate * Math.pow(factor, epoch / everyEpochs);
    }
}
