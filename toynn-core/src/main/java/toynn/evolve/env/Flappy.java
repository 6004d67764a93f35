package toynn.evolve.env;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import toynn.NeuralNetwork;
import toynn.evolve.FitnessFunction;
import toynn.evolve.PopulationFitness;
import toynn.evolve.Trial;
import toynn.util.Rng;

/**
 * The Coding Train's neuroevolution Flappy Bird, headless and deterministic: a 640×480 world; every
 * 75 frames a pipe pair enters at the right edge with a gap of 125 px whose top edge is uniform in
 * [height/6, 3·height/4), 80 px wide, moving 6 px per frame. Birds sit at x = 64; each frame a bird's
 * velocity grows by gravity 0.8 and its y by the velocity; a flap adds the lift −12 to the velocity.
 * A bird dies when it leaves the screen (y &lt; 0 or y &gt; height) or touches a pipe.
 *
 * <p>Its brain is a 5-8-2 network; the inputs are the Coding Train's, normalised: {@code y/height},
 * {@code velocity/10}, the next pipe's top and bottom pipe heights {@code /height}, and its left edge
 * {@code x/width}; it flaps when output 0 is larger than output 1. Fitness is frames survived.
 *
 * <p>All birds of a game see the same pipes, drawn from the game's seed; birds do not affect each
 * other, so a bird scores the same alone as in a flock.
 */
public final class Flappy {
    /** World width (px). */
    public static final double WIDTH = 640;
    /** World height (px). */
    public static final double HEIGHT = 480;
    /** The birds' fixed x (px). */
    public static final double BIRD_X = 64;
    /** Added to a bird's velocity every frame. */
    public static final double GRAVITY = 0.8;
    /** Added to a bird's velocity by a flap. */
    public static final double LIFT = -12;
    /** Height of the gap between a pipe pair (px). */
    public static final double GAP = 125;
    /** Pipe width (px). */
    public static final double PIPE_WIDTH = 80;
    /** Pipe speed (px per frame). */
    public static final double PIPE_SPEED = 6;
    /** Frames between pipes. */
    public static final int PIPE_INTERVAL = 75;
    /** The bird's brain: 5 inputs, 8 hidden, 2 outputs. */
    public static final int[] BRAIN = {5, 8, 2};

    /** One pipe pair: the top pipe covers y &lt; top, the bottom one y &gt; bottom. */
    public static final class Pipe {
        private double x;
        private final double top;
        private boolean counted;

        Pipe(double top) {
            this.x = WIDTH;
            this.top = top;
        }

        /** Left edge (px). */
        public double x() {
            return x;
        }

        /** Lower edge of the top pipe (px from the top). */
        public double top() {
            return top;
        }

        /** Upper edge of the bottom pipe (px from the top): {@code top + GAP}. */
        public double bottom() {
            return top + GAP;
        }

        boolean hits(double birdY) {
            boolean inColumn = BIRD_X > x && BIRD_X < x + PIPE_WIDTH;
            return inColumn && (birdY < top || birdY > bottom());
        }
    }

    /** One bird and its brain. */
    public static final class Bird {
        private final NeuralNetwork brain;
        private final double[] inputs = new double[5];
        private double y = HEIGHT / 2;
        private double velocity;
        private boolean alive = true;
        private int frames;
        private int pipesPassed;

        Bird(NeuralNetwork brain) {
            this.brain = brain;
        }

        /** Height (px from the top). */
        public double y() {
            return y;
        }

        /** Vertical velocity (px per frame, positive = falling). */
        public double velocity() {
            return velocity;
        }

        /** Whether it still flies. */
        public boolean alive() {
            return alive;
        }

        /** Frames survived: its fitness. */
        public int frames() {
            return frames;
        }

        /** Pipes whose right edge it flew past. */
        public int pipesPassed() {
            return pipesPassed;
        }

        /** Its brain. */
        public NeuralNetwork brain() {
            return brain;
        }

        /** The brain's decision: flap when output 0 beats output 1 (the Coding Train's rule). */
        boolean think(Pipe next) {
            if (next == null) {
                return false;                                 // cannot happen with the standard spacing; be safe
            }
            inputs[0] = y / HEIGHT;
            inputs[1] = velocity / 10;
            inputs[2] = next.top() / HEIGHT;                  // height of the top pipe
            inputs[3] = (HEIGHT - next.bottom()) / HEIGHT;    // height of the bottom pipe
            inputs[4] = next.x() / WIDTH;
            double[] out = brain.predict(inputs);
            return out[0] > out[1];
        }
    }

    private final Rng pipeRng;
    private final List<Pipe> pipes = new ArrayList<>();
    private final List<Bird> birds;
    private int frame;
    private int alive;

