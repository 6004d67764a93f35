package toynn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.DataSet;

/** CSV files into data sets: labels, classes, categorical columns, bad cells and missing values. */
class CsvReaderTest {
    @TempDir
    Path dir;

    private static final String FLOWERS = "size,colour,weight,kind\n"
            + "1.5,red,10,rose\n"
            + "2.5,blue,20,iris\n"
            + "3.5,red,30,tulip\n"
            + "4.5,green,40,iris\n";

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String error(String text, DataOptions o) throws IOException {
        Path f = file("bad.csv", text);
        String m = assertThrows(DataFormatException.class, () -> CsvReader.read(f, o)).getMessage();
        assertTrue(m.startsWith(f + ": "), m);
        return m.substring(f.toString().length() + 2);
    }

    @Test
    void textLabelsBecomeSortedClassesAndTextColumnsOneHot() throws IOException {
        DataSet d = CsvReader.read(file("f.csv", FLOWERS));
        assertEquals(4, d.size());
        assertEquals(List.of("iris", "rose", "tulip"), d.classNames());
        assertEquals(List.of("size", "colour=blue", "colour=green", "colour=red", "weight"), d.columnNames());
        assertArrayEquals(new float[] {
            1.5f, 0, 0, 1, 10,
            2.5f, 1, 0, 0, 20,
            3.5f, 0, 0, 1, 30,
            4.5f, 0, 1, 0, 40}, d.inputs());
        assertArrayEquals(new int[] {1, 0, 2, 0}, d.labels());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0}, d.targets());
    }

    @Test
    void labelColumnByNameOrIndex() throws IOException {
        Path f = file("f.csv", FLOWERS);
        DataSet byName = CsvReader.read(f, DataOptions.create().labelColumn("colour"));
        assertEquals(List.of("blue", "green", "red"), byName.classNames());
        assertEquals(List.of("size", "weight", "kind=iris", "kind=rose", "kind=tulip"), byName.columnNames());
        DataSet byIndex = CsvReader.read(f, DataOptions.create().labelColumn(1));
        assertArrayEquals(byName.inputs(), byIndex.inputs());
        DataSet fromEnd = CsvReader.read(f, DataOptions.create().labelColumn(-3));
        assertArrayEquals(byName.targets(), fromEnd.targets());
        DataSet textIndex = CsvReader.read(f, DataOptions.create().labelColumn("1"));  // as the CLI passes it
        assertArrayEquals(byName.targets(), textIndex.targets());
    }

    @Test
    void numericLabelIsARegressionTargetUnlessToldOtherwise() throws IOException {
        Path f = file("f.csv", FLOWERS);
        DataSet reg = CsvReader.read(f, DataOptions.create().labelColumn("weight"));
        assertFalse(reg.isClassification());
        assertEquals(1, reg.targetSize());
        assertArrayEquals(new float[] {10, 20, 30, 40}, reg.targets());
        Path g = file("g.csv", "x,digit\n0.5,10\n0.25,2\n1,2\n");
        DataSet cls = CsvReader.read(g, DataOptions.create().classification(true));
        assertEquals(List.of("2", "10"), cls.classNames());        // numeric labels sorted by value
        assertArrayEquals(new int[] {1, 0, 0}, cls.labels());
    }

    @Test
    void withoutHeader() throws IOException {
        DataSet d = CsvReader.read(file("n.csv", "1,2,a\n3,4,b\n"), DataOptions.create().header(false));
        assertEquals(List.of("column 1", "column 2"), d.columnNames());
        assertEquals(List.of("a", "b"), d.classNames());
        assertEquals("the label column \"kind\" is given by name, but the file has no header; give its index instead "
                + "(0 = first column, -1 = last)", error("1,2,a\n", DataOptions.create().header(false).labelColumn("kind")));
    }

    @Test
    void quotedCellsAndSemicolons() throws IOException {
        DataSet d = CsvReader.read(file("q.csv", "\"a;b\";\"label\"\n\"1.5\";\"x;y\"\n2;z\n"),
                DataOptions.create().delimiter(';'));
        assertEquals(List.of("a;b"), d.columnNames());
        assertEquals(List.of("x;y", "z"), d.classNames());
        assertArrayEquals(new float[] {1.5f, 2f}, d.inputs());
    }

    @Test
    void gzipAndByteOrderMark() throws IOException {
        Path f = dir.resolve("f.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write(("\uFEFF" + FLOWERS).getBytes(StandardCharsets.UTF_8));
        }
        DataSet d = CsvReader.read(f);
        assertEquals("size", d.columnNames().get(0));
        assertEquals(4, d.size());
    }

    @Test
    void badNumberNamesLineAndColumn() throws IOException {
        String text = "a,b,label\n1,2,x\n3,4,y\n5,abc,x\n7,8,y\n";
        assertEquals("line 4, column 2 (\"b\"): \"abc\" is not a number (the column is numeric: 3 of its 4 filled cells "
                + "are numbers)", error(text, DataOptions.create()));
        assertEquals("line 1, column 1: \"1.2.3\" is not a number (the column is numeric: 2 of its 3 filled cells are numbers)",
                error("1.2.3,x\n2,y\n3,x\n", DataOptions.create().header(false)));
        assertEquals("line 3, column 2 (\"y\"): \"NaN\" is not a number (a regression label must be a number "
                + "(set DataOptions.classification(true) for classes))", error("x,y\n1,2\n2,NaN\n3,4\n", DataOptions.create()));
        assertEquals("line 2, column 1 (\"x\"): 1e39 is too large for float32 (largest 3.4028235E38)",
                error("x,y\n1e39,a\n2,b\n", DataOptions.create()));
    }

    @Test
    void fieldCountMustMatch() throws IOException {
        assertEquals("line 3: 2 fields; expected 3 like the header on line 1", error("a,b,c\n1,2,x\n3,4\n", DataOptions.create()));
    }

    @Test
    void unknownLabelColumn() throws IOException {
        assertEquals("no column is named \"species\"; the columns are [a, b, c]",
                error("a,b,c\n1,2,x\n", DataOptions.create().labelColumn("species")));
        assertEquals("label column index 5 is outside the 3 columns; expected 0 to 2 (or -1 to -3 from the end)",
                error("a,b,c\n1,2,x\n", DataOptions.create().labelColumn(5)));
    }

    @Test
    void labelIndexBeyondIntIsOutsideTheColumns() throws IOException {
        // As the CLI passes --label: a whole number too large for an int was a bare NumberFormatException.
        assertEquals("label column index 99999999999 is outside the 3 columns; expected 0 to 2 (or -1 to -3 from the end)",
                error("a,b,c\n1,2,x\n", DataOptions.create().labelColumn("99999999999")));
        assertEquals("label column index -99999999999 is outside the 3 columns; expected 0 to 2 (or -1 to -3 from the end)",
                error("1,2,x\n", DataOptions.create().header(false).labelColumn(" -99999999999 ")));
    }

    @Test
    void labelNameOfSeveralColumnsIsAmbiguous() throws IOException {
        assertEquals("the label column \"a\" is ambiguous: columns 1, 3 all have that name; give its index instead "
                + "(0 = first column, -1 = last)", error("a,b,a,c\n1,2,x,y\n", DataOptions.create().labelColumn("a")));
        // Duplicate names nobody selects are fine, and an index picks one of them.
        assertEquals(2, CsvReader.read(file("d.csv", "a,a,c\n1,2,x\n3,4,y\n")).inputSize());
        assertEquals(List.of("1", "3"), CsvReader.read(file("e.csv", "a,b,a\n1,2,x\n3,4,y\n"),
                DataOptions.create().labelColumn(0).classification(true)).classNames());
    }

    @Test
    void nullArgumentsAreNamed() {
        assertEquals("file must not be null",
                assertThrows(NullPointerException.class, () -> CsvReader.read((Path) null)).getMessage());
        assertTrue(assertThrows(NullPointerException.class, () -> CsvReader.read(dir.resolve("x.csv"), null))
                .getMessage().startsWith("options must not be null"));
        assertTrue(assertThrows(NullPointerException.class,
                () -> CsvReader.read(new java.io.StringReader("a,b\n1,x\n"), "text", null))
                .getMessage().startsWith("options must not be null"));
    }

    @Test
    void emptyAndHeaderOnlyFiles() throws IOException {
        assertEquals("no data: the file is empty", error("", DataOptions.create()));
        assertEquals("no data rows after the header on line 1", error("a,b\n", DataOptions.create()));
    }

    private static final String HOLES = "x,colour,y\n1,red,a\n,blue,b\n5,,a\n3,red,b\n";

    @Test
    void emptyCellIsAnErrorByDefault() throws IOException {
        assertEquals("line 3, column 1 (\"x\"): empty cell; missing values are an error by default "
                + "(MissingValues.SKIP_ROW drops such rows, MEAN fills them)", error(HOLES, DataOptions.create()));
        assertEquals("line 3, column 2 (\"y\"): empty label; every row needs a label (MissingValues.SKIP_ROW drops such rows)",
                error("x,y\n1,a\n2,\n", DataOptions.create().missingValues(MissingValues.MEAN)));
    }

    @Test
    void skipRowDropsIncompleteRows() throws IOException {
        DataSet d = CsvReader.read(file("h.csv", HOLES), DataOptions.create().missingValues(MissingValues.SKIP_ROW));
        assertEquals(2, d.size());
        assertArrayEquals(new float[] {1, 1, 3, 1}, d.inputs());     // x, colour=red (blue only appeared in a dropped row)
        assertEquals(List.of("x", "colour=red"), d.columnNames());
    }

    @Test
    void meanFillsNumbersWithTheMeanAndCategoriesWithTheMostFrequent() throws IOException {
        DataSet d = CsvReader.read(file("h.csv", HOLES), DataOptions.create().missingValues(MissingValues.MEAN));
        assertEquals(List.of("x", "colour=blue", "colour=red"), d.columnNames());
        assertArrayEquals(new float[] {
            1, 0, 1,
            3, 1, 0,              // x filled with mean(1, 5, 3) = 3
            5, 0, 1,              // colour filled with red (2 of 3)
            3, 0, 1}, d.inputs());
    }

    @Test
    void notUtf8() throws IOException {
        Path f = Files.write(dir.resolve("latin1.csv"), new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xE9, '\n'});
        String m = assertThrows(DataFormatException.class, () -> CsvReader.read(f)).getMessage();
        assertTrue(m.startsWith(f + ": not UTF-8 text ("), m);
    }
}
