package toynn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import toynn.DataSet;

/**
 * Reads a CSV file (RFC 4180, see {@link CsvParser}; UTF-8; plain or gzip-compressed) into a
 * {@link DataSet}: one label column, every other column an input.
 *
 * <ul>
 *   <li><b>Header.</b> The first row names the columns unless {@link DataOptions#header(boolean)} is false
 *       (then they are called "column 1", "column 2", …).</li>
 *   <li><b>Label.</b> {@link DataOptions#labelColumn(String)} by name or {@link DataOptions#labelColumn(int)}
 *       by index; the last column by default. A name that more than one header has is an error (give the index). Text labels become classes (sorted; one-hot targets); a
 *       numeric label column is a regression target (one target column) unless
 *       {@link DataOptions#classification(Boolean)} says it holds classes (then classes are sorted by value).</li>
 *   <li><b>Column types.</b> A column is numeric when more than half of its filled cells are numbers
 *       (decimal, optional sign and exponent, like {@code -1.5e3}); a cell of a numeric column that is not a
 *       number is an error naming its line and column. Any other column is categorical and becomes one input per
 *       distinct value (sorted), named {@code column=value}, one-hot.</li>
 *   <li><b>Missing values.</b> An empty cell (nothing or only spaces) is an error by default;
 *       {@link MissingValues#SKIP_ROW} drops its row, {@link MissingValues#MEAN} fills it with the column's mean
 *       (numeric) or most frequent value (categorical). An empty label is always an error, except that
 *       {@code SKIP_ROW} drops that row too.</li>
 * </ul>
 * Numbers are stored as float32 (parsed as double, then rounded); values beyond float32's range are an error.
 */
public final class CsvReader {
    /**
     * One-hot encoding may make at most this many values (inputs and targets) per character of the
     * file, or {@link #MIN_VALUE_BOUND}, whichever is larger: a text column with a distinct value in
     * every row (an identifier, free text) would otherwise turn n rows into n² values — gigabytes
     * from a file of a few hundred kilobytes. Real categorical data stays far below (about 3 per character).
     */
    public static final int MAX_VALUES_PER_CHAR = 64;
    /** Data sets up to this many values are never refused for their size. */
    public static final int MIN_VALUE_BOUND = 1 << 20;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private CsvReader() {
    }

    /** Reads {@code file} with default options: header row, label in the last column. */
    public static DataSet read(Path file) throws IOException {
        return read(file, DataOptions.create());
    }

