package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import toynn.DataSet;
import toynn.data.CsvReader;
import toynn.data.DataFormatException;
import toynn.data.DataOptions;
import toynn.data.MissingValues;

/**
 * Fuzzes {@link CsvReader#read(Path, DataOptions)} (plain or gzip CSV) with two sets of options:
 * any bytes either load into a consistent {@link DataSet} with finite values or fail with
 * {@link DataFormatException} (or {@link IOException}). Seeds: {@code CsvReaderFuzzTestInputs/read/}.
 */
class CsvReaderFuzzTest {
    @DictionaryEntries({",", ";", "\"", "\"\"", "1e39", "-1.5e3", ".5", "+.5E-3", "NaN", "inf", "label"})
    @FuzzTest(maxDuration = "20s")
    void read(byte[] data) {
        Path file = ScratchFile.write("data.csv", data);
        DataOptions[] variants = {
            DataOptions.create(),
            DataOptions.create().header(false).labelColumn(0).missingValues(MissingValues.MEAN),
        };
        for (DataOptions options : variants) {
            DataSet ds = ReaderContract.check("CsvReader.read", data.length, () -> CsvReader.read(file, options),
                    DataFormatException.class, IOException.class);
            if (ds != null) {
                assertTrue(ds.size() > 0 && ds.inputSize() > 0 && ds.targetSize() > 0, ds.toString());
                assertEquals((long) ds.size() * ds.inputSize(), ds.inputs().length);
                assertEquals((long) ds.size() * ds.targetSize(), ds.targets().length);
                for (float v : ds.inputs()) {
                    assertTrue(Float.isFinite(v), "a non-finite input was loaded");
                }
                for (float v : ds.targets()) {
                    assertTrue(Float.isFinite(v), "a non-finite target was loaded");
                }
            }
        }
    }
}
