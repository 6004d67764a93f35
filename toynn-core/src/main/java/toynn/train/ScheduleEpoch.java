package toynn.train;

/** The one rule every built-in {@link LearningRateSchedule} applies to its epoch argument. */
final class ScheduleEpoch {
    private ScheduleEpoch() {
    }

    /**
     * Refuses {@code epoch < 0}: epochs count from 0 over the network's whole training, and a negative one
     * would give a rate from nowhere (above the base rate for the decays).
     *
     * @param schedule the schedule's name, for the message
     */
    static void check(String schedule, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException(schedule + ": epoch must be ≥ 0 (0 = the first epoch ever trained), got "
                    + epoch);
        }
    }
}
