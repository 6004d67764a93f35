package toynn.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import toynn.DataSet;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0): the magic {@code \x93NUMPY},
 * a version, a header length, a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (1000, 784), }} and the raw values.
 *
 * <p>Supported element types ({@code descr}): booleans {@code |b1}; unsigned and signed integers of
 * 1, 2, 4 and 8 bytes ({@code |u1}, {@code <i8}, …); floats {@code <f4} and {@code <f8}; either byte
 * order ({@code <}, {@code >}, {@code =} for native, {@code |} for single bytes). Arrays must be
 * in C order ({@code fortran_order: False}; 1-dimensional arrays may say either). The shape's
 * product times the element size must equal the bytes after the header exactly, and is checked
 * before anything is allocated. Quick, Draw! bitmaps are {@code (n, 784)} of {@code |u1}.
 *
 * <p>Errors are {@link DataFormatException}s with the file, the byte offset and the reason.
 * Compressed {@code .npz} archives and structured (record) types are not read.
 */
public final class NpyReader {
    /** The most data bytes one file may hold (the largest Java array). */
    public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;
    /** Headers longer than this are refused (NumPy's own headers are a few hundred bytes). */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    /**
     * Without class names the classes are 0 to the largest label, one-hot: at most this many target values
     * per data byte of the two files (or {@link CsvReader#MIN_VALUE_BOUND}), as {@link CsvReader} bounds its
     * one-hot columns — so a corrupt label like 100,000,000 fails here instead of exhausting the memory.
     */
    private static final int MAX_TARGETS_PER_BYTE = CsvReader.MAX_VALUES_PER_CHAR;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("([<>|=])([buif])(\\d{1,2})");   // sizes 1–8: two digits fit an int

    private NpyReader() {
    }

