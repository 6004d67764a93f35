package toynn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.DataSet;

/** IDX files: small ones written here, broken ones, and Fashion-MNIST from Debian's package. */
class IdxReaderTest {
    @TempDir
    Path dir;

    /** An IDX file: the magic 00 00 type ndim, the sizes, then the data bytes. */
    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] pixels(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 37);
        }
        return p;
    }

    private String message(Path file) {
        return assertThrows(DataFormatException.class, () -> IdxReader.read(file)).getMessage();
    }

    @Test
    void readsRawAndGzipAlike() throws IOException {
        byte[] raw = idx(8, new int[] {3, 2, 4}, pixels(24));
        IdxReader.IdxArray a = IdxReader.read(write("a-idx3-ubyte", raw));
        IdxReader.IdxArray b = IdxReader.read(write("a-idx3-ubyte.gz", gzip(raw)));
        assertArrayEquals(new int[] {3, 2, 4}, a.dims());
        assertArrayEquals(pixels(24), a.data());
        assertArrayEquals(a.dims(), b.dims());
        assertArrayEquals(a.data(), b.data());
        assertEquals(3, a.count());
        assertEquals(8, a.itemSize());
        assertEquals(37, a.unsigned(1));
        assertEquals((37 * 7) & 0xFF, a.unsigned(7));
    }

    @Test
    void limitKeepsTheFirstItems() throws IOException {
        byte[] raw = idx(8, new int[] {3, 2, 4}, pixels(24));
        IdxReader.IdxArray a = IdxReader.read(write("g.gz", gzip(raw)), 2);
        assertEquals(2, a.count());
        assertEquals(3, a.fileCount());
        assertArrayEquals(Arrays.copyOf(pixels(24), 16), a.data());
    }

    @Test
    void pairBecomesAScaledOneHotImageSet() throws IOException {
        Path im = write("im", idx(8, new int[] {4, 2, 3}, pixels(24)));
        Path lb = write("lb.gz", gzip(idx(8, new int[] {4}, new byte[] {2, 0, 1, 2})));
        DataSet d = IdxReader.load(im, lb, List.of("zero", "one", "two"), 0);
        assertEquals(4, d.size());
        assertEquals(6, d.inputSize());
        assertEquals(List.of("zero", "one", "two"), d.classNames());
        assertArrayEquals(new int[] {2, 0, 1, 2}, d.labels());
        assertEquals(3, d.imageWidth());
        assertEquals(2, d.imageHeight());
        for (int i = 0; i < 24; i++) {
            assertEquals((float) ((pixels(24)[i] & 0xFF) / 255.0), d.inputs()[i]);
        }
        DataSet named = IdxReader.load(im, lb);
        assertEquals(List.of("0", "1", "2"), named.classNames());
    }

    @Test
    void wrongMagic() throws IOException {
        Path f = write("bad", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 1, 9});
        assertEquals(f + ": byte 0: not an IDX file: the magic number is 0x504B0304; expected 0x00000803 (images) "
                + "or 0x00000801 (labels): two zero bytes, the type 0x08, the number of dimensions", message(f));
    }

    @Test
    void unsupportedTypeAndDimensions() throws IOException {
        Path f = write("float", idx(0x0D, new int[] {1}, new byte[4]));
        assertEquals(f + ": byte 2: data type 0x0D (float) is not supported; expected 0x08 (unsigned byte)", message(f));
        Path g = write("zero-dims", new byte[] {0, 0, 8, 0});
        assertEquals(g + ": byte 3: 0 dimensions; expected 1 to 8", message(g));
        Path h = write("zero-size", idx(8, new int[] {0, 28}, new byte[0]));
        assertEquals(h + ": byte 4: size of dimension 0 is 0; expected 1 to 2147483647", message(h));
    }

    @Test
    void truncatedHeader() throws IOException {
        Path f = write("short", new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0});
        assertEquals(f + ": byte 10: truncated header: 3 dimensions need a 16-byte header, the data ends after 10",
                message(f));
        Path g = write("tiny", new byte[] {0, 0});
        assertEquals(g + ": byte 2: truncated header: the data ends after 2 bytes; an IDX header has at least 8",
                message(g));
    }

    @Test
    void rawFileShorterThanItsHeaderClaims() throws IOException {
        byte[] full = idx(8, new int[] {10, 28, 28}, pixels(7840));
        Path f = write("cut", Arrays.copyOf(full, 1000));
        assertEquals(f + ": byte 1000: truncated: the header claims 10×28×28 = 7840 data bytes but only 984 follow the header",
                message(f));
    }

    @Test
    void rawFileLongerThanItsHeaderClaims() throws IOException {
        Path f = write("long", idx(8, new int[] {2, 2}, pixels(5)));
        assertEquals(f + ": byte 16: the header claims 2×2 = 4 data bytes but 5 follow the header; "
                + "the sizes in the header are wrong or data was appended", message(f));
    }

    @Test
    void gzipTruncated() throws IOException {
        byte[] gz = gzip(idx(8, new int[] {100, 28, 28}, pixels(78400)));
        Path f = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        String m = message(f);
        assertTrue(m.startsWith(f + ": byte "), m);
        assertTrue(m.contains(" of the decompressed data: truncated: the header claims 100×28×28 = 78400 data bytes "
                + "but the data ends after "), m);
    }

    @Test
    void gzipWithFewerBytesThanClaimed() throws IOException {
        // A complete gzip stream whose header claims 1000 labels but holds 10.
        Path f = write("few.gz", gzip(idx(8, new int[] {1000}, pixels(10))));
        assertEquals(f + ": byte 18 of the decompressed data: truncated: the header claims 1000 = 1000 data bytes "
                + "but the data ends after 10", message(f));
    }

    @Test
    void gzipHeaderClaimingMoreThanTheFileCouldHold() throws IOException {
        // A ~60-byte gzip file cannot decompress to 60000×28×28 bytes: refused before allocating.
        byte[] gz = gzip(idx(8, new int[] {60000, 28, 28}, new byte[0]));
        Path f = write("liar.gz", gz);
        assertEquals(f + ": byte 4 of the decompressed data: the header claims 60000×28×28 = 47040000 data bytes, "
                + "but a gzip file of " + gz.length + " bytes can hold at most " + gz.length * 1032L
                + " (deflate compresses at most 1032:1); the header is wrong", message(f));
    }

    @Test
    void absurdClaimIsRefusedBeforeAllocating() throws IOException {
        Path f = write("huge", idx(8, new int[] {2_000_000_000, 28, 28}, new byte[0]));
        assertEquals(f + ": byte 4: the header claims 2000000000×28×28 = 1568000000000 data bytes, more than the "
                + "2147483639 one file may hold", message(f));
    }

    @Test
    void gzipWithTrailingData() throws IOException {
        Path f = write("extra.gz", gzip(idx(8, new int[] {3}, pixels(4))));
        assertEquals(f + ": byte 11 of the decompressed data: the header claims 3 = 3 data bytes but more data follows; "
                + "the sizes in the header are wrong or data was appended", message(f));
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] raw = new byte[3008];
        System.arraycopy(idx(8, new int[] {3000}, new byte[0]), 0, raw, 0, 8);
        for (int i = 8; i < raw.length; i++) {
            raw[i] = (byte) (i * 37);
        }
        byte[] gz = gzip(raw);
        for (int i = 12; i < 30; i++) {
            gz[i] ^= 0x5A;                                   // damage the deflate stream
        }
        Path f = write("corrupt.gz", gz);
        assertEquals(f + ": byte 0 of the decompressed data: corrupt gzip data (invalid literal/length code)", message(f));
    }

    @Test
    void pairsMustMatch() throws IOException {
        Path im = write("im", idx(8, new int[] {3, 2, 2}, pixels(12)));
        Path lb = write("lb", idx(8, new int[] {4}, new byte[] {0, 1, 0, 1}));
        assertEquals(im + ": holds 3 images but " + lb + " holds 4 labels; expected one label per image",
                assertThrows(DataFormatException.class, () -> IdxReader.load(im, lb)).getMessage());
        assertEquals(im + ": expected labels with 1 dimension (magic 0x00000801), got 3 (3×2×2); is this an image file?",
                assertThrows(DataFormatException.class, () -> IdxReader.load(im, im)).getMessage());
        Path lb3 = write("lb3", idx(8, new int[] {3}, new byte[] {0, 7, 1}));
        assertEquals(lb3 + ": byte 9: label 7 of example 1 has no class; expected 0 to 1 for the classes [a, b]",
                assertThrows(DataFormatException.class, () -> IdxReader.load(im, lb3, List.of("a", "b"), 0)).getMessage());
    }

    // ---------------------------------------------------------------- Fashion-MNIST (Debian package)

    @Test
    void fashionMnistFilesHaveTheKnownContent() throws Exception {
        FashionMnistTest.assumeInstalled();
        Path d = FashionMnist.DEFAULT_DIR;
        // Checksums computed independently with python3 (gzip + hashlib) over the bytes after the header.
        IdxReader.IdxArray train = IdxReader.read(d.resolve("train-images-idx3-ubyte.gz"));
        assertArrayEquals(new int[] {60000, 28, 28}, train.dims());
        assertEquals("2e487a6c89124f78f2d7521542223cafe96f7123c3ca13d447772ac6ecbb3012", FashionMnistTest.sha256(train.data()));
        IdxReader.IdxArray labels = IdxReader.read(d.resolve("train-labels-idx1-ubyte.gz"));
        assertEquals("657fbd221bfc9f4198cc14b5619cc33ec57c58dd0e47af4d99d6650759e869a7", FashionMnistTest.sha256(labels.data()));
        IdxReader.IdxArray test = IdxReader.read(d.resolve("t10k-images-idx3-ubyte.gz"));
        assertArrayEquals(new int[] {10000, 28, 28}, test.dims());
        assertEquals("c867c93ff95360594e8ec3287995350b824dd110b11595c0e13d5423f621867a", FashionMnistTest.sha256(test.data()));
    }

    @Test
    void nullFilesAreNamed() {
        assertEquals("file must not be null",
                assertThrows(NullPointerException.class, () -> IdxReader.load(null, null)).getMessage());
        // were bare NullPointerExceptions from Files.list and String.equals
        assertTrue(assertThrows(NullPointerException.class, () -> IdxFiles.find(null, "train")).getMessage()
                .startsWith("dir must not be null"));
        assertTrue(assertThrows(NullPointerException.class, () -> IdxFiles.find(dir, null)).getMessage()
                .startsWith("part must not be null"));
        assertEquals("dir must not be null",
                assertThrows(NullPointerException.class, () -> FashionMnist.isInstalled(null)).getMessage());
    }

    @Test
    void thePartIsAFileNameNotAPattern() throws IOException {
        write("train-images-idx3-ubyte", idx(0x08, new int[] {1, 1, 1}, new byte[1]));
        write("train-labels-idx1-ubyte", idx(0x08, new int[] {1}, new byte[1]));
        assertEquals(dir.resolve("train-images-idx3-ubyte"), IdxFiles.find(dir, "train").images());
        // "tr.in" once matched train-… as a regular expression; "t[" threw a PatternSyntaxException
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxFiles.find(dir, "tr.in")).getMessage()
                .startsWith("no tr.in-images-idx3-ubyte[.gz] in "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxFiles.find(dir, "t[")).getMessage()
                .startsWith("no t[-images"));
    }
}
