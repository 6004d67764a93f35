package toynn.cli.evolve;

import java.util.List;
import java.util.Locale;
import toynn.NeuralNetwork;
import toynn.evolve.FitnessFunction;
import toynn.evolve.Seeds;
import toynn.evolve.env.CartPole;
import toynn.evolve.env.Flappy;
import toynn.evolve.env.XorTask;

/** The environments {@code toynn evolve} knows: network shape, fitness, and how the best one plays. */
public enum EvolveEnv {
    /** Pole balancing; fitness = mean steps over 3 episodes (at most 500). */
    CARTPOLE("cartpole", CartPole.BRAIN, "mean steps balanced over 3 episodes (max 500)"),
    /** The Coding Train's Flappy Bird; fitness = frames survived (at most {@link #FLAPPY_MAX_FRAMES}). */
    FLAPPY("flappy", Flappy.BRAIN, "frames survived (max " + EvolveEnv.FLAPPY_MAX_FRAMES + ")"),
    /** XOR without gradients; fitness = 1 − mean squared error. */
    XOR("xor", XorTask.BRAIN, "1 − mean squared error on the truth table");

    /** Frames after which a bird's game ends (about 40 pipes), so a perfect bird's fitness is finite. */
    public static final int FLAPPY_MAX_FRAMES = 3000;
    /** Frames a GIF of a Flappy run holds at most (about 25 s). */
    public static final int GIF_MAX_FRAMES = 1500;

    private final String cliName;
    private final int[] brain;
    private final String fitnessDescription;

    EvolveEnv(String cliName, int[] brain, String fitnessDescription) {
        this.cliName = cliName;
        this.brain = brain;
        this.fitnessDescription = fitnessDescription;
    }

    /** The name on the command line. */
    public String cliName() {
        return cliName;
    }

    /** The network shape, inputs first. */
    public int[] brain() {
        return brain.clone();
    }

    /** What the fitness measures, for messages. */
    public String fitnessDescription() {
        return fitnessDescription;
    }

    /** The environment called {@code name} (case-insensitive), or null. */
    public static EvolveEnv byName(String name) {
        for (EvolveEnv e : values()) {
            if (e.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        return null;
    }

    /** The names, comma-separated, for messages. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (EvolveEnv e : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.cliName);
        }
        return sb.toString();
    }

    /** The fitness function the population is evaluated with. */
    public FitnessFunction fitness() {
        return switch (this) {
            case CARTPOLE -> CartPole.fitness(3);
            case FLAPPY -> Flappy.fitness(FLAPPY_MAX_FRAMES);
            case XOR -> new XorTask();
        };
    }

    /** The seed of the showcase run (a start state or pipe sequence evolution never saw). */
    public static long showcaseSeed(long runSeed) {
        return Seeds.derive(runSeed, 0x5EE);
    }

    /** A replay of the best network; for XOR, of the best network of every generation. */
    public Replay replay(NeuralNetwork best, List<NeuralNetwork> generationBests, long runSeed) {
        return switch (this) {
            case CARTPOLE -> new CartPoleReplay(best, showcaseSeed(runSeed));
            case FLAPPY -> new FlappyReplay(best, showcaseSeed(runSeed), FLAPPY_MAX_FRAMES);
            case XOR -> new XorReplay(generationBests);
        };
    }

    /** One line about how the best network does on the showcase run. */
    public String describe(NeuralNetwork best, long runSeed) {
        return switch (this) {
            case CARTPOLE -> "on a new start it balances " + CartPole.balance(best, showcaseSeed(runSeed)) + " of "
                    + CartPole.MAX_STEPS + " steps";
            case FLAPPY -> {
                Flappy.Bird bird = Flappy.playAlone(best, showcaseSeed(runSeed), FLAPPY_MAX_FRAMES);
                yield "on new pipes it flies " + bird.frames() + " frames and passes " + bird.pipesPassed() + " pipes";
            }
            case XOR -> {
                StringBuilder sb = new StringBuilder("XOR outputs");
                for (double[] in : XorTask.INPUTS) {
                    sb.append(String.format(Locale.ROOT, " %.0f%.0f→%.3f", in[0], in[1], best.predict(in)[0]));
                }
                yield sb.append(XorTask.solves(best) ? " (solved)" : " (not solved yet)").toString();
            }
        };
    }
}
