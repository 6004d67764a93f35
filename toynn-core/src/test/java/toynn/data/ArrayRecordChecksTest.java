package toynn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link IdxReader.IdxArray} and {@link NpyReader.NpyArray} are public records: built by hand, their fields
 * are checked (shape against data length, known dtype, sizes ≥ 0, at least one dimension) and so are the
 * indexes of {@code unsigned}/{@code get}, each with a message instead of a bare index or number error.
 */
class ArrayRecordChecksTest {
    private static String refused(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void idxArrayChecksItsFields() {
        assertEquals("IDX array t: dims 2×3 hold 6 values but data has 5 bytes; expected product(dims) bytes",
                refused(() -> new IdxReader.IdxArray("t", new int[] {2, 3}, new byte[5], 2)));
        assertEquals("IDX array t: dims have no dimension; expected 1 or more sizes",
                refused(() -> new IdxReader.IdxArray("t", new int[0], new byte[0], 0)));
        assertEquals("IDX array t: size -1 of dimension 1 is negative; expected sizes ≥ 0",
                refused(() -> new IdxReader.IdxArray("t", new int[] {2, -1}, new byte[0], 2)));
        assertEquals("IDX array t: fileCount 1 is below the 2 items read (dims[0]); expected fileCount ≥ dims[0]",
                refused(() -> new IdxReader.IdxArray("t", new int[] {2, 3}, new byte[6], 1)));
        assertEquals("IDX array t: dims 2×65536×65536 hold 8589934592 values but data has 6 bytes; expected product(dims) "
                + "bytes", refused(() -> new IdxReader.IdxArray("t", new int[] {2, 65536, 65536}, new byte[6], 2)));
        assertThrows(NullPointerException.class, () -> new IdxReader.IdxArray("t", null, new byte[0], 0));
        new IdxReader.IdxArray("t", new int[] {0, 28, 28}, new byte[0], 0);            // no items is a shape too
    }

    @Test
    void idxArrayChecksTheIndex() {
        IdxReader.IdxArray a = new IdxReader.IdxArray("t", new int[] {5}, new byte[] {1, 2, 3, 4, (byte) 255}, 5);
        assertEquals(255, a.unsigned(4));
        assertEquals("IDX array t: index 5 is out of range; expected 0 to 4",
                assertThrows(IndexOutOfBoundsException.class, () -> a.unsigned(5)).getMessage());
        assertEquals("IDX array t: index -1 is out of range; expected 0 to 4",
                assertThrows(IndexOutOfBoundsException.class, () -> a.unsigned(-1)).getMessage());
    }

    @Test
    void npyArrayChecksItsFields() {
        assertEquals("NPY array t: dtype '<f3' is not supported; expected |u1, |i1, |b1, <f4, <f8, <i2, <i4, <i8, <u2, "
                + "<u4, <u8 (or big-endian >)", refused(() -> new NpyReader.NpyArray("t", "<f3", new int[] {1}, new byte[3], 1)));
        assertEquals("NPY array t: dtype '<fx' is not supported; expected |u1, |i1, |b1, <f4, <f8, <i2, <i4, <i8, <u2, "
                + "<u4, <u8 (or big-endian >)", refused(() -> new NpyReader.NpyArray("t", "<fx", new int[] {1}, new byte[3], 1)));
        assertEquals("NPY array t: shape (2, 3) of <f4 needs 24 data bytes but data has 20",
                refused(() -> new NpyReader.NpyArray("t", "<f4", new int[] {2, 3}, new byte[20], 2)));
        assertEquals("NPY array t: shape () has no dimension; expected 1 or more sizes",
                refused(() -> new NpyReader.NpyArray("t", "|u1", new int[0], new byte[1], 1)));
        assertEquals("NPY array t: size -3 of dimension 0 is negative; expected sizes ≥ 0",
                refused(() -> new NpyReader.NpyArray("t", "|u1", new int[] {-3}, new byte[0], 0)));
        assertEquals("NPY array t: fileRows 1 is below the 2 rows read (shape[0]); expected fileRows ≥ shape[0]",
                refused(() -> new NpyReader.NpyArray("t", "|u1", new int[] {2}, new byte[2], 1)));
        assertThrows(NullPointerException.class, () -> new NpyReader.NpyArray("t", null, new int[] {1}, new byte[1], 1));
        new NpyReader.NpyArray("t", ">i2", new int[] {0, 7}, new byte[0], 3);         // no rows is a shape too
    }

    @Test
    void npyArrayChecksTheIndex() {
        NpyReader.NpyArray a = new NpyReader.NpyArray("t", "<i2", new int[] {5}, new byte[] {1, 0, 2, 0, 3, 0, 4, 0, 5, 0}, 5);
        assertEquals(5.0, a.get(4));
        assertEquals("NPY array t: index 5 is out of range; expected 0 to 4",
                assertThrows(IndexOutOfBoundsException.class, () -> a.get(5)).getMessage());
        assertEquals("NPY array t: index -1 is out of range; expected 0 to 4",
                assertThrows(IndexOutOfBoundsException.class, () -> a.get(-1)).getMessage());
    }
}
