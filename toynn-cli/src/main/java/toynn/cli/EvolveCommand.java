package toynn.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;
import toynn.NeuralNetwork;
import toynn.cli.evolve.EvolveEnv;
import toynn.cli.evolve.FitnessChart;
import toynn.cli.evolve.GifWriter;
import toynn.cli.evolve.WatchWindow;
import toynn.evolve.Crossover;
import toynn.evolve.GenerationStats;
import toynn.evolve.Population;
import toynn.evolve.Selection;

/**
 * {@code toynn evolve ENV}: neuroevolution from the command line. Evolves a population against
 * cartpole, flappy or xor, shows progress (or JSON lines), and writes {@code best.json} and
 * {@code fitness.png} into {@code --out}; {@code --watch} plays the best network.
 */
@Command(name = "evolve", mixinStandardHelpOptions = true,
        description = {"Evolves networks with a genetic algorithm (no gradients) and plays the best one.",
            "ENV: cartpole (pole balancing), flappy (the Coding Train's Flappy Bird), xor.",
            "Writes best.json (the best network) and fitness.png (best and mean per generation) into --out."})
public final class EvolveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ENV", description = "cartpole, flappy or xor")
    String env;

    @Option(names = "--population", defaultValue = "500", description = "Networks per generation (default ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--generations", defaultValue = "100", description = "Generations (default ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the whole run (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Threads that evaluate fitness (default: the machine's cores). "
            + "The result does not depend on it.")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object per generation and a last \"done\" line instead of a progress bar.")
    boolean json;

    @Option(names = "--out", defaultValue = "toynn-out", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--watch", description = "Play the best network: a window where there is a display, else best-run.gif in --out.")
    boolean watch;

    @Option(names = "--selection", defaultValue = "tournament", paramLabel = "pool|tournament",
            description = "Parent selection: the Coding Train's fitness-proportionate pool, or tournament (default ${DEFAULT-VALUE}).")
    String selection;

    /** The tournament size when none is given; a population of 2 gets 2 (a larger one is refused). */
    private static final int DEFAULT_TOURNAMENT = 3;

    @Option(names = "--tournament-size", description = "Tournament size, from 1 to --population "
            + "(default " + DEFAULT_TOURNAMENT + ", or the population when smaller).")
    Integer tournamentSize;

    @Option(names = "--elitism", defaultValue = "2", description = "Fittest networks copied unchanged (default ${DEFAULT-VALUE}).")
    int elitism;

    @Option(names = "--crossover", defaultValue = "none", paramLabel = "none|uniform|single-point",
            description = "How a child mixes two parents (default ${DEFAULT-VALUE}: a copy of one).")
    String crossover;

    @Option(names = "--mutation-rate", defaultValue = "0.1", description = "Chance that a weight mutates (default ${DEFAULT-VALUE}).")
    double mutationRate;

    @Option(names = "--mutation-sigma", defaultValue = "0.5", description = "Std of a weight's mutation (default ${DEFAULT-VALUE}).")
    double mutationSigma;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Score the networks on Apache Spark at MASTER, "
            + "e.g. local[2] or spark://host:7077 (needs toynn-spark; ./toynn adds it). The run is the same as without it.")
    String spark;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = main.out();                    // Main.run(out, err, …)'s streams, as every command
        PrintStream stderr = main.err();
        Settings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        try {
            return run(s, stdout, stderr);
        } catch (FileSystemException e) {
            throw new CliException(ErrorHandler.describe(e), e);   // its message is only the path: say what is wrong with it
        } catch (IOException e) {
            throw new CliException("cannot write to " + out + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {                     // the population is garbage again once this unwinds
            throw new CliException("out of memory (" + e.getMessage() + ") with --population " + population
                    + " networks " + shape(s.env().brain()) + " on " + s.threads() + " threads (Java heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); use a smaller --population or "
                    + "--threads, or give Java more memory (java -Xmx…)", e);
        }
    }

    /**
     * Bytes a network takes besides its parameters (objects, array headers, lock); measured about 600
     * for a 2-4-1 network, so this keeps the estimate below the real need.
     */
    private static final long NETWORK_OVERHEAD_BYTES = 512;

    /** A lower bound of the heap a run needs: two generations (breeding holds both) of float32 networks. */
    private long bytesNeeded(EvolveEnv e) {
        long parameters = 0;
        int[] b = e.brain();
        for (int i = 0; i + 1 < b.length; i++) {
            parameters += (long) b[i] * b[i + 1] + b[i + 1];
        }
        return 2L * population * (4 * parameters + NETWORK_OVERHEAD_BYTES);
    }

    private String tooBig(EvolveEnv e) {
        return "--population " + population + " networks " + shape(e.brain()) + " do not fit in memory (Java heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); use a smaller --population or give Java "
                + "more memory (java -Xmx…)";
    }

    /** The checked settings of one run. */
    private record Settings(EvolveEnv env, Selection selection, Crossover crossover, int threads) {
    }

    /** Checks what picocli cannot: the environment, value ranges, unknown options. */
    private Settings settings() {
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            throw new IllegalArgumentException(first.startsWith("-")
                    ? "unknown option '" + first + "'; see toynn evolve --help"
                    : "unexpected argument '" + first + "'; toynn evolve takes one ENV (" + EvolveEnv.names() + ")");
        }
        EvolveEnv e = EvolveEnv.byName(env);
        if (e == null) {
            throw new IllegalArgumentException("unknown environment '" + env + "'; expected one of " + EvolveEnv.names());
        }
        if (population < 2) {
            throw new IllegalArgumentException("--population must be at least 2, got " + population);
        }
        if (bytesNeeded(e) > Runtime.getRuntime().maxMemory()) {
            throw new IllegalArgumentException(tooBig(e));             // before anything is allocated
        }
        if (generations < 1) {
            throw new IllegalArgumentException("--generations must be at least 1, got " + generations);
        }
        int t = threads == null ? Math.min(Runtime.getRuntime().availableProcessors(), Population.MAX_THREADS) : threads;
        if (t < 1 || t > Population.MAX_THREADS) {
            throw new IllegalArgumentException("--threads must be from 1 to " + Population.MAX_THREADS + ", got " + t);
        }
        if (elitism < 0 || elitism >= population) {
            throw new IllegalArgumentException("--elitism must be between 0 and population − 1 (" + (population - 1)
                    + "), got " + elitism);
        }
        if (!(mutationRate >= 0 && mutationRate <= 1)) {
            throw new IllegalArgumentException("--mutation-rate must be in [0, 1], got " + mutationRate);
        }
        if (!(mutationSigma >= 0) || !Double.isFinite(mutationSigma)) {
            throw new IllegalArgumentException("--mutation-sigma must be a finite number >= 0, got " + mutationSigma);
        }
        Selection sel = switch (selection.toLowerCase(Locale.ROOT)) {
            case "pool" -> Selection.pool();
            case "tournament" -> {
                int k = tournamentSize != null ? tournamentSize : Math.min(DEFAULT_TOURNAMENT, population);
                if (k < 1 || k > population) {   // k draws per pick: more gains nothing
                    throw new IllegalArgumentException("--tournament-size must be from 1 to the population size "
                            + population + ", got " + k);
                }
                yield Selection.tournament(k);
            }
            default -> throw new IllegalArgumentException("unknown --selection '" + selection + "'; expected pool or tournament");
        };
        Crossover cx = switch (crossover.toLowerCase(Locale.ROOT)) {
            case "none" -> Crossover.NONE;
            case "uniform" -> Crossover.UNIFORM;
            case "single-point" -> Crossover.SINGLE_POINT;
            default -> throw new IllegalArgumentException("unknown --crossover '" + crossover
                    + "'; expected none, uniform or single-point");
        };
        return new Settings(e, sel, cx, t);
    }

    private int run(Settings s, PrintStream stdout, PrintStream stderr) throws IOException, InterruptedException {
        OutputFolder.make(out);
        if (spark == null) {
            return run(s, null, stdout, stderr);
        }
        try (SparkRunner runner = SparkRunner.open(spark)) {
            return run(s, runner, stdout, stderr);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** Evolves, scoring on {@code runner}'s cluster when it is not null. */
    private int run(Settings s, SparkRunner runner, PrintStream stdout, PrintStream stderr)
            throws IOException, InterruptedException {
        Gson gson = new Gson();
        List<NeuralNetwork> generationBests = new ArrayList<>();
        long start = System.nanoTime();
        try (Population pop = new Population(population, seed, s.env().brain()).selection(s.selection())
                .crossover(s.crossover()).elitism(elitism).mutation(mutationRate, mutationSigma).threads(s.threads())) {
            if (watch && s.env() == EvolveEnv.XOR) {
                pop.addListener(st -> generationBests.add(pop.networks().get(st.bestIndex()).copy()));
            }
            if (json) {
                pop.addListener(st -> stdout.println(gson.toJson(generationEvent(st))));
                evolve(pop, s.env(), runner);
            } else {
                stdout.printf(Locale.ROOT, "Evolving %s: %d networks %s, %d generations, seed %d, %s, %s%n",
                        s.env().cliName(), population, shape(s.env().brain()), generations, seed, s.selection(),
                        runner != null ? runner.describe() : s.threads() + " thread" + (s.threads() == 1 ? "" : "s"));
                stdout.println("Fitness: " + s.env().fitnessDescription());
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("evolve " + s.env().cliName())
                        .setInitialMax(generations).setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(stderr)).build()) {
                    pop.addListener(st -> {
                        bar.step();
                        bar.setExtraMessage(String.format(Locale.ROOT, " best %.4g mean %.4g", st.best(), st.mean()));
                    });
                    evolve(pop, s.env(), runner);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            NeuralNetwork best = pop.best();
            Path model = out.resolve("best.json");
            pop.saveBest(model);
            Path chart = out.resolve("fitness.png");
            FitnessChart.write(pop.history(), "toynn evolve " + s.env().cliName() + " (seed " + seed + ")", chart, 800, 500);
            String describe = s.env().describe(best, seed);
            if (!json) {
                stdout.printf(Locale.ROOT, "Best fitness %.6g (generation %d) in %.1f s; %s%n", pop.bestFitness(),
                        pop.bestGeneration(), seconds, describe);
                stdout.println("Wrote " + model + " and " + chart);
            }
            boolean window = watch && !GraphicsEnvironment.isHeadless();
            if (watch && !window) {
                Path gif = out.resolve("best-run.gif");
                int frames = GifWriter.write(s.env().replay(best, generationBests, seed), gif, 480, 320,
                        EvolveEnv.GIF_MAX_FRAMES);
                if (json) {
                    JsonObject o = new JsonObject();
                    o.addProperty("event", "watch");
                    o.addProperty("display", false);
                    o.addProperty("gif", gif.toString());                // as --out was given, as "model" is
                    o.addProperty("frames", frames);
                    stdout.println(gson.toJson(o));
                } else {
                    stdout.println("No display here, so instead of a window: wrote the best run as " + gif + " ("
                            + frames + " frames)");
                }
            }
            if (json) {
                JsonObject done = new JsonObject();
                done.addProperty("event", "done");
                done.addProperty("best_fitness", pop.bestFitness());
                done.addProperty("generations", pop.history().size());
                done.addProperty("model", model.toString());          // as --out was given, as train prints it
                stdout.println(gson.toJson(done));
            }
            stdout.flush();
            if (window) {
                if (!json) {
                    stdout.println("Playing the best network in a window; close it to finish.");
                }
                WatchWindow.showAndWait("toynn evolve " + s.env().cliName() + " — best network",
                        () -> s.env().replay(best, generationBests, seed), 720, 480);
            }
        }
        return 0;
    }

    /** Runs the generations: on this machine's threads, or scored on the Spark cluster (the same run). */
    private void evolve(Population pop, EvolveEnv env, SparkRunner runner) {
        if (runner == null) {
            pop.evolve(env.fitness(), generations);
        } else {
            pop.evolveTogether(runner.populationFitness(env), generations);
        }
    }

    private static JsonObject generationEvent(GenerationStats st) {
        JsonObject o = new JsonObject();
        o.addProperty("event", "generation");
        o.addProperty("generation", st.generation());
        o.addProperty("best_fitness", st.best());
        o.addProperty("mean_fitness", st.mean());
        o.addProperty("worst_fitness", st.worst());
        o.addProperty("diversity", st.diversity());
        return o;
    }

    private static String shape(int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            sb.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        return sb.toString();
    }
}
