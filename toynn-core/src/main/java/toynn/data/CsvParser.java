package toynn.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits CSV text into records as RFC 4180 defines them: fields separated by a delimiter,
 * records by line breaks (CRLF, LF or CR); a field in double quotes may hold delimiters, line
 * breaks and doubled quotes ({@code ""} stands for one {@code "}). Two leniencies: spaces
 * around a quoted field are ignored, and blank lines are skipped. A leading UTF-8 byte-order mark is
 * dropped.
 *
 * <p>Malformed text — a quote inside an unquoted field, text after a closing quote, a quoted field
 * that never closes — is a {@link DataFormatException} naming the line and column.
 */
public final class CsvParser {
    /**
     * One record.
     *
     * @param line   the line the record starts on (1-based)
     * @param fields the field texts, unquoted, in order
     */
    public record Record(int line, List<String> fields) {
    }

    private static final int EOF = -1;

    private final Reader reader;
    private final String source;
    private final char delimiter;
    private final char[] buffer = new char[1 << 16];
    private int pos;
    private int limit;
    private int line = 1;
    private boolean started;
    private boolean lastWasQuoted;

    /**
     * A parser over {@code reader}.
     *
     * @param source    the file name, for messages
     * @param delimiter the field separator, e.g. {@code ','}
     */
    public CsvParser(Reader reader, String source, char delimiter) {
        this.reader = Objects.requireNonNull(reader, "reader must not be null");
        this.source = Objects.requireNonNull(source, "source must not be null");
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        this.delimiter = delimiter;
    }

    /** All records of {@code reader}. */
    public static List<Record> parseAll(Reader reader, String source, char delimiter) throws IOException {
        CsvParser p = new CsvParser(reader, source, delimiter);
        List<Record> out = new ArrayList<>();
        for (Record r = p.next(); r != null; r = p.next()) {
            out.add(r);
        }
        return out;
    }

    /**
     * The next record, or null at the end of the text. Blank lines are skipped.
     *
     * @throws DataFormatException for malformed quoting, with line and column
     */
    public Record next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (true) {
            int c = peek();
            if (c == EOF) {
                return null;
            }
            if (c == '\n' || c == '\r') {               // a blank line
                readLineBreak();
                continue;
            }
            int startLine = line;
            List<String> fields = new ArrayList<>();
            boolean more = true;
            while (more) {
                more = readField(fields);
            }
            if (fields.size() == 1 && fields.get(0).isBlank() && !lastWasQuoted) {
                continue;                              // a line of spaces only
            }
            return new Record(startLine, fields);
        }
    }

    /** Reads one field into {@code fields}; returns true when another field of the same record follows. */
    private boolean readField(List<String> fields) throws IOException {
        StringBuilder sb = new StringBuilder();
        int column = fields.size() + 1;
        lastWasQuoted = false;
        while (true) {
            int c = read();
            if (c == EOF) {
                fields.add(sb.toString());
                return false;
            }
            if (c == delimiter) {
                fields.add(sb.toString());
                return true;
            }
            if (c == '\n' || c == '\r') {
                unreadLineBreak(c);
                fields.add(sb.toString());
                return false;
            }
            if (c == '"') {
                if (!sb.toString().isBlank()) {
                    throw new DataFormatException(source, "line " + line + ", column " + column
                            + ": a quote inside an unquoted field; put the whole field in quotes and write a quote in it as \"\"");
                }
                lastWasQuoted = true;
                return readQuoted(fields, column);
            }
            sb.append((char) c);
        }
    }

    private boolean readQuoted(List<String> fields, int column) throws IOException {
        int openLine = line;
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new DataFormatException(source, "line " + openLine + ", column " + column
                        + ": the quoted field that starts here is never closed (the file ends inside quotes)");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    sb.append('"');
                    continue;
                }
                break;
            }
            if (c == '\n') {
                line++;
            } else if (c == '\r') {
                line++;
                if (peek() == '\n') {
                    read();
                    sb.append('\r');
                    c = '\n';
                }
            }
            sb.append((char) c);
        }
        fields.add(sb.toString());
        while (peek() == ' ' || peek() == '\t') {
            read();
        }
        int c = read();
        if (c == EOF) {
            return false;
        }
        if (c == delimiter) {
            return true;
        }
        if (c == '\n' || c == '\r') {
            unreadLineBreak(c);
            return false;
        }
        throw new DataFormatException(source, "line " + line + ", column " + column + ": text after the closing quote ('"
                + (char) c + "'); a quoted field must end at a delimiter or the end of the line");
    }

    /** Called after a line-break character was read: consumes a CRLF pair and counts the line. */
    private void unreadLineBreak(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private void readLineBreak() throws IOException {
        unreadLineBreak(read());
    }

    private int peek() throws IOException {
        if (pos == limit && !fill()) {
            return EOF;
        }
        return buffer[pos];
    }

    private int read() throws IOException {
        if (pos == limit && !fill()) {
            return EOF;
        }
        return buffer[pos++];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = reader.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
