package toynn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import toynn.DataSet;

/**
 * Reads IDX files, the format of MNIST, Fashion-MNIST and EMNIST: a big-endian header
 * {@code 00 00 TYPE NDIM}, then {@code NDIM} sizes as unsigned 32-bit integers, then the values
 * row-major. Only unsigned bytes (type {@code 0x08}) are read — what all of those sets use.
 * Files may be raw or gzip-compressed (recognised by the gzip magic {@code 1f 8b}, not by name).
 *
 * <p>Nothing is allocated from a size before it is checked: a raw file's header must match its
 * length exactly; for gzip the header's claim must fit what the compressed size could possibly
 * hold ({@value #MAX_GZIP_RATIO}:1, deflate's limit) and at most {@link #MAX_DATA_BYTES}, and the
 * data is read incrementally, so a short stream fails as "truncated". Errors are
 * {@link DataFormatException}s naming the file and the byte offset (of the decompressed data for gzip).
 *
 * <p>EMNIST stores its images transposed (column by column); a dense network learns them the same.
 */
public final class IdxReader {
    /** The most data bytes one file may hold (the largest Java array). */
    public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;
    /** The largest compression ratio deflate can reach (about 1032:1); claims beyond it are lies. */
    public static final int MAX_GZIP_RATIO = 1032;
    /** The magic number of an IDX file of unsigned-byte images (3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of an IDX file of unsigned-byte labels (1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int CHUNK = 1 << 20;

    private IdxReader() {
    }

    /**
     * The content of one IDX file.
     *
     * @param source    the file, for messages
     * @param dims      the sizes read ({@code dims[0]} is the number of items, reduced to the limit if one was given)
     * @param data      the values, unsigned bytes row-major, {@code product(dims)} of them
     * @param fileCount the number of items the file holds ({@code dims[0]} before any limit)
     */
    public record IdxArray(String source, int[] dims, byte[] data, int fileCount) {
        /**
         * @throws IllegalArgumentException unless {@code dims} has at least one size, all ≥ 0, whose product is
         *                                  {@code data.length}, and {@code fileCount ≥ dims[0]}
         */
        public IdxArray {
            Objects.requireNonNull(source, "source must not be null");
            Objects.requireNonNull(dims, "dims must not be null");
            Objects.requireNonNull(data, "data must not be null");
            String what = "IDX array " + source + ": ";
            if (dims.length == 0) {
                throw new IllegalArgumentException(what + "dims have no dimension; expected 1 or more sizes");
            }
            java.math.BigInteger product = java.math.BigInteger.ONE;       // 8 sizes of 2^31 overflow a long
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] < 0) {
                    throw new IllegalArgumentException(what + "size " + dims[i] + " of dimension " + i
                            + " is negative; expected sizes ≥ 0");
                }
                product = product.multiply(java.math.BigInteger.valueOf(dims[i]));
            }
            if (!product.equals(java.math.BigInteger.valueOf(data.length))) {
                throw new IllegalArgumentException(what + "dims " + shape(dims) + " hold " + product + " values but data has "
                        + data.length + " bytes; expected product(dims) bytes");
            }
            if (fileCount < dims[0]) {
                throw new IllegalArgumentException(what + "fileCount " + fileCount + " is below the " + dims[0]
                        + " items read (dims[0]); expected fileCount ≥ dims[0]");
            }
        }

        /** Number of items read (images, labels). */
        public int count() {
            return dims[0];
        }

        /** Values per item: the product of all sizes but the first (1 for labels). */
        public int itemSize() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) {
                s *= dims[i];
            }
            return s;
        }

        /**
         * The value at {@code index} as an unsigned byte, 0–255.
         *
         * @throws IndexOutOfBoundsException unless {@code 0 ≤ index < data.length}
         */
        public int unsigned(int index) {
            if (index < 0 || index >= data.length) {
                throw new IndexOutOfBoundsException("IDX array " + source + ": index " + index + " is out of range; expected 0 to "
                        + (data.length - 1));
            }
            return data[index] & 0xFF;
        }
    }

    /** Reads a whole IDX file (raw or gzip). */
    public static IdxArray read(Path file) throws IOException {
        return read(file, 0);
    }

    /**
     * Reads an IDX file, keeping at most {@code limit} items (0 = all). With a limit the rest of a
     * gzip stream is not read, so its truncation would go unnoticed; a raw file's length is still checked.
     *
     * @throws DataFormatException naming the file, the byte offset and what was wrong
     * @throws IOException when the file cannot be read
     */
    public static IdxArray read(Path file, int limit) throws IOException {
        String src = Objects.requireNonNull(file, "file must not be null").toString();
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (all) or positive, got " + limit);
        }
        long fileSize = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int m0 = raw.read();
            int m1 = raw.read();
            raw.reset();
            boolean gzip = m0 == 0x1f && m1 == 0x8b;
            InputStream in;
            if (gzip) {
                try {
                    in = new GZIPInputStream(raw, 1 << 16);
                } catch (EOFException e) {
                    throw new DataFormatException(src, "truncated gzip header (the file has " + fileSize + " bytes)", e);
                } catch (ZipException e) {
                    throw new DataFormatException(src, "corrupt gzip header: " + e.getMessage(), e);
                }
            } else {
                in = raw;
            }
            return read(in, src, gzip, fileSize, limit);
        }
    }

    private static IdxArray read(InputStream in, String src, boolean gzip, long fileSize, int limit) throws IOException {
        String at = gzip ? " of the decompressed data" : "";
        byte[] magic = new byte[4];
        int got = readFully(in, magic, 4, src, 0);
        if (got < 4) {
            throw new DataFormatException(src, "byte " + got + at + ": truncated header: the data ends after " + got
                    + " bytes; an IDX header has at least 8");
        }
        int magicNumber = ((magic[0] & 0xFF) << 24) | ((magic[1] & 0xFF) << 16) | ((magic[2] & 0xFF) << 8) | (magic[3] & 0xFF);
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataFormatException(src, String.format("byte 0%s: not an IDX file: the magic number is 0x%08X; "
                    + "expected 0x%08X (images) or 0x%08X (labels): two zero bytes, the type 0x08, the number of dimensions",
                    at, magicNumber, IMAGES_MAGIC, LABELS_MAGIC));
        }
        int type = magic[2] & 0xFF;
        if (type != 0x08) {
            throw new DataFormatException(src, String.format("byte 2%s: data type 0x%02X (%s) is not supported; "
                    + "expected 0x08 (unsigned byte)", at, type, typeName(type)));
        }
        int ndim = magic[3] & 0xFF;
        if (ndim < 1 || ndim > 8) {
            throw new DataFormatException(src, "byte 3" + at + ": " + ndim + " dimensions; expected 1 to 8");
        }
        int headerSize = 4 + 4 * ndim;
        byte[] sizes = new byte[4 * ndim];
        got = readFully(in, sizes, sizes.length, src, 4);
        if (got < sizes.length) {
            throw new DataFormatException(src, "byte " + (4 + got) + at + ": truncated header: " + ndim
                    + " dimensions need a " + headerSize + "-byte header, the data ends after " + (4 + got));
        }
        int[] dims = new int[ndim];
        java.math.BigInteger exact = java.math.BigInteger.ONE;
        for (int i = 0; i < ndim; i++) {
            long d = ((sizes[4 * i] & 0xFFL) << 24) | ((sizes[4 * i + 1] & 0xFF) << 16)
                    | ((sizes[4 * i + 2] & 0xFF) << 8) | (sizes[4 * i + 3] & 0xFF);
            if (d < 1 || d > Integer.MAX_VALUE) {
                throw new DataFormatException(src, "byte " + (4 + 4 * i) + at + ": size of dimension " + i + " is " + d
                        + "; expected 1 to " + Integer.MAX_VALUE);
            }
            dims[i] = (int) d;
            exact = exact.multiply(java.math.BigInteger.valueOf(d));
        }
        String claim = "the header claims " + shape(dims) + " = " + exact + " data bytes";
        if (exact.compareTo(java.math.BigInteger.valueOf(MAX_DATA_BYTES)) > 0) {
            throw new DataFormatException(src, "byte 4" + at + ": " + claim + ", more than the " + MAX_DATA_BYTES
                    + " one file may hold");
        }
        long product = exact.longValue();
        if (gzip) {
            long possible = fileSize * MAX_GZIP_RATIO;
            if (product > possible) {
                throw new DataFormatException(src, "byte 4" + at + ": " + claim + ", but a gzip file of " + fileSize
                        + " bytes can hold at most " + possible + " (deflate compresses at most " + MAX_GZIP_RATIO
                        + ":1); the header is wrong");
            }
        } else {
            long present = fileSize - headerSize;
            if (present < product) {
                throw new DataFormatException(src, "byte " + fileSize + ": truncated: " + claim + " but only " + present
                        + " follow the header");
            }
            if (present > product) {
                throw new DataFormatException(src, "byte " + (headerSize + product) + ": " + claim + " but " + present
                        + " follow the header; the sizes in the header are wrong or data was appended");
            }
        }
        int fileCount = dims[0];
        int itemSize = (int) (product / fileCount);
        if (limit > 0 && limit < fileCount) {
            dims[0] = limit;
        }
        int want = dims[0] * itemSize;
        byte[] data = new byte[want];
        got = readFully(in, data, want, src, headerSize);
        if (got < want) {
            throw new DataFormatException(src, "byte " + (headerSize + got) + at + ": truncated: " + claim
                    + " but the data ends after " + got);
        }
        if (gzip && want == product && readFully(in, new byte[1], 1, src, headerSize + product) == 1) {
            throw new DataFormatException(src, "byte " + (headerSize + product) + at + ": " + claim
                    + " but more data follows; the sizes in the header are wrong or data was appended");
        }
        return new IdxArray(src, dims, data, fileCount);
    }

    /**
     * Reads until {@code n} bytes or the end; returns how many arrived. A truncated gzip stream ends
     * the read; corrupt gzip data is an error at decompressed byte {@code base + bytes read}.
     */
    private static int readFully(InputStream in, byte[] b, int n, String src, long base) throws IOException {
        int done = 0;
        while (done < n) {
            int r;
            try {
                r = in.read(b, done, Math.min(CHUNK, n - done));
            } catch (EOFException e) {
                return done;                          // "Unexpected end of ZLIB input stream": a truncated gzip file
            } catch (ZipException e) {
                throw new DataFormatException(src, "byte " + (base + done) + " of the decompressed data: corrupt gzip data ("
                        + e.getMessage() + ")", e);
            }
            if (r < 0) {
                return done;
            }
            done += r;
        }
        return done;
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x09:
                return "signed byte";
            case 0x0B:
                return "short";
            case 0x0C:
                return "int";
            case 0x0D:
                return "float";
            case 0x0E:
                return "double";
            default:
                return "unknown";
        }
    }

    static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return sb.toString();
    }

    /** A pair of IDX files as a data set, all examples; class names "0", "1", … up to the largest label. */
    public static DataSet load(Path images, Path labels) throws IOException {
        return load(images, labels, null, 0);
    }

    /**
     * A pair of IDX files — images {@code (n, height, width)} or {@code (n, features)} and labels
     * {@code (n)} — as a classification data set: pixels scaled to [0, 1] ({@code p / 255}, rounded
     * to float32), one-hot targets, and the image shape when the images have 3 dimensions.
     *
     * @param classNames names of labels 0, 1, …; null for "0", "1", … up to the largest label
     * @param limit      at most this many examples (0 = all)
     * @throws DataFormatException when a file is malformed, the counts differ, or a label has no class
     */
    public static DataSet load(Path images, Path labels, List<String> classNames, int limit) throws IOException {
        IdxArray im = read(images, limit);
        IdxArray lb = read(labels, limit);
        if (im.dims().length < 2) {
            throw new DataFormatException(im.source(), "expected images with at least 2 dimensions (magic "
                    + String.format("0x%08X", IMAGES_MAGIC) + "), got 1 dimension; is this a label file?");
        }
        if (lb.dims().length != 1) {
            throw new DataFormatException(lb.source(), "expected labels with 1 dimension (magic "
                    + String.format("0x%08X", LABELS_MAGIC) + "), got " + lb.dims().length + " (" + shape(lb.dims())
                    + "); is this an image file?");
        }
        if (im.fileCount() != lb.fileCount()) {
            throw new DataFormatException(im.source(), "holds " + im.fileCount() + " images but " + lb.source()
                    + " holds " + lb.fileCount() + " labels; expected one label per image");
        }
        int n = im.count();
        int[] y = new int[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            y[i] = lb.unsigned(i);
            max = Math.max(max, y[i]);
        }
        List<String> names = classNames;
        if (names == null) {
            names = new ArrayList<>();
            for (int c = 0; c <= max; c++) {
                names.add(Integer.toString(c));
            }
        } else if (max >= names.size()) {
            int i = 0;
            while (y[i] < names.size()) {
                i++;
            }
            throw new DataFormatException(lb.source(), "byte " + (8 + i) + ": label " + y[i] + " of example " + i
                    + " has no class; expected 0 to " + (names.size() - 1) + " for the classes " + names);
        }
        float[] x = toUnitFloats(im.data());                      // (n, itemSize)
        DataSet ds = DataSet.ofLabels(x, im.itemSize(), y, names);
        if (im.dims().length == 3) {
            ds = ds.withImageShape(im.dims()[2], im.dims()[1]);
        }
        return ds;
    }

    /** Unsigned bytes as floats in [0, 1]: {@code (float) (p / 255.0)}. */
    static float[] toUnitFloats(byte[] pixels) {
        float[] table = new float[256];
        for (int p = 0; p < 256; p++) {
            table[p] = (float) (p / 255.0);
        }
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = table[pixels[i] & 0xFF];
        }
        return out;
    }
}
