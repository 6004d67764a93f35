package toynn.cli.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import toynn.NeuralNetwork;
import toynn.cli.CliException;
import toynn.data.CsvParser;
import toynn.data.DataFormatException;

/**
 * Raw rows of a CSV file read by its header, for a model that knows its input columns: a file in the
 * layout of the training file ({@code sepal,color,species} for inputs {@code sepal, color=blue, color=red})
 * gives each row as a map from the model's raw column names to the cells, for
 * {@link toynn.NeuralNetwork#predict(java.util.Map)}. Header columns the model does not use (the label, an id)
 * are ignored: every column the model needs must be named exactly, so an ignored column can never stand in
 * for one. Each cell the model uses is checked here so that an error names its line and column.
 */
public final class NamedCsvRows {
    /** One row: its line in the file and the model's raw columns' cells. */
    public record Row(int line, Map<String, String> values) {
    }

    /** The rows, and the header's columns the model does not use (in file order). */
    public record Result(List<Row> rows, List<String> ignored) {
    }

    private NamedCsvRows() {
    }

    /**
     * Reads {@code path} by its header when the model's {@link NeuralNetwork#inputColumns()} are known and the
     * first line is a header naming at least one of their raw columns ({@link NeuralNetwork#rawInputColumns()});
     * otherwise returns null (read it as numbers, as before). A header that is exactly the input columns (an
     * already one-hot file) is also left to the numeric reading.
     *
     * @throws CliException naming the file, line and column for a missing column, a repeated header name, a row
     *                      of the wrong length, a non-number in a numeric column or a category not seen in training
     */
    public static Result read(Path path, NeuralNetwork nn) throws IOException {
        List<String> inputColumns = nn.inputColumns();
        if (inputColumns.isEmpty() || Files.isDirectory(path)) {
            return null;                          // (NumberRows names a directory)
        }
        Map<String, List<String>> raw = nn.rawInputColumns();       // column -> categories, empty when numeric
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            CsvParser parser = new CsvParser(r, path.toString(), ',');
            CsvParser.Record first = parser.next();
            if (first == null) {
                return null;
            }
            List<String> header = new ArrayList<>();
            for (String cell : first.fields()) {
                header.add(cell.strip());
            }
            if (!isHeader(header) || header.equals(inputColumns)
                    || header.stream().noneMatch(raw::containsKey)) {
                return null;
            }
            Map<String, Integer> index = new HashMap<>();
            List<String> ignored = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                if (index.put(name, i) != null) {
                    throw new CliException(path + " line " + first.line() + ", column " + (i + 1) + ": \"" + name
                            + "\" appears twice in the header; expected each column once");
                }
                if (!raw.containsKey(name)) {
                    ignored.add(name);
                }
            }
            List<String> missing = new ArrayList<>();
            for (String col : raw.keySet()) {
                if (!index.containsKey(col)) {
                    missing.add(col);
                }
            }
            if (!missing.isEmpty()) {
                throw new CliException(path + " line " + first.line() + ": the header has no column " + quoted(missing)
                        + "; the model's input columns are " + raw.keySet() + " (give each by name, any order)");
            }
            List<Row> rows = new ArrayList<>();
            for (CsvParser.Record rec = parser.next(); rec != null; rec = parser.next()) {
                List<String> cells = rec.fields();
                if (cells.size() != header.size()) {
                    throw new CliException(path + " line " + rec.line() + " has " + cells.size() + " value"
                            + (cells.size() == 1 ? "" : "s") + " but the header has " + header.size()
                            + " columns; expected one value per column");
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> col : raw.entrySet()) {
                    int i = index.get(col.getKey());
                    String c = cells.get(i).strip();
                    check(c, col.getValue(), path + " line " + rec.line() + ", column " + (i + 1)
                            + " (" + col.getKey() + ")");
                    values.put(col.getKey(), c);
                }
                rows.add(new Row(rec.line(), values));
            }
            if (rows.isEmpty()) {
                throw new CliException(path + " holds a header but no rows; expected one input per line after it");
            }
            return new Result(rows, ignored);
        } catch (DataFormatException e) {
            throw new CliException(e.getMessage() + "; expected a CSV file of inputs", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CliException(path + " is not UTF-8 text; expected a CSV file of inputs", e);
        }
    }

    /** A numeric cell (no categories) must be a finite number; a categorical one a category seen in training. */
    private static void check(String cell, List<String> categories, String where) {
        if (!categories.isEmpty()) {
            if (!categories.contains(cell)) {
                throw new CliException(where + ": '" + cell + "' was not seen in training; expected one of " + categories);
            }
            return;
        }
        double d;
        try {
            d = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new CliException(where + ": '" + cell + "' is not a number; the column is numeric");
        }
        if (!Double.isFinite(d)) {
            throw new CliException(where + ": '" + cell + "' is not a finite number");
        }
    }

    /** As NumberRows decides: a first line with a cell that is not a number is a header. */
    private static boolean isHeader(List<String> cells) {
        for (String c : cells) {
            try {
                Double.parseDouble(c);
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    private static String quoted(List<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add("\"" + n + "\"");
        }
        return String.join(", ", q);
    }
}
