package toynn.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import toynn.cli.train.Checkpointer;

/**
 * While training runs, a Ctrl-C (SIGINT, or a plain kill's SIGTERM) saves the last completed epoch as
 * the checkpoint, if it is not on disk yet, and prints how to continue. Checkpoints are written
 * atomically, so the file is always a complete one. (SIGKILL runs no code: then the last checkpoint
 * written every {@code --checkpoint-every} epochs is what is left.)
 */
final class InterruptHint implements AutoCloseable {
    private final Thread hook;

    InterruptHint(PrintStream err, Checkpointer checkpointer) {
        hook = new Thread(() -> {
            boolean saved;
            try {
                saved = checkpointer.writeLatest();
            } catch (UncheckedIOException e) {
                err.println("toynn: interrupted; saving the checkpoint failed: " + e.getCause().getMessage());
                saved = false;
            }
            if (saved) {
                err.println("toynn: interrupted; continue with: toynn train --resume " + checkpointer.file());
            } else if (checkpointer.enabled()) {
                err.println("toynn: interrupted before the first epoch ended; nothing was saved");
            } else {
                err.println("toynn: interrupted; checkpoints are off (--checkpoint-every 0), nothing was saved");
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