    /**
     * Reads {@code file} (plain or gzip, recognised by its first bytes) as UTF-8 CSV.
     *
     * @throws DataFormatException naming the file, line and column of the first problem
     * @throws IOException when the file cannot be read
     */
    public static DataSet read(Path file, DataOptions options) throws IOException {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(options, "options must not be null (use DataOptions.create())");
        String src = file.toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            return read(new InputStreamReader(in, utf8), src, options);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(src, "not UTF-8 text (" + e + "); save the file as UTF-8", e);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DataFormatException(src, "corrupt or truncated gzip data: " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text from {@code reader}.
     *
     * @param source the name used in messages, e.g. the file path
     */
    public static DataSet read(Reader reader, String source, DataOptions options) throws IOException {
        Objects.requireNonNull(options, "options must not be null (use DataOptions.create())");
        List<CsvParser.Record> records = CsvParser.parseAll(reader, source, options.delimiter());
        if (records.isEmpty()) {
            throw new DataFormatException(source, "no data: the file is empty");
        }
        boolean header = options.header();
        CsvParser.Record first = records.get(0);
        int width = first.fields().size();
        List<String> names = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            names.add(header ? first.fields().get(c).trim() : "column " + (c + 1));
        }
        int start = header ? 1 : 0;
        int rows = records.size() - start;
        if (rows == 0) {
            throw new DataFormatException(source, "no data rows after the header on line " + first.line());
        }
        if (width < 2) {
            throw new DataFormatException(source, "line " + first.line() + ": 1 column; expected at least 2 (inputs and a label)");
        }
        String[][] cells = new String[rows][];
        int[] lines = new int[rows];
        long chars = 0;                                   // the text's size, which bounds the one-hot expansion
        for (int r = 0; r < rows; r++) {
            CsvParser.Record rec = records.get(start + r);
            if (rec.fields().size() != width) {
                throw new DataFormatException(source, "line " + rec.line() + ": " + rec.fields().size() + " fields; expected "
                        + width + " like " + (header ? "the header on line " : "line ") + first.line());
            }
            cells[r] = new String[width];
            for (int c = 0; c < width; c++) {
                cells[r][c] = rec.fields().get(c).trim();
                chars += rec.fields().get(c).length() + 1;
            }
            lines[r] = rec.line();
        }
        records = null;   // let the parsed text go
        int label = labelColumn(names, header, options, source);

        // Column types: numeric when most filled cells are numbers.
        boolean[] numeric = new boolean[width];
        int[] numbers = new int[width];
        int[] filled = new int[width];
        for (String[] row : cells) {
            for (int c = 0; c < width; c++) {
                if (!row[c].isEmpty()) {
                    filled[c]++;
                    if (NUMBER.matcher(row[c]).matches()) {
                        numbers[c]++;
                    }
                }
            }
        }
        for (int c = 0; c < width; c++) {
            numeric[c] = filled[c] > 0 && 2L * numbers[c] > filled[c];
        }
        boolean classification = options.classification() != null ? options.classification() : !numeric[label];
        if (!classification) {
            numeric[label] = true;    // regression: every label must be a number
        }

        // One pass in reading order: empty cells and bad numbers, first problem first.
        MissingValues policy = options.missingValues();
        boolean[] keep = new boolean[rows];
        double[][] values = new double[rows][width];
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            boolean ok = true;
            for (int c = 0; c < width; c++) {
                String cell = cells[r][c];
                if (cell.isEmpty()) {
                    if (policy == MissingValues.SKIP_ROW) {
                        ok = false;
                    } else if (c == label) {
                        throw new DataFormatException(source, where(lines[r], c, names, header)
                                + ": empty label; every row needs a label (MissingValues.SKIP_ROW drops such rows)");
                    } else if (policy == MissingValues.ERROR) {
                        throw new DataFormatException(source, where(lines[r], c, names, header)
                                + ": empty cell; missing values are an error by default "
                                + "(MissingValues.SKIP_ROW drops such rows, MEAN fills them)");
                    }
                    values[r][c] = Double.NaN;
                } else if (numeric[c] && !(c == label && classification)) {
                    values[r][c] = parse(cell, lines[r], c, names, header, numbers[c], filled[c], source,
                            c == label);
                }
            }
            keep[r] = ok;
            if (ok) {
                kept++;
            }
        }
        if (kept == 0) {
            throw new DataFormatException(source, "every row has an empty cell, so MissingValues.SKIP_ROW left no data");
        }

        // Fill values (MEAN) from the kept rows.
        double[] fill = new double[width];
        String[] fillText = new String[width];
        if (policy == MissingValues.MEAN) {
            for (int c = 0; c < width; c++) {
                if (c == label) {
                    continue;
                }
                if (numeric[c]) {
                    double sum = 0;
                    int n = 0;
                    for (int r = 0; r < rows; r++) {
                        if (keep[r] && !Double.isNaN(values[r][c])) {
                            sum += values[r][c];
                            n++;
                        }
                    }
                    if (n == 0) {
                        throw new DataFormatException(source, "column " + (c + 1) + " (\"" + names.get(c)
                                + "\") is empty in every row, so there is no mean to fill it with");
                    }
                    fill[c] = sum / n;
                } else {
                    Map<String, Integer> counts = new HashMap<>();
                    for (int r = 0; r < rows; r++) {
                        if (keep[r] && !cells[r][c].isEmpty()) {
                            counts.merge(cells[r][c], 1, Integer::sum);
                        }
                    }
                    if (counts.isEmpty()) {
                        throw new DataFormatException(source, "column " + (c + 1) + " (\"" + names.get(c)
                                + "\") is empty in every row, so there is no most frequent value to fill it with");
                    }
                    String best = null;
                    for (String v : new TreeSet<>(counts.keySet())) {
                        if (best == null || counts.get(v) > counts.get(best)) {
                            best = v;
                        }
                    }
                    fillText[c] = best;
                }
            }
        }

        // Categories of categorical inputs and the classes.
        List<List<String>> categories = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            if (numeric[c] || c == label) {      // numeric inputs and the label have no categories
                categories.add(List.of());
                continue;
            }
            TreeSet<String> distinct = new TreeSet<>();
            for (int r = 0; r < rows; r++) {
                if (keep[r]) {
                    distinct.add(cells[r][c].isEmpty() ? fillText[c] : cells[r][c]);
                }
            }
            categories.add(new ArrayList<>(distinct));
        }
        List<String> classNames = List.of();
        if (classification) {
            boolean allNumbers = true;
            for (int r = 0; r < rows; r++) {
                allNumbers &= !keep[r] || NUMBER.matcher(cells[r][label]).matches();
            }
            TreeSet<String> distinct = new TreeSet<>(allNumbers ? NUMERIC_ORDER : Comparator.naturalOrder());
            for (int r = 0; r < rows; r++) {
                if (keep[r]) {
                    distinct.add(cells[r][label]);
                }
            }
            classNames = new ArrayList<>(distinct);
        }

