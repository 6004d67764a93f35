package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import toynn.data.DataFormatException;
import toynn.data.NpyReader;

/**
 * Fuzzes {@link NpyReader#read(Path, int)} and the conversions a loader applies ({@code toFloats},
 * {@code toInts}): any bytes either load (every float finite) or fail with
 * {@link DataFormatException} (or {@link IOException}). Seeds: {@code NpyReaderFuzzTestInputs/read/}.
 */
class NpyReaderFuzzTest {
    @DictionaryEntries({"NUMPY", "'descr'", "'fortran_order'", "'shape'", "True", "False", "'<f4'", "'<f8'",
        "'>f8'", "'|u1'", "'<i8'", "'<i4'", "'<c8'", "(", ")", ",)", "{", "}"})
    @FuzzTest(maxDuration = "20s")
    void read(byte[] data) {
        Path file = ScratchFile.write("data.npy", data);
        for (int limit : new int[] {0, 2}) {
            NpyReader.NpyArray a = ReaderContract.check("NpyReader.read", data.length, () -> NpyReader.read(file, limit),
                    DataFormatException.class, IOException.class);
            if (a == null) {
                continue;
            }
            assertEquals((long) a.size() * a.itemSize(), a.data().length, "data length = values × item size");
            float[] f = ReaderContract.check("NpyArray.toFloats", data.length, () -> a.toFloats(1.0),
                    DataFormatException.class);
            if (f != null) {
                assertEquals(a.size(), f.length);
                for (float v : f) {
                    assertTrue(Float.isFinite(v), "toFloats returned a non-finite value");
                }
            }
            ReaderContract.check("NpyArray.toInts", data.length, a::toInts, DataFormatException.class);
        }
    }
}
