package toynn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import toynn.DataSet;

/**
 * Turns a short text — what the command line's {@code --data} takes — into training and test sets:
 * <table>
 *   <caption>Data specs</caption>
 *   <tr><th>spec</th><th>what</th><th>test set</th></tr>
 *   <tr><td>{@code xor}</td><td>the four XOR rows</td><td>the same four rows (nothing to hold out)</td></tr>
 *   <tr><td>{@code iris}, {@code digits}</td><td>{@link BundledData}</td><td>a seeded, stratified split</td></tr>
 *   <tr><td>{@code fashion-mnist}</td><td>{@link FashionMnist} from Debian's package</td><td>its own 10,000 test images</td></tr>
 *   <tr><td>{@code idx:DIR}</td><td>MNIST-style folder: {@code train-images-idx3-ubyte[.gz]},
 *       {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-…} (see {@link IdxFiles})</td><td>the t10k files</td></tr>
 *   <tr><td>{@code csv:PATH}</td><td>{@link CsvReader} with the options' label column etc.</td><td>a seeded split (stratified for classes)</td></tr>
 *   <tr><td>{@code npy:X.npy,Y.npy}</td><td>inputs and a 1-dimensional file of integer labels ({@link NpyReader#load})</td><td>a seeded, stratified split</td></tr>
 *   <tr><td>{@code npy:A.npy,B.npy,…}</td><td>one file per class, named by the file (Quick, Draw! style, {@link NpyReader#loadClasses})</td><td>a seeded, stratified split</td></tr>
 * </table>
 * Splits use {@link DataOptions#testFraction()} and {@link DataOptions#seed()};
 * {@link DataOptions#limit()} caps examples per IDX or .npy file. A {@code npy:} list of two files is
 * read as inputs + labels when the second is 1-dimensional with one value per row of the first
 * (the values must be whole numbers); otherwise every file is one class.
 */
public final class DataSources {
    /** The spec forms, for help texts and error messages. */
    public static final List<String> FORMS = List.of("xor", "iris", "digits", "fashion-mnist", "idx:DIR", "csv:PATH",
            "npy:INPUTS.npy,LABELS.npy", "npy:CLASS1.npy,CLASS2.npy,…");

    private DataSources() {
    }

    /** {@link #load(String, DataOptions)} with default options. */
    public static TrainTest load(String spec) throws IOException {
        return load(spec, DataOptions.create());
    }

    /**
     * The training and test sets {@code spec} names.
     *
     * @throws IllegalArgumentException for an unknown spec (listing the valid forms) or missing files
     * @throws DataFormatException when a file is malformed
     * @throws IOException when a file cannot be read
     */
    public static TrainTest load(String spec, DataOptions options) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw unknown(spec);
        }
        String s = spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "xor": {
                DataSet xor = BundledData.xor();
                return new TrainTest(xor, xor);
            }
            case "iris":
            case "digits":
                return split(BundledData.load(lower), options);
            case "fashion-mnist":
            case "fashion_mnist":
            case "fashionmnist":
                return FashionMnist.load(FashionMnist.DEFAULT_DIR, options.limit());
            default:
                break;
        }
        int colon = s.indexOf(':');
        String kind = colon < 0 ? "" : lower.substring(0, colon);
        String rest = colon < 0 ? "" : s.substring(colon + 1).trim();
        if (colon >= 0 && rest.isEmpty()) {
            throw new IllegalArgumentException("data '" + spec + "' names no file after '" + kind + ":'; expected e.g. "
                    + FORMS);
        }
        switch (kind) {
            case "idx": {
                Path dir = Path.of(rest);
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("idx:" + rest + ": no such folder; expected a folder with "
                            + "train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz] and the t10k-… files");
                }
                IdxFiles train = IdxFiles.find(dir, "train");
                IdxFiles test = IdxFiles.find(dir, "t10k");
                return new TrainTest(
                        IdxReader.load(train.images(), train.labels(), options.classNames(), options.limit()),
                        IdxReader.load(test.images(), test.labels(), options.classNames(), options.limit()));
            }
            case "csv":
                return split(CsvReader.read(existing(rest), options), options);
            case "npy":
                return split(npy(rest, options), options);
            default:
                throw unknown(spec);
        }
    }

    private static DataSet npy(String list, DataOptions options) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                files.add(existing(part.trim()));
            }
        }
        if (files.size() == 1) {
            throw new IllegalArgumentException("npy:" + list + " has inputs but no labels; give npy:INPUTS.npy,LABELS.npy "
                    + "or one file per class, npy:cat.npy,dog.npy,…");
        }
        if (files.size() == 2) {
            NpyReader.NpyArray first = NpyReader.read(files.get(0), 1);
            NpyReader.NpyArray second = NpyReader.read(files.get(1), 1);
            if (second.shape().length == 1 && first.shape().length > 1 && second.fileRows() == first.fileRows()) {
                return NpyReader.load(files.get(0), files.get(1), options.classNames(), options.limit());
            }
        }
        return NpyReader.loadClasses(files, options.limit());
    }

    private static Path existing(String name) {
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such file: " + name);
        }
        return p;
    }

    private static TrainTest split(DataSet all, DataOptions options) {
        DataSet.Split s = all.split(options.testFraction(), options.seed());
        return new TrainTest(s.train(), s.test());
    }

    private static IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("unknown data '" + spec + "'; expected one of " + String.join(", ", FORMS));
    }
}
