package toynn.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import toynn.DataSet;
import toynn.data.FashionMnist;
import toynn.data.TrainTest;

/**
 * Fashion-MNIST as the benchmark protocol uses it (GUIDE.md §3), read by
 * {@link toynn.data.FashionMnist}: pixels in [0, 1] float32, labels 0–9, as flat arrays the tasks
 * index directly.
 *
 * @param trainImages (60000, 784) row-major
 * @param trainLabels (60000)
 * @param testImages  (10000, 784) row-major
 * @param testLabels  (10000)
 */
public record BenchData(float[] trainImages, int[] trainLabels, float[] testImages, int[] testLabels) {
    /** Where Debian's {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = FashionMnist.DEFAULT_DIR;
    /** Pixels per image. */
    public static final int PIXELS = 784;
    /** Number of classes. */
    public static final int CLASSES = 10;

    /** Training samples. */
    public int trainSize() {
        return trainLabels.length;
    }

    /** Test samples. */
    public int testSize() {
        return testLabels.length;
    }

    /** True when the four Fashion-MNIST files are in {@code dir}. */
    public static boolean isPresent(Path dir) {
        return FashionMnist.isInstalled(dir);
    }

    /**
     * Reads Fashion-MNIST from {@code dir}.
     *
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when files are missing or not 28×28 images in 10 classes
     */
    public static BenchData load(Path dir) throws IOException {
        TrainTest tt = FashionMnist.load(dir, 0);
        check(tt.train());
        check(tt.test());
        return new BenchData(tt.train().inputs(), labels(tt.train()), tt.test().inputs(), labels(tt.test()));
    }

    private static void check(DataSet d) {
        if (d.inputSize() != PIXELS || d.targetSize() != CLASSES) {
            throw new IllegalArgumentException("expected 28×28 images in 10 classes, got " + d.inputSize()
                    + " inputs and " + d.targetSize() + " classes");
        }
    }

    private static int[] labels(DataSet d) {
        int[] y = new int[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.label(i);
        }
        return y;
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