    /**
     * The content of one {@code .npy} file.
     *
     * @param source   the file, for messages
     * @param dtype    the element type as written in the file, e.g. {@code "|u1"} or {@code "<f4"}
     * @param shape    the sizes read ({@code shape[0]} reduced to the limit if one was given)
     * @param data     the raw values, C order, in the file's byte order
     * @param fileRows {@code shape[0]} as the file states it (before any limit)
     */
    public record NpyArray(String source, String dtype, int[] shape, byte[] data, int fileRows) {
        /**
         * @throws IllegalArgumentException unless {@code dtype} is a supported type, {@code shape} has at least one
         *                                  size, all ≥ 0, whose product times the item size is {@code data.length},
         *                                  and {@code fileRows ≥ shape[0]}
         */
        public NpyArray {
            Objects.requireNonNull(source, "source must not be null");
            Objects.requireNonNull(dtype, "dtype must not be null");
            Objects.requireNonNull(shape, "shape must not be null");
            Objects.requireNonNull(data, "data must not be null");
            String what = "NPY array " + source + ": ";
            if (!supported(dtype)) {
                throw new IllegalArgumentException(what + unsupported(dtype));
            }
            if (shape.length == 0) {
                throw new IllegalArgumentException(what + "shape () has no dimension; expected 1 or more sizes");
            }
            java.math.BigInteger needed = java.math.BigInteger.valueOf(Integer.parseInt(dtype.substring(2)));
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    throw new IllegalArgumentException(what + "size " + shape[i] + " of dimension " + i
                            + " is negative; expected sizes ≥ 0");
                }
                needed = needed.multiply(java.math.BigInteger.valueOf(shape[i]));   // 8 sizes of 2^31 overflow a long
            }
            if (!needed.equals(java.math.BigInteger.valueOf(data.length))) {
                throw new IllegalArgumentException(what + "shape " + shapeText(toLong(shape)) + " of " + dtype + " needs "
                        + needed + " data bytes but data has " + data.length);
            }
            if (fileRows < shape[0]) {
                throw new IllegalArgumentException(what + "fileRows " + fileRows + " is below the " + shape[0]
                        + " rows read (shape[0]); expected fileRows ≥ shape[0]");
            }
        }

        /** Number of values read. */
        public int size() {
            return data.length / itemSize();
        }

        /** Number of rows read ({@code shape[0]}). */
        public int rows() {
            return shape[0];
        }

        /** Values per row: the product of all sizes but the first (1 for a 1-dimensional array). */
        public int rowSize() {
            int s = 1;
            for (int i = 1; i < shape.length; i++) {
                s *= shape[i];
            }
            return s;
        }

        /** Bytes per value. */
        public int itemSize() {
            return Integer.parseInt(dtype.substring(2));
        }

        /** The kind of value: {@code 'b'} boolean, {@code 'u'} unsigned, {@code 'i'} signed, {@code 'f'} float. */
        public char kind() {
            return dtype.charAt(1);
        }

        /**
         * The value at flat index {@code i}, as a double (8-byte integers beyond 2^53 lose precision).
         *
         * @throws IndexOutOfBoundsException unless {@code 0 ≤ i < size()}
         */
        public double get(int i) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("NPY array " + source + ": index " + i + " is out of range; expected 0 to "
                        + (size() - 1));
            }
            return get(buffer(), i);
        }

        private ByteBuffer buffer() {
            return ByteBuffer.wrap(data).order(dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }

        private double get(ByteBuffer b, int i) {
            int size = itemSize();
            int at = i * size;
            switch (kind()) {
                case 'b':
                    return data[at] != 0 ? 1 : 0;
                case 'f':
                    return size == 4 ? b.getFloat(at) : b.getDouble(at);
                case 'u':
                    switch (size) {
                        case 1:
                            return data[at] & 0xFF;
                        case 2:
                            return b.getShort(at) & 0xFFFF;
                        case 4:
                            return b.getInt(at) & 0xFFFFFFFFL;
                        default:
                            long v = b.getLong(at);
                            return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
                    }
                default:
                    switch (size) {
                        case 1:
                            return data[at];
                        case 2:
                            return b.getShort(at);
                        case 4:
                            return b.getInt(at);
                        default:
                            return b.getLong(at);
                    }
            }
        }

        /**
         * All values as float32, each multiplied by {@code scale} (e.g. {@code 1 / 255.0} for pixels).
         *
         * @throws DataFormatException when a value is NaN or infinite, naming its row and column
         */
        public float[] toFloats(double scale) {
            int n = size();
            float[] out = new float[n];
            if (dtype.endsWith("u1")) {
                float[] table = new float[256];
                for (int p = 0; p < 256; p++) {
                    table[p] = (float) (p * scale);
                }
                for (int i = 0; i < n; i++) {
                    out[i] = table[data[i] & 0xFF];
                }
                return out;
            }
            ByteBuffer b = buffer();
            for (int i = 0; i < n; i++) {
                float v = (float) (get(b, i) * scale);
                if (!Float.isFinite(v)) {
                    int rs = rowSize();
                    throw new DataFormatException(source, "row " + i / rs + (rs > 1 ? ", column " + i % rs : "")
                            + " (counting from 0) is " + get(b, i) + (Double.isFinite(get(b, i)) ? " (× " + scale
                            + " overflows float32)" : "") + "; expected a finite number");
                }
                out[i] = v;
            }
            return out;
        }

        /**
         * All values as integers (for labels).
         *
         * @throws DataFormatException when a value is not a whole number in the int range, naming its index
         */
        public int[] toInts() {
            int n = size();
            int[] out = new int[n];
            ByteBuffer b = buffer();
            for (int i = 0; i < n; i++) {
                double v = get(b, i);
                if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    boolean whole = v == Math.rint(v) && !Double.isInfinite(v);    // then it is the range that is wrong
                    throw new DataFormatException(source, "value " + i + " is " + v + "; expected a whole number"
                            + (whole ? " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : ""));
                }
                out[i] = (int) v;
            }
            return out;
        }
    }

    /** Reads a whole {@code .npy} file. */
    public static NpyArray read(Path file) throws IOException {
        return read(file, 0);
    }

    /**
     * Reads a {@code .npy} file, keeping at most {@code limit} rows (0 = all). The file's length is
     * checked against its shape either way.
     *
     * @throws DataFormatException naming the file, byte offset and what was wrong
     * @throws IOException when the file cannot be read
     */
    public static NpyArray read(Path file, int limit) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (all) or positive, got " + limit);
        }
        String src = Objects.requireNonNull(file, "file must not be null").toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            byte[] pre = readAt(ch, 0, (int) Math.min(12, fileSize));
            for (int i = 0; i < MAGIC.length; i++) {
                if (i >= pre.length || pre[i] != MAGIC[i]) {
                    throw new DataFormatException(src, "byte " + i + ": not a .npy file; expected it to start with the magic "
                            + "\\x93NUMPY" + (i >= pre.length ? ", but the file ends after " + pre.length + " bytes" : ""));
                }
            }
            if (pre.length < 8) {
                throw new DataFormatException(src, "byte " + pre.length + ": truncated header: the file ends after "
                        + pre.length + " bytes");
            }
            int major = pre[6] & 0xFF;
            int minor = pre[7] & 0xFF;
            if (major < 1 || major > 3 || minor != 0) {
                throw new DataFormatException(src, "byte 6: format version " + major + "." + minor
                        + " is not supported; expected 1.0, 2.0 or 3.0");
            }
            int lengthBytes = major == 1 ? 2 : 4;
            int headerStart = 8 + lengthBytes;
            if (pre.length < headerStart) {
                throw new DataFormatException(src, "byte " + pre.length + ": truncated header: the file ends after "
                        + pre.length + " bytes; version " + major + ".0 needs " + headerStart + " before the header text");
            }
            long headerLength = major == 1
                    ? (pre[8] & 0xFF) | ((pre[9] & 0xFF) << 8)
                    : (pre[8] & 0xFFL) | ((pre[9] & 0xFFL) << 8) | ((pre[10] & 0xFFL) << 16) | ((pre[11] & 0xFFL) << 24);
            if (headerLength > MAX_HEADER_BYTES) {
                throw new DataFormatException(src, "byte 8: header length " + headerLength + " is larger than the "
                        + MAX_HEADER_BYTES + " bytes allowed");
            }
            if (headerStart + headerLength > fileSize) {
                throw new DataFormatException(src, "byte 8: truncated header: the header length " + headerLength
                        + " runs past the end of the file (" + fileSize + " bytes)");
            }
            byte[] headerBytes = readAt(ch, headerStart, (int) headerLength);
            String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Map<String, Object> dict = new HeaderParser(header, headerStart, src).parseDict();

            for (String key : List.of("descr", "fortran_order", "shape")) {
                if (!dict.containsKey(key)) {
                    throw new DataFormatException(src, "byte " + headerStart + ": the header has no '" + key
                            + "'; expected 'descr', 'fortran_order' and 'shape'");
                }
            }
            for (String key : dict.keySet()) {
                if (!List.of("descr", "fortran_order", "shape").contains(key)) {
                    throw new DataFormatException(src, "byte " + headerStart + ": unexpected key '" + key
                            + "' in the header; expected only 'descr', 'fortran_order' and 'shape'");
                }
            }
            String dtype = checkDtype(dict.get("descr"), src, headerStart);
            int itemSize = Integer.parseInt(dtype.substring(2));
            if (!(dict.get("shape") instanceof long[])) {
                throw new DataFormatException(src, "byte " + headerStart + ": 'shape' is " + describe(dict.get("shape"))
                        + "; expected a tuple of sizes like (1000, 784)");
            }
            long[] shapeLong = (long[]) dict.get("shape");
            if (shapeLong.length == 0) {
                throw new DataFormatException(src, "shape () is a single number; expected an array with at least one dimension");
            }
            if (!(dict.get("fortran_order") instanceof Boolean)) {
                throw new DataFormatException(src, "byte " + headerStart + ": 'fortran_order' is "
                        + describe(dict.get("fortran_order")) + "; expected True or False");
            }
            if ((Boolean) dict.get("fortran_order") && shapeLong.length > 1) {
                throw new DataFormatException(src, "fortran_order is True (column-major); only C-order arrays are read "
                        + "(save with numpy.ascontiguousarray(a))");
            }
            int[] shape = new int[shapeLong.length];
            java.math.BigInteger count = java.math.BigInteger.ONE;
            for (int i = 0; i < shape.length; i++) {
                if (shapeLong[i] < 1 || shapeLong[i] > Integer.MAX_VALUE) {
                    throw new DataFormatException(src, "shape " + shapeText(shapeLong) + ": size " + shapeLong[i]
                            + " of dimension " + i + " is out of range; expected 1 to " + Integer.MAX_VALUE);
                }
                shape[i] = (int) shapeLong[i];
                count = count.multiply(java.math.BigInteger.valueOf(shapeLong[i]));
            }
            java.math.BigInteger needed = count.multiply(java.math.BigInteger.valueOf(itemSize));
            long dataStart = headerStart + headerLength;
            long present = fileSize - dataStart;
            String claim = "shape " + shapeText(shapeLong) + " of " + dtype + " needs " + needed + " data bytes";
            if (needed.compareTo(java.math.BigInteger.valueOf(MAX_DATA_BYTES)) > 0) {
                throw new DataFormatException(src, "byte " + dataStart + ": " + claim + ", more than the "
                        + MAX_DATA_BYTES + " one file may hold");
            }
            if (needed.longValue() != present) {
                throw new DataFormatException(src, "byte " + dataStart + ": " + claim + " but the file has " + present
                        + " after the header" + (present < needed.longValue() ? " (truncated?)" : ""));
            }
            int fileRows = shape[0];
            if (limit > 0 && limit < fileRows) {
                shape[0] = limit;
            }
            long rowBytes = needed.longValue() / fileRows;
            byte[] data = readAt(ch, dataStart, (int) (shape[0] * rowBytes));
            return new NpyArray(src, dtype, shape, data, fileRows);
        }
    }

    private static String checkDtype(Object descr, String src, int at) {
        if (!(descr instanceof String)) {
            throw new DataFormatException(src, "byte " + at + ": dtype " + describe(descr)
                    + " is not supported; expected a simple type like '|u1' or '<f4' (no structured types)");
        }
        String d = (String) descr;
        if (!supported(d)) {
            throw new DataFormatException(src, unsupported(d));
        }
        return (d.charAt(0) == '=' ? '<' : d.charAt(0)) + d.substring(1);
    }

    /** Whether {@code d} is an element type this reader reads: byte order, kind, a size that kind has. */
    private static boolean supported(String d) {
        Matcher m = DESCR.matcher(d);
        if (!m.matches()) {
            return false;
        }
        int size = Integer.parseInt(m.group(3));
        char kind = m.group(2).charAt(0);
        char order = m.group(1).charAt(0);
        boolean ok = kind == 'b' ? size == 1
                : kind == 'f' ? size == 4 || size == 8
                : size == 1 || size == 2 || size == 4 || size == 8;
        return ok && (size == 1 || order != '|');
    }

    private static String unsupported(String d) {
        return "dtype '" + d + "' is not supported; expected |u1, |i1, |b1, "
                + "<f4, <f8, <i2, <i4, <i8, <u2, <u4, <u8 (or big-endian >)";
    }

    private static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String describe(Object v) {
        if (v instanceof String) {
            return "'" + v + "'";
        }
        if (v instanceof long[]) {
            return shapeText((long[]) v);
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "True" : "False";
        }
        if (v instanceof Long) {
            return v.toString();
        }
        return "a list";
    }

    private static byte[] readAt(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            int r = ch.read(buf, position + buf.position());
            if (r < 0) {
                throw new EOFException("file ended while reading");
            }
        }
        return buf.array();
    }

    /**
     * Parses the header's Python dict literal: string keys; values are strings, True/False,
     * integers or tuples of integers (lists are recognised only to be refused as structured dtypes).
     */
    private static final class HeaderParser {
        private final String text;
        private final int base;
        private final String src;
        private int i;

        HeaderParser(String text, int base, String src) {
            this.text = text;
            this.base = base;
            this.src = src;
        }

        Map<String, Object> parseDict() {
            Map<String, Object> out = new HashMap<>();
            skipSpace();
            expect('{');
            skipSpace();
            while (peek() != '}') {
                int keyAt = i;
                String key = string();
                if (out.containsKey(key)) {
                    throw fail(keyAt, "the key '" + key + "' appears twice");
                }
                skipSpace();
                expect(':');
                skipSpace();
                out.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    i++;
                    skipSpace();
                } else if (peek() != '}') {
                    throw fail(i, "expected ',' or '}' in the header dict, got " + found());
                }
            }
            i++;
            skipSpace();
            if (i != text.length()) {
                throw fail(i, "unexpected text after the header dict: " + found());
            }
            return out;
        }

        private Object value() {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                i++;
                List<Long> sizes = new ArrayList<>();
                skipSpace();
                while (peek() != ')') {
                    sizes.add(integer());
                    skipSpace();
                    if (peek() == ',') {
                        i++;
                        skipSpace();
                    } else if (peek() != ')') {
                        throw fail(i, "expected ',' or ')' in the shape tuple, got " + found());
                    }
                }
                i++;
                long[] a = new long[sizes.size()];
                for (int k = 0; k < a.length; k++) {
                    a[k] = sizes.get(k);
                }
                return a;
            }
            if (c == '[') {
                int depth = 0;
                do {
                    char d = peek();
                    depth += d == '[' ? 1 : d == ']' ? -1 : 0;
                    i++;
                } while (depth > 0);
                return new ArrayList<>();
            }
            if (text.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (Character.isDigit(c) || c == '-') {
                return integer();
            }
            throw fail(i, "unexpected " + found() + " in the header dict; expected a string, True, False or a tuple");
        }

        private long integer() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            String digits = text.substring(start, i);
            if (digits.isEmpty() || digits.equals("-")) {
                throw fail(start, "expected a whole number, got " + found());
            }
            if (peek() == 'L') {      // Python 2 long literals, e.g. (10L, 3L)
                i++;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw fail(start, "the number " + digits + " is too large");
            }
        }

        private String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw fail(i, "expected a quoted key, got " + found());
            }
            int start = ++i;
            while (i < text.length() && text.charAt(i) != q) {
                i++;
            }
            if (i >= text.length()) {
                throw fail(start - 1, "a string in the header is never closed");
            }
            return text.substring(start, i++);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw fail(i, "expected '" + c + "', got " + found());
            }
            i++;
        }

        private char peek() {
            if (i >= text.length()) {
                throw fail(i, "the header dict ends too early");
            }
            return text.charAt(i);
        }

        private String found() {
            return i >= text.length() ? "the end of the header" : "'" + text.charAt(i) + "'";
        }

        private void skipSpace() {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }

        private DataFormatException fail(int at, String why) {
            return new DataFormatException(src, "byte " + (base + at) + ": " + why);
        }
    }

    // ---------------------------------------------------------------- data sets

    /**
     * Images (or any features) with integer labels in a second file, as a classification data set.
     * Rows of {@code |u1} values are scaled to [0, 1] ({@code p / 255}); other types are used as they are.
     * Inputs of shape {@code (n, h, w)}, and {@code |u1} rows of a square size (like Quick, Draw!'s 784),
     * are marked as images.
     *
     * @param classNames names for labels 0, 1, …; null for "0", "1", … up to the largest label
     * @param limit      at most this many examples (0 = all)
     * @throws DataFormatException when the files are malformed, differ in length, or a label has no class
     */
    public static DataSet load(Path inputs, Path labels, List<String> classNames, int limit) throws IOException {
        NpyArray x = read(inputs, limit);
        NpyArray y = read(labels, limit);
        if (y.shape().length != 1) {
            throw new DataFormatException(y.source(), "labels have shape " + shapeText(toLong(y.shape()))
                    + "; expected one dimension, one label per row of " + x.source());
        }
        if (x.fileRows() != y.fileRows()) {
            throw new DataFormatException(x.source(), "has " + x.fileRows() + " rows but " + y.source() + " has "
                    + y.fileRows() + " labels; expected one label per row");
        }
        int[] labelValues = y.toInts();
        int max = 0;
        int maxAt = 0;
        for (int i = 0; i < labelValues.length; i++) {
            if (labelValues[i] < 0 || (classNames != null && labelValues[i] >= classNames.size())) {
                throw new DataFormatException(y.source(), "label " + i + " is " + labelValues[i] + "; expected 0 to "
                        + (classNames == null ? "any larger whole number" : (classNames.size() - 1) + " for the classes " + classNames));
            }
            if (labelValues[i] > max) {
                max = labelValues[i];
                maxAt = i;
            }
        }
        List<String> names = classNames;
        long oneHot = (long) labelValues.length * (max + 1L);                    // (rows, classes)
        long bytes = (long) x.data().length + y.data().length;
        if (names == null && oneHot > Math.max(CsvReader.MIN_VALUE_BOUND, MAX_TARGETS_PER_BYTE * bytes)) {
            throw new DataFormatException(y.source(), "label " + maxAt + " is " + max + ", which makes " + (max + 1L)
                    + " classes: " + labelValues.length + " rows × " + (max + 1L) + " one-hot targets would be " + oneHot
                    + " values from " + bytes + " bytes of data; expected labels 0 to k − 1 for k classes (is the file "
                    + "corrupt, or are these not class labels?)");
        }
        if (names == null) {
            names = new ArrayList<>();
            for (int c = 0; c <= max; c++) {
                names.add(Integer.toString(c));
            }
        }
        return imageShape(DataSet.ofLabels(inputValues(x), x.rowSize(), labelValues, names), x);
    }

    /**
     * One file per class, as Quick, Draw! ships them ({@code cat.npy}, {@code dog.npy}, …): the class
     * names are the file names without {@code .npy}; every file must have the same row size. Scaling
     * and image shapes as in {@link #load(Path, Path, List, int)}.
     *
     * @param limit at most this many examples per class (0 = all)
     */
    public static DataSet loadClasses(List<Path> files, int limit) throws IOException {
        if (Objects.requireNonNull(files, "files must not be null").isEmpty()) {
            throw new IllegalArgumentException("no .npy files given; expected one file per class");
        }
        List<NpyArray> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            NpyArray a = read(f, limit);
            if (!parts.isEmpty() && a.rowSize() != parts.get(0).rowSize()) {
                throw new DataFormatException(a.source(), "rows have " + a.rowSize() + " values but "
                        + parts.get(0).source() + " has " + parts.get(0).rowSize() + "; every class file needs the same row size");
            }
            String name = f.getFileName().toString().replaceFirst("(?i)\\.npy$", "");
            if (names.contains(name)) {
                throw new IllegalArgumentException("two class files are named '" + name + "'; expected one file per class");
            }
            parts.add(a);
            names.add(name);
            total += a.rows();
        }
        int rowSize = parts.get(0).rowSize();
        if (total * rowSize > MAX_DATA_BYTES) {
            throw new IllegalArgumentException(total + " rows × " + rowSize + " values do not fit in one array; use a limit");
        }
        float[] x = new float[(int) total * rowSize];
        int[] y = new int[(int) total];
        int row = 0;
        for (int c = 0; c < parts.size(); c++) {
            float[] v = inputValues(parts.get(c));
            System.arraycopy(v, 0, x, row * rowSize, v.length);
            for (int k = 0; k < parts.get(c).rows(); k++) {
                y[row++] = c;
            }
        }
        return imageShape(DataSet.ofLabels(x, rowSize, y, names), parts.get(0));
    }

    private static float[] inputValues(NpyArray a) {
        return a.toFloats(a.dtype().endsWith("u1") ? 1 / 255.0 : 1.0);
    }

    private static DataSet imageShape(DataSet ds, NpyArray a) {
        if (a.shape().length == 3) {
            return ds.withImageShape(a.shape()[2], a.shape()[1]);
        }
        int side = (int) Math.round(Math.sqrt(a.rowSize()));
        if (a.shape().length == 2 && a.dtype().endsWith("u1") && side * side == a.rowSize()) {
            return ds.withImageShape(side, side);
        }
        return ds;
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
