package toynn.cli.input;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import toynn.cli.CliException;
import toynn.data.CsvParser;
import toynn.data.DataFormatException;

/** Rows of input numbers from the command line: a JSON array (or array of arrays), or a numeric CSV file. */
public final class NumberRows {
    private NumberRows() {
    }

    /**
     * Parses {@code [0, 1]} (one row) or {@code [[0, 1], [1, 0]]} (several rows), strictly.
     *
     * @param what how to name the text in errors, e.g. {@code --input}
     */
    public static List<double[]> fromJson(String text, String what) {
        JsonElement e;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            e = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new CliException(what + ": unexpected text after the JSON array '" + text + "'");
            }
        } catch (JsonParseException | IOException | IllegalStateException ex) {
            throw new CliException(what + ": '" + text + "' is not a JSON array of numbers; write it like '[0.5, 1]'", ex);
        }
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw new CliException(what + ": expected a non-empty JSON array of numbers like '[0.5, 1]', got '" + text + "'");
        }
        JsonArray a = e.getAsJsonArray();
        List<double[]> rows = new ArrayList<>();
        if (a.get(0).isJsonArray()) {
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isJsonArray()) {
                    throw new CliException(what + ": element " + i + " is not an array; give all rows as arrays like [[0, 1], [1, 0]]");
                }
                rows.add(numbers(a.get(i).getAsJsonArray(), what + " row " + i));
            }
        } else {
            rows.add(numbers(a, what));
        }
        return rows;
    }

    private static double[] numbers(JsonArray a, String what) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            JsonElement x = a.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                throw new CliException(what + ": value " + i + " is " + x + ", not a number; give numbers like [0.5, 1]");
            }
            v[i] = x.getAsDouble();
            if (!Double.isFinite(v[i])) {
                throw new CliException(what + ": value " + i + " is " + x + ", too large for a number");
            }
        }
        return v;
    }

    /**
     * Reads a CSV file of numbers, one input per line; a first line that is not numeric is taken as
     * the header and skipped; empty lines are skipped.
     */
    public static List<double[]> fromCsv(Path path) throws IOException {
        List<double[]> rows = new ArrayList<>();
        if (Files.isDirectory(path)) {
            throw new CliException(path + " is a directory; expected a CSV file of numbers, one input per line");
        }
        boolean first = true;
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            // the core's RFC 4180 reader: quotes, line breaks, a UTF-8 byte order mark (Excel) and blank lines
            CsvParser parser = new CsvParser(r, path.toString(), ',');
            for (CsvParser.Record rec = parser.next(); rec != null; rec = parser.next()) {
                boolean isFirst = first;
                first = false;
                List<String> cells = rec.fields();
                double[] v = new double[cells.size()];
                for (int i = 0; i < cells.size(); i++) {
                    String c = cells.get(i).strip();
                    try {
                        v[i] = Double.parseDouble(c);
                    } catch (NumberFormatException e) {
                        if (isFirst) {
                            v = null;         // the header
                            break;
                        }
                        throw new CliException(path + " line " + rec.line() + ", column " + (i + 1) + ": '" + c
                                + "' is not a number; every line after the header must hold the input numbers");
                    }
                    if (!Double.isFinite(v[i])) {
                        throw new CliException(path + " line " + rec.line() + ", column " + (i + 1) + ": '" + c
                                + "' is not a finite number");
                    }
                }
                if (v != null) {
                    rows.add(v);
                }
            }
        } catch (DataFormatException e) {
            throw new CliException(e.getMessage() + "; expected a CSV file of numbers", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CliException(path + " is not UTF-8 text; expected a CSV file of numbers", e);
        }
        if (rows.isEmpty()) {
            throw new CliException(path + " holds no rows of numbers; expected one input per line, e.g. '0.5,1'");
        }
        return rows;
    }
}
