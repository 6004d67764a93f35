package toynn.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code toynn} command. Each subcommand lives in its own class and is listed in
 * {@code subcommands} below; with no subcommand, {@code toynn} runs its main job, {@code train}
 * with its defaults (the bundled digits).
 *
 * <p>Errors: every failure is one line on stderr saying what went wrong and how to fix it, exit code
 * 2 ({@link ErrorHandler}); {@code --debug} adds the stack trace.
 */
@Command(name = "toynn", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"ToyNN: train, evaluate and explore small neural networks.",
            "With no command: 'toynn train' with its defaults (the bundled digits). Errors: one line, exit code 2."},
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            ConvertCommand.class,
            InspectCommand.class,
            DemoCommand.class,
            EvolveCommand.class,
            ExportCommand.class,
            BenchCommand.class,
            HelpCommand.class,
        })
public final class Main implements Callable<Integer> {
    /** Exit code of every error: bad arguments, bad files, bad data. */
    public static final int EXIT_ERROR = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On errors, print the stack trace as well as the one-line message.")
    boolean debug;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    /** A command line writing to System.out and System.err (as they are now). */
    public Main() {
        this(System.out, System.err);
    }

    /** A command line writing to the given streams. */
    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        if (computes(args)) {
            toynn.kernels.Kernels.prepare();    // kernels set up and JIT-compiled in the background while we parse and load
        }
        System.exit(run(args));
    }

    /**
     * Whether the command line will train or predict, so that {@link toynn.kernels.Kernels#prepare()} is
     * worth its third of a second of the second core: not for help, the version, or the commands that
     * only read, convert or describe files.
     */
    static boolean computes(String... args) {
        List<String> list = Arrays.asList(args);
        if (list.contains("--help") || list.contains("-h") || list.contains("--version") || list.contains("-V")) {
            return false;
        }
        for (String a : args) {
            if (!a.startsWith("-")) {
                return !DESCRIBING.contains(a);                    // the subcommand (or an option's value: computes)
            }
        }
        return true;                                             // no command: the demo
    }

    private static final Set<String> DESCRIBING = Set.of("convert", "inspect", "export", "help");

    /** Runs the command line in this process on System.out / System.err and returns the exit code. */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /** Runs the command line in this process on the given streams and returns the exit code (for tests). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");   // plots are drawn off-screen
        }
        Main main = new Main(out, err);
        CommandLine cl = new CommandLine(main);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        ErrorHandler handler = new ErrorHandler(main);
        cl.setParameterExceptionHandler(handler);
        cl.setExecutionExceptionHandler(handler);
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {        // picocli passes Errors on; too large a network, batch or population
            code = handler.handleOutOfMemory(e, args);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Where commands print their results. */
    PrintStream out() {
        return out;
    }

    /** Where commands print progress and messages that are not results. */
    PrintStream err() {
        return err;
    }

    /** Whether {@code --debug} was given. */
    boolean debug() {
        return debug;
    }

    /** No subcommand: the main job. */
    @Override
    public Integer call() {
        CommandLine train = spec.commandLine().getSubcommands().get("train");
        return train.execute(debug ? new String[] {"--debug"} : new String[0]);
    }
}
