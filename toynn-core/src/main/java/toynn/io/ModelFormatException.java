package toynn.io;

/**
 * A model file that cannot be read: malformed JSON, a missing or mistyped field, sizes that do not
 * fit together, or values that are not finite. The message says where and what was expected.
 */
public class ModelFormatException extends IllegalArgumentException {
    /** An exception with a message naming what was wrong and what was expected. */
    public ModelFormatException(String message) {
        super(message);
    }

    /** As {@link #ModelFormatException(String)}, keeping the low-level cause. */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
