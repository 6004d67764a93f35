package toynn.data;

import java.util.Locale;

/**
 * What {@link CsvReader} does with an empty cell (nothing, or only spaces, between two delimiters).
 * The default is {@link #ERROR}: data is never filled in silently.
 */
public enum MissingValues {
    /** Stop with a {@link DataFormatException} naming the line and column of the first empty cell (the default). */
    ERROR,
    /** Drop every row that has an empty cell. */
    SKIP_ROW,
    /**
     * Fill an empty numeric cell with the mean of that column's other cells, and an empty
     * categorical cell with the column's most frequent value (ties: the first in sorted order).
     * An empty label cell is still an error. The fill values come from the whole file, before any
     * train/test split.
     */
    MEAN;

    /** The policy named {@code error}, {@code skip} / {@code skip_row} or {@code mean} (case-insensitive). */
    public static MissingValues byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (key) {
            case "error":
                return ERROR;
            case "skip":
            case "skip_row":
                return SKIP_ROW;
            case "mean":
                return MEAN;
            default:
                throw new IllegalArgumentException("unknown missing-value policy '" + name
                        + "'; expected error, skip or mean");
        }
    }
}
