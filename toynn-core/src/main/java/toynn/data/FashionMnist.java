package toynn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import toynn.DataSet;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017, Zalando Research, MIT licence): 28×28 grey images
 * of clothing, 60,000 to train and 10,000 to test, 10 classes. Read from the IDX files that
 * Debian's {@code dataset-fashion-mnist} package installs in {@link #DEFAULT_DIR}
 * ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}, {@code t10k-…}); pixels
 * scaled to [0, 1].
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The ten classes, in label order 0–9. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** Whether all four files are in {@link #DEFAULT_DIR}. */
    public static boolean isInstalled() {
        return isInstalled(DEFAULT_DIR);
    }

    /** Whether all four files are in {@code dir} (raw or gzip). */
    public static boolean isInstalled(Path dir) {
        java.util.Objects.requireNonNull(dir, "dir must not be null");
        try {
            IdxFiles.find(dir, "train");
            IdxFiles.find(dir, "t10k");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The training and test sets from {@link #DEFAULT_DIR}. */
    public static TrainTest load() throws IOException {
        return load(DEFAULT_DIR, 0);
    }

    /**
     * The training and test sets from {@code dir}, at most {@code limit} examples each (0 = all).
     *
     * @throws IllegalArgumentException when files are missing, with the command that installs them
     */
    public static TrainTest load(Path dir, int limit) throws IOException {
        if (!Files.isDirectory(dir) || !isInstalled(dir)) {
            throw new IllegalArgumentException("Fashion-MNIST is not installed in " + dir + " (expected "
                    + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and "
                    + "t10k-labels-idx1-ubyte.gz); on Debian or Ubuntu: sudo apt-get install dataset-fashion-mnist");
        }
        IdxFiles train = IdxFiles.find(dir, "train");
        IdxFiles test = IdxFiles.find(dir, "t10k");
        return new TrainTest(IdxReader.load(train.images(), train.labels(), CLASS_NAMES, limit),
                IdxReader.load(test.images(), test.labels(), CLASS_NAMES, limit));
    }
}
