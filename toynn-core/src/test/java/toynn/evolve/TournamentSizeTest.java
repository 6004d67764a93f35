package toynn.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toynn.Messages.assertMessage;

import org.junit.jupiter.api.Test;
import toynn.util.Rng;

/**
 * A tournament draws k networks per pick, so a k larger than the generation only spends time (a huge k
 * loops that many times per parent): it is refused, naming k and the allowed range 1 … population size.
 */
class TournamentSizeTest {

    @Test
    void populationRefusesATournamentLargerThanItself() {
        try (Population pop = new Population(5, 1, 2, 2, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pop.selection(Selection.tournament(1_000_000_000)));
            assertMessage(e, "tournament size 1000000000", "from 1 to 5", "population of 5 networks");
            pop.selection(Selection.tournament(5));                      // the whole population is allowed
            pop.step(nn -> 1);
            assertEquals(1, pop.step(nn -> 1).generation(), "bred generation 1 with a tournament of 5");
        }
    }

    @Test
    void prepareRefusesATournamentLargerThanTheGeneration() {
        Selection s = Selection.tournament(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.prepare(new double[] {1, 2, 3}));
        assertMessage(e, "tournament size 4", "from 1 to 3");
        int pick = Selection.tournament(3).prepare(new double[] {1, 2, 3}).pick(new Rng(1));
        assertTrue(pick >= 0 && pick < 3, "pick " + pick);
    }

    @Test
    void sizeBelowOneIsRefused() {
        for (int k : new int[] {0, -1, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Selection.tournament(k));
            assertMessage(e, "tournament size must be at least 1, got " + k);
        }
    }
}
