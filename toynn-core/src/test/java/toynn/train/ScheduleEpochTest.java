package toynn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Learning-rate schedules count epochs from 0: a negative epoch is refused, where step and exponential
 * decay used to return a rate above the base rate (factor^−k) and cosine annealing a rate from nowhere.
 */
class ScheduleEpochTest {
    @Test
    void everyScheduleRefusesANegativeEpoch() {
        Map<String, LearningRateSchedule> schedules = Map.of(
                "constant", LearningRateSchedule.constant(),
                "step decay", LearningRateSchedule.step(2, 0.5),
                "exponential decay", LearningRateSchedule.exponential(0.9),
                "cosine annealing", LearningRateSchedule.cosine(4, 0.001),
                "cosine annealing with restarts", LearningRateSchedule.cosineWithRestarts(4, 0.001));
        schedules.forEach((name, s) -> {
            for (int epoch : new int[] {-1, -4, Integer.MIN_VALUE}) {
                assertEquals(name + ": epoch must be ≥ 0 (0 = the first epoch ever trained), got " + epoch,
                        assertThrows(IllegalArgumentException.class, () -> s.rate(0.1, epoch)).getMessage());
            }
            assertEquals(0.1, s.rate(0.1, 0), 1e-15, name);                 // epoch 0 still runs at the base rate
        });
    }
}
