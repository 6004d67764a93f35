package toynn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import toynn.DataSet;

/**
 * Small data sets inside the ToyNN jar, loaded by name — no files, no downloads:
 * <ul>
 *   <li>{@code xor}: the four rows of XOR, 2 inputs, one 0/1 target (as the lecture trains it).</li>
 *   <li>{@code iris}: Fisher's Iris (1936), 150 flowers × 4 measurements in cm, 3 classes
 *       {@code setosa, versicolor, virginica}, 50 each. Values as measured (not scaled).</li>
 *   <li>{@code digits}: the UCI optical handwritten digits (Alpaydin &amp; Kaynak), 1797 images of
 *       8×8 cells; cell values 0–16 scaled to [0, 1] ({@code v / 16}); classes {@code 0}–{@code 9}.</li>
 * </ul>
 * Iris and digits are scikit-learn's copies (BSD-3-Clause), bundled unchanged under
 * {@code toynn/data/} with their credits in {@code toynn/data/SOURCES.txt}.
 */
public final class BundledData {
    private static final List<String> NAMES = List.of("xor", "iris", "digits");

    private BundledData() {
    }

    /** The names {@link #load(String)} knows: xor, iris, digits. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The bundled data set {@code name} (case-insensitive), freshly read: callers may change it.
     *
     * @throws IllegalArgumentException naming the valid names when there is no such set
     */
    public static DataSet load(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "xor":
                return xor();
            case "iris":
                return iris();
            case "digits":
                return digits();
            default:
                throw new IllegalArgumentException("no bundled data set '" + name + "'; expected one of " + NAMES);
        }
    }

    /** XOR: inputs (0,0), (0,1), (1,0), (1,1) with targets 0, 1, 1, 0. */
    public static DataSet xor() {
        return DataSet.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, new float[] {0, 1, 1, 0}, 4, 2, 1,
                List.of(), List.of("a", "b"));
    }

    /** Fisher's Iris: 150 × 4 measurements (cm), 3 classes. */
    public static DataSet iris() {
        String text = resourceText("iris.csv", false);
        int nl = text.indexOf('\n');
        String[] meta = text.substring(0, nl).trim().split(",");
        // scikit-learn's first row: sample count, feature count, class names.
        DataSet raw = readCsv(text.substring(nl + 1), "iris.csv", 4);
        if (meta.length != 5 || !meta[0].equals("150") || !meta[1].equals("4") || raw.size() != 150
                || raw.targetSize() != 3) {
            throw new IllegalStateException("the bundled iris.csv is damaged: header " + String.join(",", meta)
                    + ", " + raw.size() + " rows; expected 150 rows of 4 features and 3 classes");
        }
        return raw.withNames(List.of(meta[2], meta[3], meta[4]),
                List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"));
    }

    /** The 8×8 handwritten digits: 1797 images, cells scaled to [0, 1], classes 0–9. */
    public static DataSet digits() {
        DataSet raw = readCsv(resourceText("digits.csv.gz", true), "digits.csv.gz", 64);
        if (raw.size() != 1797 || raw.targetSize() != 10) {
            throw new IllegalStateException("the bundled digits.csv.gz is damaged: " + raw
                    + "; expected 1797 images of 64 cells and 10 classes");
        }
        float[] x = raw.inputs();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (x[i] / 16.0);                       // 0..16 → [0, 1]
        }
        List<String> columns = new ArrayList<>(64);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                columns.add("pixel_" + r + "_" + c);
            }
        }
        return raw.withNames(raw.classNames(), columns).withImageShape(8, 8);
    }

    private static DataSet readCsv(String text, String name, int labelColumn) {
        try {
            return CsvReader.read(new StringReader(text), "bundled " + name,
                    DataOptions.create().header(false).labelColumn(labelColumn).classification(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resourceText(String file, boolean gzip) {
        String path = "/toynn/data/" + file;
        InputStream in = BundledData.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("the bundled data file " + path + " is missing from the ToyNN jar");
        }
        try (InputStream s = gzip ? new GZIPInputStream(in) : in;
             Reader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
            return new BufferedReader(r).lines().collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled data file " + path, e);
        }
    }
}
