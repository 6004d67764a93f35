package toynn.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * While training runs, a Ctrl-C (or kill) prints how to continue: the checkpoint on disk is the last
 * complete one, because checkpoints are written atomically.
 */
final class InterruptHint implements AutoCloseable {
    private final Thread hook;

    InterruptHint(PrintStream err, Path checkpoint, boolean checkpoints) {
        hook = new Thread(() -> {
            if (checkpoints && Files.exists(checkpoint)) {
                err.println("toynn: interrupted; continue with: toynn train --resume " + checkpoint);
            } else {
                err.println("toynn: interrupted before the first checkpoint; nothing was saved");
            }
            err.flush();
        }, "toynn-interrupt-hint");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Training ended: no hint needed any more. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs
        }
    }
}
