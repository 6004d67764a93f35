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
}
