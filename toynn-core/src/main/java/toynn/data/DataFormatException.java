package toynn.data;

/**
 * A data file that cannot be read as data: a wrong magic number, a header that does not match the
 * bytes present, a truncated file, a cell that is not a number. The message starts with the file
 * and says where (line and column, or byte offset), what was found and what was expected, e.g.
 * {@code data/iris.csv: line 7, column 3 ("petal_length"): "abc" is not a number}.
 */
public class DataFormatException extends IllegalArgumentException {
    /** An exception whose message is {@code source + ": " + detail}. */
    public DataFormatException(String source, String detail) {
        super(source + ": " + detail);
    }

    /** As {@link #DataFormatException(String, String)}, keeping the low-level cause. */
    public DataFormatException(String source, String detail, Throwable cause) {
        super(source + ": " + detail, cause);
    }
}
