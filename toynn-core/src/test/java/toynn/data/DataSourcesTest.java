package toynn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --data} specs. */
class DataSourcesTest {
    @TempDir
    Path dir;

    @Test
    void bundledSetsAreSplitStratifiedBySeed() throws IOException {
        TrainTest iris = DataSources.load("iris");
        assertEquals(120, iris.train().size());
        assertArrayEquals(new int[] {10, 10, 10}, iris.test().classCounts());
        TrainTest again = DataSources.load("iris", DataOptions.create());
        assertArrayEquals(iris.test().inputs(), again.test().inputs());
        TrainTest other = DataSources.load("iris", DataOptions.create().seed(1).testFraction(0.4));
        assertArrayEquals(new int[] {20, 20, 20}, other.test().classCounts());
        TrainTest digits = DataSources.load("digits");
        assertEquals(1797, digits.train().size() + digits.test().size());
        TrainTest xor = DataSources.load("XOR");
        assertEquals(4, xor.test().size());
    }

    @Test
    void csvSpec() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i).append(',').append(i * 2).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Path f = Files.writeString(dir.resolve("d.csv"), sb);
        TrainTest t = DataSources.load("csv:" + f, DataOptions.create().testFraction(0.3));
        assertEquals(List.of("even", "odd"), t.train().classNames());
        assertArrayEquals(new int[] {3, 3}, t.test().classCounts());
        assertEquals("no such file: " + dir.resolve("nope.csv"),
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("csv:" + dir.resolve("nope.csv")))
                        .getMessage());
    }

    @Test
    void idxFolder() throws IOException {
        byte[] pix = new byte[6 * 4];
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxReaderTest.idx(8, new int[] {6, 2, 2}, pix));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"),
                IdxReaderTest.gzip(IdxReaderTest.idx(8, new int[] {6}, new byte[] {0, 1, 2, 0, 1, 2})));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxReaderTest.gzip(IdxReaderTest.idx(8, new int[] {3, 2, 2},
                new byte[12])));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxReaderTest.idx(8, new int[] {3}, new byte[] {2, 1, 0}));
        TrainTest t = DataSources.load("idx:" + dir, DataOptions.create().classNames(List.of("a", "b", "c")));
        assertEquals(6, t.train().size());
        assertArrayEquals(new int[] {2, 1, 0}, t.test().labels());
        assertEquals(List.of("a", "b", "c"), t.test().classNames());
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        assertEquals("no t10k-labels-idx1-ubyte[.gz] in " + dir,
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("idx:" + dir)).getMessage());
    }

    @Test
    void npySpecs() throws Exception {
        Path images = NpyReaderTest.fixture("images_u1.npy");
        Path labels = NpyReaderTest.fixture("labels_i8.npy");
        TrainTest t = DataSources.load("npy:" + images + "," + labels, DataOptions.create().testFraction(0.4));
        assertEquals(5, t.train().size() + t.test().size());
        assertEquals(List.of("0", "1", "2"), t.train().classNames());
        TrainTest q = DataSources.load("npy:" + NpyReaderTest.fixture("cat.npy") + "," + NpyReaderTest.fixture("dog.npy"));
        assertEquals(List.of("cat", "dog"), q.train().classNames());
        assertEquals("npy:" + images + " has inputs but no labels; give npy:INPUTS.npy,LABELS.npy or one file per class, "
                + "npy:cat.npy,dog.npy,…", assertThrows(IllegalArgumentException.class,
                        () -> DataSources.load("npy:" + images)).getMessage());
    }

    @Test
    void unknownSpecListsTheValidForms() {
        assertEquals("unknown data 'mnist'; expected one of xor, iris, digits, fashion-mnist, idx:DIR, csv:PATH, "
                + "npy:INPUTS.npy,LABELS.npy, npy:CLASS1.npy,CLASS2.npy,…",
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("mnist")).getMessage());
        assertEquals("unknown data 'parquet:x'; expected one of xor, iris, digits, fashion-mnist, idx:DIR, csv:PATH, "
                + "npy:INPUTS.npy,LABELS.npy, npy:CLASS1.npy,CLASS2.npy,…",
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("parquet:x")).getMessage());
    }
}
