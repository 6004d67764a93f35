package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import toynn.data.DataFormatException;
import toynn.data.IdxReader;

/**
 * Fuzzes {@link IdxReader#read(Path, int)} (raw or gzip IDX), whole and with a limit of two items:
 * any bytes either load with {@code data.length} equal to the product of the sizes or fail with
 * {@link DataFormatException} (or {@link IOException}). Seeds: {@code IdxReaderFuzzTestInputs/read/}.
 */
class IdxReaderFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void read(byte[] data) {
        Path file = ScratchFile.write("data.idx", data);
        for (int limit : new int[] {0, 2}) {
            IdxReader.IdxArray a = ReaderContract.check("IdxReader.read", data.length, () -> IdxReader.read(file, limit),
                    DataFormatException.class, IOException.class);
            if (a != null) {
                assertEquals((long) a.count() * a.itemSize(), a.data().length, "data length = product of the sizes");
            }
        }
    }
}
