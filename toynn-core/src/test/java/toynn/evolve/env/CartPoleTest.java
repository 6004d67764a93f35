package toynn.evolve.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import toynn.NeuralNetwork;
import toynn.evolve.GenerationStats;
import toynn.evolve.Population;
import toynn.evolve.Seeds;
import toynn.evolve.Selection;

class CartPoleTest {

    /**
     * One step from rest with a push right, worked by hand from the equations:
     * temp = 10/1.1; θ̈ = −temp / (0.5·(4/3 − 0.1/1.1)) = −14.634146…; ẍ = temp − 0.05·θ̈/1.1 = 9.756097…;
     * Euler: x and θ stay 0 (old velocities), ẋ = 0.02·ẍ, θ̇ = 0.02·θ̈.
     */
    @Test
    void oneStepFromRestMatchesTheEquationsWorkedByHand() {
        CartPole env = new CartPole(0, 0, 0, 0);
        env.step(true);
        double temp = 10 / 1.1;
        double thetaAcc = -temp / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
        assertEquals(-14.634146341463415, thetaAcc, 1e-12);
        assertEquals(0.0, env.x());
        assertEquals(0.0, env.theta());
        assertEquals(0.02 * 9.75609756097561, env.xDot(), 1e-12);
        assertEquals(0.02 * -14.634146341463415, env.thetaDot(), 1e-12);
        assertEquals(1, env.steps());
    }

    /** The physics is symmetric: mirroring the state and every push mirrors the whole trajectory. */
    @Test
    void mirroredStateAndActionsGiveTheMirroredTrajectory() {
        CartPole a = new CartPole(0.01, -0.02, 0.03, 0.04);
        CartPole b = new CartPole(-0.01, 0.02, -0.03, -0.04);
        boolean[] actions = {true, true, false, true, false, false, true, false, true, true};
        for (boolean right : actions) {
            a.step(right);
            b.step(!right);
            assertEquals(a.x(), -b.x(), 1e-15);
            assertEquals(a.xDot(), -b.xDot(), 1e-15);
            assertEquals(a.theta(), -b.theta(), 1e-15);
            assertEquals(a.thetaDot(), -b.thetaDot(), 1e-15);
        }
    }

    @Test
    void alwaysPushingRightTipsThePoleLeftAndFails() {
        CartPole env = new CartPole(0, 0, 0, 0);
        while (!env.step(true)) {
            assertTrue(env.theta() <= 0, "pushing the cart right tips the pole left");
        }
        assertTrue(env.isTerminated());
        assertTrue(env.theta() < -CartPole.THETA_THRESHOLD, env.toString());
        assertTrue(env.steps() < 30, "falls in well under a second: " + env.steps());
        assertThrows(IllegalStateException.class, () -> env.step(true));
    }

    @Test
    void aHandWrittenControllerBalancesUntilTheCapAt500() {
        for (long seed = 0; seed < 5; seed++) {
            CartPole env = new CartPole(seed);
            while (!env.step(10 * env.theta() + 2 * env.thetaDot() + 0.5 * env.x() + env.xDot() > 0)) {
                // PD control on the angle, a little on the position
            }
            assertEquals(CartPole.MAX_STEPS, env.steps());
            assertFalse(env.isTerminated(), "cut, not failed");
            assertTrue(env.isDone());
        }
    }

    @Test
    void startStateIsUniformInFivePercentAndDependsOnlyOnTheSeed() {
        for (long seed = 0; seed < 50; seed++) {
            double[] s = new CartPole(seed).state();
            for (double v : s) {
                assertTrue(Math.abs(v) < 0.05, "start value " + v);
            }
            assertEquals(List.of(s[0], s[1], s[2], s[3]),
                    List.of(new CartPole(seed).x(), new CartPole(seed).xDot(), new CartPole(seed).theta(),
                            new CartPole(seed).thetaDot()));
        }
        assertFalse(new CartPole(1).x() == new CartPole(2).x());
    }

    @Test
    void failsAtThePositionLimit() {
        CartPole env = new CartPole(2.39, 1.0, 0, 0);
        env.step(true);                       // x = 2.39 + 0.02 = 2.41 > 2.4
        assertTrue(env.isTerminated());
        assertEquals(1, env.steps(), "the failing step still counts, as in Gym");
    }

    @Test
    void brainMustTakeFourInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CartPole.balance(NeuralNetwork.seeded(1, 3, 2, 1), 1));
        assertTrue(e.getMessage().contains("4"), e.getMessage());
    }

    /** From seed 1, 100 networks 4-8-2, tournament of 3: a network balances all 5 episodes for 500 steps within 20 generations. */
    @Test
    void evolutionBalancesThePoleForTheFull500StepsWithin20Generations() {
        try (Population pop = new Population(100, 1, CartPole.BRAIN).selection(Selection.tournament(3)).elitism(2)
                .mutation(0.1, 0.5)) {
            pop.addListener(s -> {
                if (s.best() >= CartPole.MAX_STEPS) {
                    pop.stop();
                }
            });
            List<GenerationStats> history = pop.evolve(CartPole.fitness(5), 20);
            assertEquals(500.0, pop.bestFitness(), "best mean over 5 episodes after " + history.size() + " generations");
            // replay independently: the best network balances each of that generation's 5 start states
            NeuralNetwork best = pop.best();
            long trialSeed = Seeds.derive(1, Seeds.TRIAL, pop.bestGeneration());
            for (int e = 0; e < 5; e++) {
                assertEquals(500, CartPole.balance(best, Seeds.derive(trialSeed, e)), "episode " + e);
            }
        }
    }
}
