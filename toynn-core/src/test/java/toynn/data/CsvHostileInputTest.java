package toynn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import toynn.DataSet;

/** CSV inputs found by fuzzing (toynn-fuzz) or built to exhaust memory: a clear error, never a crash. */
class CsvHostileInputTest {
    @Test
    void textColumnEmptyInEveryRowCannotBeFilledWithItsMostFrequentValue() {
        // Found by the fuzzer: was a NullPointerException from a TreeSet.
        String csv = "colour,note,label\nred,,yes\nblue,,no\n";
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(csv,
                DataOptions.create().missingValues(MissingValues.MEAN)));
        assertEquals("test.csv: column 2 (\"note\") is empty in every row, so there is no most frequent value to fill "
                + "it with", e.getMessage());
    }

    @Test
    void anIdentifierColumnIsRefusedBeforeOneHotEncodingItIntoMillionsOfValues() {
        StringBuilder csv = new StringBuilder("id,x,label\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("user").append(i).append(',').append(i % 5).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(csv.toString(), DataOptions.create()));
        assertTrue(e.getMessage().contains("column 1 (\"id\") has 2000 distinct text values")
                && e.getMessage().contains("drop that column"), e.getMessage());
    }

    @Test
    void realCategoricalDataIsNotRefused() throws IOException {
        StringBuilder csv = new StringBuilder("colour,size,label\n");
        String[] colours = {"red", "green", "blue", "cyan", "magenta"};
        for (int i = 0; i < 5000; i++) {
            csv.append(colours[i % 5]).append(',').append(i % 11).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        DataSet ds = read(csv.toString(), DataOptions.create());
        assertEquals(5000, ds.size());
        assertEquals(6, ds.inputSize(), "five colours one-hot, one size");
    }

    private static DataSet read(String text, DataOptions options) throws IOException {
        return CsvReader.read(new StringReader(text), "test.csv", options);
    }
}
