package toynn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 4180 splitter: fields, quoting, line breaks, line numbers and malformed text. */
class CsvParserTest {

    private static List<CsvParser.Record> parse(String text) throws IOException {
        return CsvParser.parseAll(new StringReader(text), "t.csv", ',');
    }

    private static List<List<String>> fields(String text) throws IOException {
        return parse(text).stream().map(CsvParser.Record::fields).toList();
    }

    private static String error(String text) {
        return assertThrows(DataFormatException.class, () -> parse(text)).getMessage();
    }

    @Test
    void plainFieldsAndLineEndings() throws IOException {
        List<List<String>> expected = List.of(List.of("a", "b", "c"), List.of("1", "2", "3"));
        assertEquals(expected, fields("a,b,c\n1,2,3\n"));
        assertEquals(expected, fields("a,b,c\r\n1,2,3\r\n"));
        assertEquals(expected, fields("a,b,c\r1,2,3"));          // old Mac line ends, no final line break
        assertEquals(expected, fields("\uFEFFa,b,c\n1,2,3"));    // byte-order mark dropped
    }

    @Test
    void emptyFieldsAreKept() throws IOException {
        assertEquals(List.of(List.of("", "x", "", "")), fields(",x,,\n"));
        assertEquals(List.of(List.of("a", ""), List.of("", "b")), fields("a,\"\"\n,b\n"));
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws IOException {
        List<CsvParser.Record> r = parse("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\n\"two\nlines\",x\r\nlast,\"a\r\nb\"\n");
        assertEquals(List.of("Smith, J", "said \"hi\""), r.get(1).fields());
        assertEquals(List.of("two\nlines", "x"), r.get(2).fields());
        assertEquals(List.of("last", "a\r\nb"), r.get(3).fields());
        // line numbers count the line breaks inside quotes
        assertEquals(List.of(1, 2, 3, 5), r.stream().map(CsvParser.Record::line).toList());
    }

    @Test
    void spacesAroundQuotedFieldsAreIgnoredButKeptInPlainOnes() throws IOException {
        assertEquals(List.of(List.of("a b", " c ", "d")), fields("  \"a b\"  , c ,\"d\"\t\n"));
    }

    @Test
    void blankLinesAreSkipped() throws IOException {
        List<CsvParser.Record> r = parse("\n\na,b\n\n   \n1,2\n\n");
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), r.stream().map(CsvParser.Record::fields).toList());
        assertEquals(List.of(3, 6), r.stream().map(CsvParser.Record::line).toList());
    }

    @Test
    void otherDelimiters() throws IOException {
        assertEquals(List.of(List.of("1,5", "2")), CsvParser.parseAll(new StringReader("\"1,5\";2"), "t", ';').stream()
                .map(CsvParser.Record::fields).toList());
        assertEquals(List.of(List.of("a", "b c")), CsvParser.parseAll(new StringReader("a\tb c\n"), "t", '\t').stream()
                .map(CsvParser.Record::fields).toList());
    }

    @Test
    void emptyTextHasNoRecords() throws IOException {
        assertEquals(List.of(), parse(""));
    }

    @Test
    void quoteInsideAnUnquotedField() {
        assertEquals("t.csv: line 2, column 2: a quote inside an unquoted field; put the whole field in quotes and "
                + "write a quote in it as \"\"", error("a,b\n1,5'11\",3\n"));
    }

    @Test
    void textAfterClosingQuote() {
        assertEquals("t.csv: line 1, column 1: text after the closing quote ('x'); a quoted field must end at a "
                + "delimiter or the end of the line", error("\"ab\"x,c\n"));
    }

    @Test
    void unclosedQuote() {
        assertEquals("t.csv: line 2, column 3: the quoted field that starts here is never closed (the file ends "
                + "inside quotes)", error("a,b,c\n1,2,\"open\n3,4,5\n"));
    }

    @Test
    void readsInSmallPieces() throws IOException {
        // A reader that returns one character at a time must give the same records.
        String text = "x,\"y\"\"z\"\r\n\"p\nq\",r\n";
        Reader slow = new Reader() {
            private int i;

            @Override
            public int read(char[] buf, int off, int len) {
                if (i >= text.length()) {
                    return -1;
                }
                buf[off] = text.charAt(i++);
                return 1;
            }

            @Override
            public void close() {
            }
        };
        assertEquals(fields(text), CsvParser.parseAll(slow, "t", ',').stream().map(CsvParser.Record::fields).toList());
    }
}
