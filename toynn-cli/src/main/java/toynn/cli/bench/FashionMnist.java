package toynn.cli.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST as the benchmark protocol uses it (GUIDE.md §3): the four IDX {@code .gz} files of
 * Debian's {@code dataset-fashion-mnist}, pixels scaled to [0, 1] float32, labels 0–9. A small
 * reader local to the benchmark, so the numbers do not depend on the general loaders.
 *
 * @param trainImages (60000, 784) row-major
 * @param trainLabels (60000)
 * @param testImages  (10000, 784) row-major
 * @param testLabels  (10000)
 */
public record FashionMnist(float[] trainImages, int[] trainLabels, float[] testImages, int[] testLabels) {
    /** Where Debian's package puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Pixels per image. */
    public static final int PIXELS = 784;
    /** Number of classes. */
    public static final int CLASSES = 10;
    private static final int MAX_ITEMS = 1_000_000;

    /** Training samples. */
    public int trainSize() {
        return trainLabels.length;
    }

    /** Test samples. */
    public int testSize() {
        return testLabels.length;
    }

    /** True when all four files are in {@code dir}. */
    public static boolean isPresent(Path dir) {
        for (String f : files()) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return false;
            }
        }
        return true;
    }

    private static String[] files() {
        return new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
    }

    /**
     * Reads the four files.
     *
     * @throws IOException when a file is missing, truncated or not IDX of the expected kind
     */
    public static FashionMnist load(Path dir) throws IOException {
        String[] f = files();
        float[] trainX = images(dir.resolve(f[0]));
        int[] trainY = labels(dir.resolve(f[1]));
        float[] testX = images(dir.resolve(f[2]));
        int[] testY = labels(dir.resolve(f[3]));
        if (trainX.length != trainY.length * PIXELS || testX.length != testY.length * PIXELS) {
            throw new IOException("Fashion-MNIST in " + dir + ": image and label counts differ");
        }
        return new FashionMnist(trainX, trainY, testX, testY);
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
    }

    private static float[] images(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new IOException(file + ": not an IDX image file (magic " + Integer.toHexString(magic) + ", expected 803)");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n < 0 || n > MAX_ITEMS || rows != 28 || cols != 28) {
                throw new IOException(file + ": " + n + " images of " + rows + "×" + cols + "; expected up to "
                        + MAX_ITEMS + " images of 28×28");
            }
            byte[] raw = new byte[n * PIXELS];
            in.readFully(raw);
            float[] x = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                x[i] = (raw[i] & 0xFF) / 255f;
            }
            return x;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated", e);
        }
    }

    private static int[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x801) {
                throw new IOException(file + ": not an IDX label file (magic " + Integer.toHexString(magic) + ", expected 801)");
            }
            int n = in.readInt();
            if (n < 0 || n > MAX_ITEMS) {
                throw new IOException(file + ": " + n + " labels; expected up to " + MAX_ITEMS);
            }
            byte[] raw = new byte[n];
            in.readFully(raw);
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = raw[i] & 0xFF;
                if (y[i] >= CLASSES) {
                    throw new IOException(file + ": label " + y[i] + " at " + i + "; expected 0–9");
                }
            }
            return y;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated", e);
        }
    }

    /** Fraction of rows of {@code out} (n, 10) whose largest entry is at the label. */
    public static double accuracy(float[] out, int[] labels, int n) {
        int right = 0;
        for (int i = 0; i < n; i++) {
            if (argmax(out, i * CLASSES, CLASSES) == labels[i]) {
                right++;
            }
        }
        return (double) right / n;
    }

    /** Index of the largest of {@code a[off..off+len)}, relative to {@code off}. */
    public static int argmax(float[] a, int off, int len) {
        int best = 0;
        for (int j = 1; j < len; j++) {
            if (a[off + j] > a[off + best]) {
                best = j;
            }
        }
        return best;
    }
}