    /**
     * A game with one bird per brain and pipes drawn from {@code seed}.
     *
     * @throws IllegalArgumentException if a brain is not 5 inputs → 2 outputs
     */
    public Flappy(long seed, List<NeuralNetwork> brains) {
        Objects.requireNonNull(brains, "brains must not be null");
        this.pipeRng = new Rng(seed);
        this.birds = new ArrayList<>(brains.size());
        for (int i = 0; i < brains.size(); i++) {
            NeuralNetwork b = Objects.requireNonNull(brains.get(i), "brain " + i + " is null");
            if (b.inputSize() != 5 || b.outputSize() != 2) {
                throw new IllegalArgumentException("a Flappy brain takes 5 inputs and gives 2 outputs (e.g. 5-8-2), but brain "
                        + i + " is " + b.inputSize() + " → " + b.outputSize());
            }
            birds.add(new Bird(b));
        }
        this.alive = birds.size();
    }

    /**
     * One frame, in the order of the Coding Train's {@code draw()}: maybe a new pipe, pipes move and
     * hit birds, birds off screen die, the living birds think and move.
     *
     * @return true while some bird is alive
     */
    public boolean step() {
        if (frame % PIPE_INTERVAL == 0) {
            pipes.add(new Pipe(pipeRng.uniform(HEIGHT / 6, 3 * HEIGHT / 4)));
        }
        frame++;
        for (int p = pipes.size() - 1; p >= 0; p--) {
            Pipe pipe = pipes.get(p);
            pipe.x -= PIPE_SPEED;
            for (Bird b : birds) {
                if (b.alive && pipe.hits(b.y)) {
                    kill(b);
                }
            }
            if (pipe.x < -PIPE_WIDTH) {
                pipes.remove(p);
            }
        }
        for (Bird b : birds) {
            if (b.alive && (b.y > HEIGHT || b.y < 0)) {
                kill(b);
            }
        }
        Pipe next = nextPipe();
        for (Bird b : birds) {
            if (!b.alive) {
                continue;
            }
            if (b.think(next)) {
                b.velocity += LIFT;                  // up()
            }
            b.frames++;                              // update(): score++, then physics
            b.velocity += GRAVITY;
            b.y += b.velocity;
        }
        for (Pipe p : pipes) {                       // a pipe counts once its right edge is behind the birds
            if (!p.counted && p.x + PIPE_WIDTH < BIRD_X) {
                p.counted = true;
                for (Bird b : birds) {
                    if (b.alive) {
                        b.pipesPassed++;
                    }
                }
            }
        }
        return alive > 0;
    }

    private void kill(Bird b) {
        b.alive = false;
        alive--;
    }

    /** The closest pipe whose right edge is still ahead of the birds (as in the Coding Train's think()). */
    private Pipe nextPipe() {
        Pipe closest = null;
        double closestD = Double.POSITIVE_INFINITY;
        for (Pipe p : pipes) {
            double d = p.x + PIPE_WIDTH - BIRD_X;
            if (d < closestD && d > 0) {
                closest = p;
                closestD = d;
            }
        }
        return closest;
    }

    /**
     * Plays until every bird is dead or {@code maxFrames} frames have passed.
     *
     * @return this game, for reading the birds
     */
    public Flappy play(int maxFrames) {
        while (frame < maxFrames && step()) {
            // play on
        }
        return this;
    }

    /** Frames played. */
    public int frame() {
        return frame;
    }

    /** Birds still alive. */
    public int alive() {
        return alive;
    }

    /** The birds, in the order of the brains (read-only). */
    public List<Bird> birds() {
        return Collections.unmodifiableList(birds);
    }

    /** The pipes on screen (read-only). */
    public List<Pipe> pipes() {
        return Collections.unmodifiableList(pipes);
    }

    /** One bird alone on the pipes of {@code seed}, for at most {@code maxFrames} frames. */
    public static Bird playAlone(NeuralNetwork brain, long seed, int maxFrames) {
        return new Flappy(seed, List.of(brain)).play(maxFrames).birds.get(0);
    }

    /**
     * A fitness for one bird: frames survived alone on the pipes of the trial's seed (so every bird of
     * a generation sees the same pipes), at most {@code maxFrames}.
     *
     * @throws IllegalArgumentException if maxFrames &lt; 1
     */
    public static FitnessFunction fitness(int maxFrames) {
        checkMaxFrames(maxFrames);
        return new FitnessFunction() {
            @Override
            public double fitness(NeuralNetwork network) {
                return fitness(network, new Trial(0, 0, 0L));
            }

            @Override
            public double fitness(NeuralNetwork network, Trial trial) {
                return playAlone(network, trial.seed(), maxFrames).frames();
            }
        };
    }

    /**
     * A fitness for the whole flock, as in the Coding Train's sketch: every bird in one game on the
     * pipes of the trial's seed; each bird's frames survived, at most {@code maxFrames}.
     *
     * @throws IllegalArgumentException if maxFrames &lt; 1
     */
    public static PopulationFitness flockFitness(int maxFrames) {
        checkMaxFrames(maxFrames);
        return (networks, trial) -> {
            Flappy game = new Flappy(trial.seed(), networks).play(maxFrames);
            double[] f = new double[networks.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = game.birds.get(i).frames;
            }
            return f;
        };
    }

    private static void checkMaxFrames(int maxFrames) {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, got " + maxFrames);
        }
    }
}
