package toynn.cli;

/**
 * An error the user can fix: bad arguments, a missing or malformed file, data that does not fit
 * the model. Its message is the whole one-line report — what is wrong and how to fix it.
 */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with its one-line message. */
    public CliException(String message) {
        super(message);
    }

    /** An error with its one-line message and the exception behind it (shown with {@code --debug}). */
    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
