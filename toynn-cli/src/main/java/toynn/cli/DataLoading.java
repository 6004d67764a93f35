package toynn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import toynn.data.DataOptions;
import toynn.data.DataSources;
import toynn.data.FashionMnist;
import toynn.data.TrainTest;

/** Loads {@code --data} sources for train, evaluate and demo, with one-line errors. */
final class DataLoading {
    /**
     * System property naming the Fashion-MNIST folder (default {@link FashionMnist#DEFAULT_DIR}), so a
     * copy elsewhere can be used and tests can simulate a machine without the package.
     */
    static final String FASHION_MNIST_DIR = "toynn.fashionMnistDir";

    private DataLoading() {
    }

    /**
     * The training and test sets {@code spec} names.
     *
     * @param label          CSV label column (name or index), or null for the last column
     * @param classification true/false to force the task, null to decide from the labels
     * @param testSplit      fraction held out for testing when the source has no test set
     * @param seed           seed of the split
     */
    static TrainTest load(String spec, String label, Boolean classification, double testSplit, long seed)
            throws IOException {
        if (!(testSplit > 0 && testSplit < 1)) {
            throw new CliException("--test-split must be between 0 and 1 (exclusive), got " + testSplit);
        }
        DataOptions o = DataOptions.create().seed(seed).testFraction(testSplit).classification(classification);
        if (label != null) {
            o.labelColumn(label);
        }
        String key = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (key.equals("fashion-mnist") || key.equals("fashionmnist")) {
            String dir = System.getProperty(FASHION_MNIST_DIR);
            return FashionMnist.load(dir == null ? FashionMnist.DEFAULT_DIR : Path.of(dir), o.limit());
        }
        for (String kind : new String[] {"csv:", "idx:"}) {
            if (key.startsWith(kind)) {
                Path p = Path.of(spec.trim().substring(kind.length()).trim());
                if (!p.toString().isEmpty() && !Files.exists(p)) {
                    throw new CliException(spec + ": " + p + " does not exist; check the path");
                }
                if (kind.equals("csv:") && !p.toString().isEmpty() && Files.isDirectory(p)) {
                    throw new CliException(spec + ": " + p + " is a directory; expected a CSV file");
                }
            }
        }
        if (label != null && !key.startsWith("csv:")) {
            throw new CliException("--label is for csv: data; " + spec + " has its labels already");
        }
        return DataSources.load(spec, o);
    }

    /**
     * {@code spec} as {@link #load} reads it, so two spellings of the same source compare equal: a bundled
     * set's name in lower case (fashion-mnist's {@code _} and run-together forms as {@code fashion-mnist}), a
     * file source's kind ({@code csv:}, {@code idx:}, {@code npy:}) in lower case; the paths as given, since
     * they are case-sensitive.
     */
    static String canonical(String spec) {
        if (spec == null) {
            return null;
        }
        String t = spec.trim();
        int colon = t.indexOf(':');
        if (colon >= 0) {
            return t.substring(0, colon).toLowerCase(Locale.ROOT) + ":" + t.substring(colon + 1).trim();
        }
        String key = t.toLowerCase(Locale.ROOT).replace('_', '-');
        return key.equals("fashionmnist") ? "fashion-mnist" : key;
    }

    /**
     * True when {@code spec} brings its own test set (xor's four rows, Fashion-MNIST's and an IDX folder's
     * test files): --test-split and --seed do not choose it.
     */
    static boolean hasOwnTestSet(String spec) {
        String c = canonical(spec);
        return c != null && (c.equals("xor") || c.equals("fashion-mnist") || c.startsWith("idx:"));
    }
}
