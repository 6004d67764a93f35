package toynn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.DataSet;

/** .npy files written by NumPy (test resources, see their README) and broken ones written here. */
class NpyReaderTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyReaderTest.class.getResource("/toynn/data/npy/" + name).toURI());
    }

    /** A version 1.0 file with the given header dict (padded as NumPy pads it) and data. */
    static byte[] npy(String dict, byte[] data) {
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.put(data);
        return b.array();
    }

    private String error(byte[] bytes) throws IOException {
        Path f = Files.write(dir.resolve("bad.npy"), bytes);
        String m = assertThrows(DataFormatException.class, () -> NpyReader.read(f)).getMessage();
        assertEquals(f + ": ", m.substring(0, f.toString().length() + 2));
        return m.substring(f.toString().length() + 2);
    }

    @Test
    void uint8ImagesFromNumpy() throws Exception {
        NpyReader.NpyArray a = NpyReader.read(fixture("images_u1.npy"));
        assertEquals("|u1", a.dtype());
        assertArrayEquals(new int[] {5, 4, 3}, a.shape());
        assertEquals(12, a.rowSize());
        for (int i = 0; i < 60; i++) {
            assertEquals(i * 7 % 256, a.get(i));
        }
    }

    @Test
    void floatsAndIntegersOfBothByteOrders() throws Exception {
        NpyReader.NpyArray f4 = NpyReader.read(fixture("floats_f4.npy"));
        assertArrayEquals(new int[] {3, 2}, f4.shape());
        assertArrayEquals(new float[] {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f}, f4.toFloats(1));
        NpyReader.NpyArray be = NpyReader.read(fixture("floats_f8_be.npy"));
        assertEquals(">f8", be.dtype());
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f}, be.toFloats(1));
        assertArrayEquals(new int[] {0, 2, 1, 2, 0}, NpyReader.read(fixture("labels_i8.npy")).toInts());
    }

    @Test
    void versionsTwoAndThree() throws Exception {
        for (String name : List.of("v2_u1.npy", "v3_u1.npy")) {
            NpyReader.NpyArray a = NpyReader.read(fixture(name));
            assertArrayEquals(new int[] {2, 3}, a.shape(), name);
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.toFloats(1), name);
        }
    }

    @Test
    void limitReadsTheFirstRows() throws Exception {
        NpyReader.NpyArray a = NpyReader.read(fixture("images_u1.npy"), 2);
        assertEquals(2, a.rows());
        assertEquals(5, a.fileRows());
        assertEquals(24, a.size());
    }

    @Test
    void imagesWithLabelsBecomeAScaledImageSet() throws Exception {
        DataSet d = NpyReader.load(fixture("images_u1.npy"), fixture("labels_i8.npy"), null, 0);
        assertEquals(5, d.size());
        assertEquals(12, d.inputSize());
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertArrayEquals(new int[] {0, 2, 1, 2, 0}, d.labels());
        assertEquals(3, d.imageWidth());
        assertEquals(4, d.imageHeight());
        assertEquals((float) (7 / 255.0), d.inputs()[1]);
        DataSet f = NpyReader.load(fixture("images_u1.npy"), fixture("labels_f8.npy"), List.of("no", "yes"), 0);
        assertArrayEquals(new int[] {0, 1, 1, 0, 1}, f.labels());
        assertEquals(fixture("labels_frac.npy") + ": value 1 is 1.5; expected a whole number",
                assertThrows(DataFormatException.class,
                        () -> NpyReader.load(fixture("images_u1.npy"), fixture("labels_frac.npy"), null, 0)).getMessage());
        assertEquals(fixture("labels_i8.npy") + ": label 1 is 2; expected 0 to 1 for the classes [no, yes]",
                assertThrows(DataFormatException.class,
                        () -> NpyReader.load(fixture("images_u1.npy"), fixture("labels_i8.npy"), List.of("no", "yes"), 0))
                        .getMessage());
    }

    @Test
    void labelBeyondIntIsNamedAsOutOfRange() throws Exception {
        // 2^40 is a whole number: the message said "expected a whole number" without the range it missed.
        byte[] longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putLong(1L << 40).array();
        Path f = Files.write(dir.resolve("big-labels.npy"),
                npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", longs));
        NpyReader.NpyArray a = NpyReader.read(f);
        assertEquals(f + ": value 1 is 1.099511627776E12; expected a whole number from -2147483648 to 2147483647",
                assertThrows(DataFormatException.class, a::toInts).getMessage());
    }

    @Test
    void oneFilePerClass() throws Exception {
        DataSet d = NpyReader.loadClasses(List.of(fixture("cat.npy"), fixture("dog.npy")), 0);
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1}, d.labels());
        assertEquals(1f, d.inputs()[0]);
        assertEquals(0f, d.inputs()[3 * 16]);
        assertEquals(4, d.imageWidth());                       // 16 bytes per row: a 4×4 bitmap
        assertEquals(2, NpyReader.loadClasses(List.of(fixture("cat.npy"), fixture("dog.npy")), 1).size());
    }

    @Test
    void fortranOrderIsRefused() throws Exception {
        Path f = fixture("fortran_f4.npy");
        assertEquals(f + ": fortran_order is True (column-major); only C-order arrays are read "
                + "(save with numpy.ascontiguousarray(a))",
                assertThrows(DataFormatException.class, () -> NpyReader.read(f)).getMessage());
    }

    @Test
    void unsupportedDtype() throws Exception {
        Path f = fixture("complex_c8.npy");
        assertEquals(f + ": dtype '<c8' is not supported; expected |u1, |i1, |b1, <f4, <f8, <i2, <i4, <i8, <u2, <u4, <u8 "
                + "(or big-endian >)", assertThrows(DataFormatException.class, () -> NpyReader.read(f)).getMessage());
        assertEquals("byte 10: dtype a list is not supported; expected a simple type like '|u1' or '<f4' (no structured types)",
                error(npy("{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }", new byte[8])));
    }

    @Test
    void wrongMagicAndVersion() throws IOException {
        assertEquals("byte 0: not a .npy file; expected it to start with the magic \\x93NUMPY",
                error("PK\u0003\u0004 zip file".getBytes(StandardCharsets.ISO_8859_1)));
        byte[] v4 = npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", new byte[1]);
        v4[6] = 4;
        assertEquals("byte 6: format version 4.0 is not supported; expected 1.0, 2.0 or 3.0", error(v4));
        assertEquals("byte 3: not a .npy file; expected it to start with the magic \\x93NUMPY, but the file ends after 3 bytes",
                error(new byte[] {(byte) 0x93, 'N', 'U'}));
    }

    @Test
    void lyingShapes() throws IOException {
        byte[] ok = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", new byte[24]);
        assertEquals("byte 128: shape (3, 2) of <f4 needs 24 data bytes but the file has 20 after the header (truncated?)",
                error(Arrays.copyOf(ok, ok.length - 4)));
        assertEquals("byte 128: shape (3, 2) of <f4 needs 24 data bytes but the file has 28 after the header",
                error(Arrays.copyOf(ok, ok.length + 4)));
        assertEquals("byte 128: shape (100000, 100000) of <f8 needs 80000000000 data bytes, more than the 2147483639 "
                + "one file may hold", error(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }",
                new byte[8])));
        assertEquals("shape (0, 784): size 0 of dimension 0 is out of range; expected 1 to 2147483647",
                error(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (0, 784), }", new byte[0])));
    }

    @Test
    void badHeaders() throws IOException {
        byte[] ok = npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", new byte[2]);
        byte[] longHeader = ok.clone();
        longHeader[8] = (byte) 0xFF;
        longHeader[9] = (byte) 0x7F;
        assertEquals("byte 8: truncated header: the header length 32767 runs past the end of the file (130 bytes)",
                error(longHeader));
        assertEquals("byte 10: the header has no 'shape'; expected 'descr', 'fortran_order' and 'shape'",
                error(npy("{'descr': '|u1', 'fortran_order': False, }", new byte[2])));
        assertEquals("byte 62: expected ',' or ')' in the shape tuple, got 'x'",
                error(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2x), }", new byte[2])));
        assertEquals("byte 10: unexpected key 'extra' in the header; expected only 'descr', 'fortran_order' and 'shape'",
                error(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), 'extra': 1}", new byte[2])));
        assertEquals("byte 44: unexpected 'M' in the header dict; expected a string, True, False or a tuple",
                error(npy("{'descr': '|u1', 'fortran_order': Maybe, 'shape': (2,), }", new byte[2])));
    }

    @Test
    void nullFilesAreNamed() {
        assertEquals("file must not be null", assertThrows(NullPointerException.class, () -> NpyReader.read(null)).getMessage());
        assertEquals("files must not be null",
                assertThrows(NullPointerException.class, () -> NpyReader.loadClasses(null, 0)).getMessage());
    }
}
