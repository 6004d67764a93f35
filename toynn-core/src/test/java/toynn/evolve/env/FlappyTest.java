package toynn.evolve.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import toynn.NeuralNetwork;
import toynn.evolve.Population;
import toynn.evolve.Selection;

class FlappyTest {

    /** A 5-8-2 brain whose output 0 is always above (flap) or below (never flap) output 1. */
    private static NeuralNetwork fixedBrain(boolean flap) {
        NeuralNetwork nn = NeuralNetwork.seeded(1, Flappy.BRAIN);
        var out = nn.layers().get(1);
        java.util.Arrays.fill(out.weights(), 0f);
        out.bias()[0] = flap ? 5 : -5;
        out.bias()[1] = flap ? -5 : 5;
        return nn;
    }

    /**
     * Never flapping: after k frames y = 240 + 0.8·k(k+1)/2, which reaches 480 (the floor) at k = 24
     * and 500 at k = 25; the bird dies at the start of the frame after it is below the floor — after
     * frame 24 or 25, as floating-point rounding of the 0.8 steps lands on the boundary — long before
     * the first pipe arrives.
     */
    @Test
    void aBirdThatNeverFlapsFallsOutAfter24Or25Frames() {
        Flappy.Bird bird = Flappy.playAlone(fixedBrain(false), 1, 10_000);
        int k = bird.frames();
        assertTrue(k == 24 || k == 25, "frames " + k);
        assertEquals(240 + 0.8 * k * (k + 1) / 2, bird.y(), 1e-9);
        assertEquals(0.8 * k, bird.velocity(), 1e-9);
        assertTrue(bird.y() >= Flappy.HEIGHT);
        assertEquals(0, bird.pipesPassed());
    }

    /** Always flapping: velocity falls by 11.2 a frame, y = 240 − 11.2·k(k+1)/2 is negative first at k = 7. */
    @Test
    void aBirdThatAlwaysFlapsLeavesThroughTheTopAfter7Frames() {
        Flappy.Bird bird = Flappy.playAlone(fixedBrain(true), 1, 10_000);
        assertEquals(7, bird.frames());
        assertEquals(240 - 11.2 * 7 * 8 / 2, bird.y(), 1e-9);
        assertTrue(bird.y() < 0);
    }

    @Test
    void pipesComeFromTheSeedEvery75FramesWithTheGap() {
        Flappy a = new Flappy(7, List.of(fixedBrain(false)));
        Flappy b = new Flappy(7, List.of(fixedBrain(false)));
        a.step();
        b.step();
        assertEquals(1, a.pipes().size());
        assertEquals(a.pipes().get(0).top(), b.pipes().get(0).top());
        Flappy.Pipe p = a.pipes().get(0);
        assertEquals(Flappy.WIDTH - Flappy.PIPE_SPEED, p.x());
        assertEquals(Flappy.GAP, p.bottom() - p.top(), 1e-9);
        assertTrue(p.top() >= Flappy.HEIGHT / 6 && p.top() < 0.75 * Flappy.HEIGHT);
        for (int i = 1; i < 75; i++) {
            a.step();
        }
        assertEquals(1, a.pipes().size(), "the second pipe comes on frame 76");
        a.step();
        assertEquals(2, a.pipes().size());
        assertTrue(new Flappy(8, List.of()).step() == false, "no birds: nobody alive");
    }

    @Test
    void brainShapeIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Flappy(1, List.of(NeuralNetwork.seeded(1, 4, 8, 2))));
        assertTrue(e.getMessage().contains("5 inputs"), e.getMessage());
    }

    /**
     * From seed 1, 100 birds, tournament of 3: within 15 generations the best bird flies 3,000 frames,
     * and on three pipe sequences it never saw it passes at least 30 pipes each. A pipe passes the
     * birds 110 frames after it appears and they appear every 75 frames, so F frames pass
     * ⌊(F − 110)/75⌋ + 1 pipes.
     */
    @Test
    void evolvedBirdPassesAtLeast30Pipes() {
        try (Population pop = new Population(100, 1, Flappy.BRAIN).selection(Selection.tournament(3)).elitism(2)) {
            pop.addListener(s -> {
                if (s.best() >= 3000) {
                    pop.stop();
                }
            });
            pop.evolve(Flappy.fitness(3000), 15);
            assertEquals(3000.0, pop.bestFitness());
            NeuralNetwork best = pop.best();
            for (long seed = 1000; seed < 1003; seed++) {
                Flappy.Bird bird = Flappy.playAlone(best, seed, 3000);
                assertTrue(bird.pipesPassed() >= 30, "pipes passed on unseen seed " + seed + ": " + bird.pipesPassed());
                assertEquals((bird.frames() - 110) / 75 + 1, bird.pipesPassed(), "pipes counted for " + bird.frames() + " frames");
            }
        }
    }
}
