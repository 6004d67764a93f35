package toynn.cli.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.cli.CliException;

class NumberRowsTest {
    @TempDir
    Path dir;

    @Test
    void jsonRowsOneOrMany() {
        assertArrayEquals(new double[] {0.5, 1, -2e3}, NumberRows.fromJson("[0.5, 1, -2e3]", "--input").get(0));
        List<double[]> rows = NumberRows.fromJson("[[1, 2], [3, 4]]", "--input");
        assertEquals(2, rows.size());
        assertArrayEquals(new double[] {3, 4}, rows.get(1));
    }

    @Test
    void jsonMistakesAreNamed() {
        assertTrue(assertThrows(CliException.class, () -> NumberRows.fromJson("[1, 2", "--input")).getMessage()
                .contains("not a JSON array"));
        assertThrows(CliException.class, () -> NumberRows.fromJson("[]", "--input"));
        assertThrows(CliException.class, () -> NumberRows.fromJson("{\"a\": 1}", "--input"));
        assertThrows(CliException.class, () -> NumberRows.fromJson("[[1], 2]", "--input"));
        assertThrows(CliException.class, () -> NumberRows.fromJson("[NaN]", "--input"));
        assertThrows(CliException.class, () -> NumberRows.fromJson("[1] [2]", "--input"));
        assertThrows(CliException.class, () -> NumberRows.fromJson("[1e999]", "--input"));
    }

    @Test
    void csvSkipsOnlyAFirstHeaderLine() throws Exception {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "\n\"x\",\"y\"\n1,\"2\"\n3,4\n");
        List<double[]> rows = NumberRows.fromCsv(csv);
        assertEquals(2, rows.size());
        assertArrayEquals(new double[] {1, 2}, rows.get(0));
        Files.writeString(csv, "1,2\nx,y\n");
        assertTrue(assertThrows(CliException.class, () -> NumberRows.fromCsv(csv)).getMessage().contains("line 2"));
        Files.writeString(csv, "x,y\n");
        assertTrue(assertThrows(CliException.class, () -> NumberRows.fromCsv(csv)).getMessage().contains("no rows"));
    }

    @Test
    void csvWithAByteOrderMarkKeepsItsFirstRow() throws Exception {
        // Before, the BOM made "1,2" fail to parse, so it was skipped as a header without a word.
        Path csv = dir.resolve("bom.csv");
        Files.write(csv, "\uFEFF1,2\r\n3,4\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<double[]> rows = NumberRows.fromCsv(csv);
        assertEquals(2, rows.size());
        assertArrayEquals(new double[] {1, 2}, rows.get(0));
        Files.write(csv, "\uFEFFx,y\n5,6\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        rows = NumberRows.fromCsv(csv);
        assertEquals(1, rows.size(), "a header after the BOM is still skipped");
        assertArrayEquals(new double[] {5, 6}, rows.get(0));
    }

    @Test
    void aDirectoryInsteadOfACsvFileIsNamed() {
        String message = assertThrows(CliException.class, () -> NumberRows.fromCsv(dir)).getMessage();
        assertTrue(message.contains(dir + " is a directory") && message.contains("CSV file"), message);
    }
}
