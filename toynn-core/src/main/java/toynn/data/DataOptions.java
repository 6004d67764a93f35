package toynn.data;

import java.util.List;
import java.util.Objects;

/**
 * How to read and split data: plain settings with fluent setters, e.g.
 * <pre>{@code
 * DataOptions o = DataOptions.create().labelColumn("species").testFraction(0.25).seed(7);
 * TrainTest data = DataSources.load("csv:flowers.csv", o);
 * }</pre>
 * Defaults: seed 42, test fraction 0.2, CSV with a header row, comma-separated, label = last
 * column, classification decided by the label column (text → classes, numbers → regression),
 * empty cells are an error ({@link MissingValues#ERROR}), no limit on examples, class names from
 * the data.
 */
public final class DataOptions {
    /** The seed used when none is set. */
    public static final long DEFAULT_SEED = 42;
    /** The test fraction used when none is set. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    private long seed = DEFAULT_SEED;
    private double testFraction = DEFAULT_TEST_FRACTION;
    private String labelColumnName;
    private int labelColumnIndex = -1;
    private boolean header = true;
    private Boolean classification;
    private MissingValues missingValues = MissingValues.ERROR;
    private char delimiter = ',';
    private int limit;
    private List<String> classNames;

    private DataOptions() {
    }

    /** Options with all defaults. */
    public static DataOptions create() {
        return new DataOptions();
    }

    /** Seed of shuffles and splits (default 42). */
    public DataOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /**
     * Share of examples held out as the test set when a source has no test set of its own
     * (default 0.2); strictly between 0 and 1.
     */
    public DataOptions testFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("test fraction must be strictly between 0 and 1, got " + fraction);
        }
        this.testFraction = fraction;
        return this;
    }

    /** The test fraction. */
    public double testFraction() {
        return testFraction;
    }

    /**
     * The CSV label column by its header name. When no column has this name and the text is a
     * whole number, it is used as an index (see {@link #labelColumn(int)}), so command-line values
     * like {@code --label 4} work too.
     */
    public DataOptions labelColumn(String name) {
        this.labelColumnName = Objects.requireNonNull(name, "label column name must not be null");
        return this;
    }

    /** The CSV label column by index: 0 is the first column, −1 the last (the default), −2 the one before. */
    public DataOptions labelColumn(int index) {
        this.labelColumnName = null;
        this.labelColumnIndex = index;
        return this;
    }

    /** The label column's name, or null when it is given by index. */
    public String labelColumnName() {
        return labelColumnName;
    }

    /** The label column's index (used when {@link #labelColumnName()} is null). */
    public int labelColumnIndex() {
        return labelColumnIndex;
    }

    /** Whether the CSV's first row names the columns (default true). */
    public DataOptions header(boolean hasHeader) {
        this.header = hasHeader;
        return this;
    }

    /** Whether the CSV has a header row. */
    public boolean header() {
        return header;
    }

    /**
     * {@code true}: the labels are classes even when they are numbers (e.g. digits 0–9);
     * {@code false}: the label column is a regression target; {@code null} (default): text labels
     * are classes, numeric labels are regression targets.
     */
    public DataOptions classification(Boolean classification) {
        this.classification = classification;
        return this;
    }

    /** The task setting; null means decided by the label column. */
    public Boolean classification() {
        return classification;
    }

    /** What to do with empty CSV cells (default {@link MissingValues#ERROR}). */
    public DataOptions missingValues(MissingValues policy) {
        this.missingValues = Objects.requireNonNull(policy, "missing-value policy must not be null");
        return this;
    }

    /** The missing-value policy. */
    public MissingValues missingValues() {
        return missingValues;
    }

    /** The CSV field separator (default {@code ','}; e.g. {@code ';'} or {@code '\t'}). */
    public DataOptions delimiter(char delimiter) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break, got "
                    + (delimiter == '"' ? "'\"'" : "a line break"));
        }
        this.delimiter = delimiter;
        return this;
    }

    /** The CSV field separator. */
    public char delimiter() {
        return delimiter;
    }

    /**
     * Reads at most this many examples from each IDX or .npy file (0, the default, means all) —
     * for quick experiments on large sets.
     */
    public DataOptions limit(int maxExamples) {
        if (maxExamples < 0) {
            throw new IllegalArgumentException("limit must be 0 (no limit) or positive, got " + maxExamples);
        }
        this.limit = maxExamples;
        return this;
    }

    /** The per-file example limit; 0 means none. */
    public int limit() {
        return limit;
    }

    /**
     * Names for integer labels 0, 1, 2, … of IDX and .npy label files (default: the labels'
     * digits, "0", "1", …); {@code null} for the default.
     *
     * @throws IllegalArgumentException when a name is null
     */
    public DataOptions classNames(List<String> names) {
        for (int i = 0; names != null && i < names.size(); i++) {   // (List.copyOf would throw a bare NullPointerException;
            if (names.get(i) == null) {                              // List.of(…).contains(null) throws one too)
                throw new IllegalArgumentException("class name " + i + " is null; expected a name for each label, got "
                        + names);
            }
        }
        this.classNames = names == null ? null : List.copyOf(names);
        return this;
    }

    /** The class names for integer labels, or null for the defaults. */
    public List<String> classNames() {
        return classNames;
    }
}
