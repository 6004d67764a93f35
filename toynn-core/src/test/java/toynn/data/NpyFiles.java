package toynn.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small {@code .npy} files (format 1.0) for tests, with any header text. */
final class NpyFiles {
    private NpyFiles() {
    }

    /** A file with header {@code {'descr': descr, 'fortran_order': False, 'shape': shape, }} and {@code data}. */
    static Path write(Path dir, String name, String descr, String shape, byte[] data) throws IOException {
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape
                + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');                                // the header is padded to a multiple of 64 bytes
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length).put(h).put(data);
        return Files.write(dir.resolve(name), b.array());
    }

    /** Little-endian float32 values. */
    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
