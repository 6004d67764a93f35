package toynn.train;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import toynn.DataSet;

/**
 * A minimal reader for the gzipped IDX files of (Fashion-)MNIST, for tests only (the library's own
 * loader is toynn.data.IdxReader). Pixels are scaled to [0, 1]; labels become one-hot rows.
 */
final class IdxTestReader {
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private IdxTestReader() {
    }

    /** {@code prefix} is "train" or "t10k". */
    static DataSet load(Path dir, String prefix) throws IOException {
        byte[] pixels;
        int count;
        int size;
        try (DataInputStream in = open(dir.resolve(prefix + "-images-idx3-ubyte.gz"))) {
            check(in.readInt(), 0x803, "images");
            count = in.readInt();
            size = in.readInt() * in.readInt();
            pixels = new byte[count * size];
            in.readFully(pixels);
        }
        byte[] labels;
        try (DataInputStream in = open(dir.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
            check(in.readInt(), 0x801, "labels");
            int n = in.readInt();
            if (n != count) {
                throw new IOException(n + " labels for " + count + " images");
            }
            labels = new byte[n];
            in.readFully(labels);
        }
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[i] & 0xFF) / 255f;
        }
        float[] t = new float[count * 10];
        for (int i = 0; i < count; i++) {
            t[i * 10 + labels[i]] = 1f;
        }
        return DataSet.of(x, t, count, size, 10, FASHION_CLASSES, List.of());
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream raw = Files.newInputStream(p);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
    }

    private static void check(int magic, int expected, String what) throws IOException {
        if (magic != expected) {
            throw new IOException(what + ": magic number " + Integer.toHexString(magic) + ", expected "
                    + Integer.toHexString(expected));
        }
    }
}