        // Input layout: one column per numeric input, one per category of a categorical input.
        int inputSize = 0;
        List<String> columnNames = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (c == label) {
                continue;
            }
            if (numeric[c]) {
                columnNames.add(names.get(c));
                inputSize++;
            } else {
                for (String v : categories.get(c)) {
                    columnNames.add(names.get(c) + "=" + v);
                    inputSize++;
                }
            }
        }
        int targetSize = classification ? classNames.size() : 1;
        if ((long) kept * Math.max(inputSize, targetSize) > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(source, kept + " rows × " + inputSize + " inputs do not fit in one array");
        }
        checkExpansion(source, kept, inputSize, targetSize, chars, categories, classNames, names, label);
        Map<String, Integer> classIndex = new HashMap<>();
        for (int k = 0; k < classNames.size(); k++) {
            classIndex.put(classNames.get(k), k);
        }
        float[] inputs = new float[kept * inputSize];      // (kept, inputSize)
        float[] targets = new float[kept * targetSize];    // (kept, targetSize)
        int out = 0;
        for (int r = 0; r < rows; r++) {
            if (!keep[r]) {
                continue;
            }
            int o = out * inputSize;
            for (int c = 0; c < width; c++) {
                if (c == label) {
                    if (classification) {
                        targets[out * targetSize + classIndex.get(cells[r][c])] = 1f;
                    } else {
                        targets[out] = (float) values[r][c];
                    }
                } else if (numeric[c]) {
                    double v = values[r][c];
                    inputs[o++] = (float) (Double.isNaN(v) ? fill[c] : v);
                } else {
                    String v = cells[r][c].isEmpty() ? fillText[c] : cells[r][c];
                    List<String> cats = categories.get(c);
                    inputs[o + java.util.Collections.binarySearch(cats, v)] = 1f;
                    o += cats.size();
                }
            }
            out++;
        }
        if (inputSize == 0) {
            throw new DataFormatException(source, "no input columns besides the label column " + (label + 1));
        }
        return DataSet.of(inputs, targets, kept, inputSize, targetSize, classNames, columnNames);
    }

    /** Refuses one-hot data far larger than the text it came from, naming the column with the most values. */
    private static void checkExpansion(String source, int kept, int inputSize, int targetSize, long chars,
                                       List<List<String>> categories, List<String> classNames, List<String> names,
                                       int label) {
        long values = (long) kept * (inputSize + targetSize);
        if (values <= Math.max(MIN_VALUE_BOUND, MAX_VALUES_PER_CHAR * chars)) {
            return;
        }
        int worst = label;
        int most = classNames.size();
        for (int c = 0; c < categories.size(); c++) {
            if (categories.get(c).size() > most) {
                worst = c;
                most = categories.get(c).size();
            }
        }
        throw new DataFormatException(source, kept + " rows × " + (inputSize + targetSize) + " one-hot inputs and targets"
                + " would be " + values + " values from " + chars + " characters of text: column " + (worst + 1) + " (\""
                + names.get(worst) + "\") has " + most + " distinct text values" + (worst == label ? " (classes)" : "")
                + ", one input each; it looks like an identifier or free text — drop that column"
                + (worst == label ? " or choose another label column" : ""));
    }

    /** Orders numeric class labels by value ("2" before "10"), then by text for equal values ("1" before "1.0"). */
    private static final Comparator<String> NUMERIC_ORDER =
            Comparator.<String>comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder());

    private static double parse(String cell, int line, int c, List<String> names, boolean header, int numbers,
                                int filled, String source, boolean isLabel) {
        if (!NUMBER.matcher(cell).matches()) {
            String why = isLabel
                    ? "a regression label must be a number (set DataOptions.classification(true) for classes)"
                    : "the column is numeric: " + numbers + " of its " + filled + " filled cells are numbers";
            throw new DataFormatException(source, where(line, c, names, header) + ": \"" + shorten(cell)
                    + "\" is not a number (" + why + ")");
        }
        double v = Double.parseDouble(cell);
        if (Math.abs(v) > Float.MAX_VALUE) {
            throw new DataFormatException(source, where(line, c, names, header) + ": " + cell
                    + " is too large for float32 (largest " + Float.MAX_VALUE + ")");
        }
        return v;
    }

    private static String where(int line, int c, List<String> names, boolean header) {
        return "line " + line + ", column " + (c + 1) + (header ? " (\"" + names.get(c) + "\")" : "");
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static int labelColumn(List<String> names, boolean header, DataOptions options, String source) {
        int width = names.size();
        String name = options.labelColumnName();
        int index = options.labelColumnIndex();
        if (name != null) {
            if (header) {
                int found = names.indexOf(name.trim());
                if (found >= 0 && names.lastIndexOf(name.trim()) != found) {   // which one is meant cannot be guessed
                    StringBuilder at = new StringBuilder();
                    for (int c = found; c < width; c++) {
                        if (names.get(c).equals(name.trim())) {
                            at.append(at.length() == 0 ? "" : ", ").append(c + 1);
                        }
                    }
                    throw new DataFormatException(source, "the label column \"" + name.trim() + "\" is ambiguous: columns "
                            + at + " all have that name; give its index instead (0 = first column, -1 = last)");
                }
                if (found >= 0) {
                    return found;
                }
            }
            if (!INTEGER.matcher(name.trim()).matches()) {
                throw new DataFormatException(source, header
                        ? "no column is named \"" + name + "\"; the columns are " + names
                        : "the label column \"" + name + "\" is given by name, but the file has no header; "
                                + "give its index instead (0 = first column, -1 = last)");
            }
            try {
                index = Integer.parseInt(name.trim());
            } catch (NumberFormatException e) {           // a whole number beyond int: outside any file's columns
                throw new DataFormatException(source, outsideColumns(name.trim(), width), e);
            }
        }
        int resolved = index < 0 ? width + index : index;
        if (resolved < 0 || resolved >= width) {
            throw new DataFormatException(source, outsideColumns(String.valueOf(index), width));
        }
        return resolved;
    }

    private static String outsideColumns(String index, int width) {
        return "label column index " + index + " is outside the " + width + " columns; expected 0 to " + (width - 1)
                + " (or -1 to -" + width + " from the end)";
    }
}
