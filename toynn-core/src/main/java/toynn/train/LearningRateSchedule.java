package toynn.train;

/**
 * The learning rate of each epoch, from the optimizer's base rate. Set it with
 * {@link FitOptions#schedule(LearningRateSchedule)}; epochs are counted from 0 over the network's whole
 * training (so a resumed fit continues the schedule where it stopped).
 *
 * <pre>{@code
 * FitOptions.create().epochs(30).schedule(LearningRateSchedule.cosine(30, 0))
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /**
     * The learning rate for epoch {@code epoch} (0 = the first epoch ever trained).
     *
     * @param baseRate the optimizer's {@link Optimizer#learningRate()}
     * @throws IllegalArgumentException when {@code epoch < 0} (the built-in schedules)
     */
    double rate(double baseRate, int epoch);

    /** The base rate in every epoch. */
    static LearningRateSchedule constant() {
        return (base, epoch) -> {
            ScheduleEpoch.check("constant", epoch);
            return base;
        };
    }

    /** {@code base · factor^⌊epoch / everyEpochs⌋} — see {@link StepDecay}. */
    static LearningRateSchedule step(int everyEpochs, double factor) {
        return new StepDecay(everyEpochs, factor);
    }

    /** {@code base · gamma^epoch} — see {@link ExponentialDecay}. */
    static LearningRateSchedule exponential(double gamma) {
        return new ExponentialDecay(gamma);
    }

    /** Cosine annealing from the base rate down to {@code minRate} over {@code periodEpochs}, then held — see {@link CosineAnnealing}. */
    static LearningRateSchedule cosine(int periodEpochs, double minRate) {
        return new CosineAnnealing(periodEpochs, minRate, false);
    }

    /** Cosine annealing restarted every {@code periodEpochs} (SGDR) — see {@link CosineAnnealing}. */
    static LearningRateSchedule cosineWithRestarts(int periodEpochs, double minRate) {
        return new CosineAnnealing(periodEpochs, minRate, true);
    }
}
