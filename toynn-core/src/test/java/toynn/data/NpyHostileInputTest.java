package toynn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy headers found by fuzzing (toynn-fuzz): a clear {@link DataFormatException}, never a crash. */
class NpyHostileInputTest {
    @TempDir
    Path dir;

    @Test
    void aDtypeSizeBeyondTheIntRangeIsAnUnsupportedDtype() throws IOException {
        // Found by the fuzzer: was a NumberFormatException from Integer.parseInt.
        Path f = NpyFiles.write(dir, "huge-dtype.npy", "<f333333333333333333333333338", "(1,)", NpyFiles.floats(1f));
        DataFormatException e = assertThrows(DataFormatException.class, () -> NpyReader.read(f));
        assertEquals(f + ": dtype '<f333333333333333333333333338' is not supported; expected |u1, |i1, |b1, <f4, <f8, "
                + "<i2, <i4, <i8, <u2, <u4, <u8 (or big-endian >)", e.getMessage());
    }

    @Test
    void aHugeLabelIsRefusedBeforeItsClassesAreMade() throws IOException {
        // Was an OutOfMemoryError: two rows with label 100,000,000 made 10^8 class names and 2·10^8 one-hot targets.
        Path x = NpyFiles.write(dir, "x.npy", "<f4", "(2, 2)", NpyFiles.floats(1, 2, 3, 4));
        Path y = NpyFiles.write(dir, "y.npy", "<f4", "(2,)", NpyFiles.floats(0, 1e8f));
        DataFormatException e = assertThrows(DataFormatException.class, () -> NpyReader.load(x, y, null, 0));
        assertEquals(y + ": label 1 is 100000000, which makes 100000001 classes: 2 rows × 100000001 one-hot targets "
                + "would be 200000002 values from 24 bytes of data; expected labels 0 to k − 1 for k classes (is the "
                + "file corrupt, or are these not class labels?)", e.getMessage());
        Path few = NpyFiles.write(dir, "few.npy", "<f4", "(2,)", NpyFiles.floats(0, 999));
        assertEquals(1000, NpyReader.load(x, few, null, 0).targetSize());   // large but plausible: still read
    }
}
