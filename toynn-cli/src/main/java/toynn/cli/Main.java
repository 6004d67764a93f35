package toynn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code toynn} command. Each subcommand lives in its own class; with no subcommand the
 * main job runs.
 */
@Command(name = "toynn", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "ToyNN: train, evaluate and explore small neural networks.",
        subcommands = {DemoCommand.class, EvolveCommand.class, ExportCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line in this process and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        return cl.execute(args);
    }

    @Override
    public void run() {
        new DemoCommand().run();
    }
}
