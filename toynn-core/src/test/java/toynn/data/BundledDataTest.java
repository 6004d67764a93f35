package toynn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import toynn.DataSet;

/**
 * The data sets inside the jar. Checksums were computed independently with python3 from Debian's
 * scikit-learn files: SHA-256 of the inputs as little-endian float32 ({@code struct.pack('<f', …)}).
 */
class BundledDataTest {

    @Test
    void xor() {
        DataSet d = BundledData.load("xor");
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, d.inputs());
        assertArrayEquals(new float[] {0, 1, 1, 0}, d.targets());
        assertFalse(d.isClassification());
    }

    @Test
    void iris() throws Exception {
        DataSet d = BundledData.load("iris");
        assertEquals(150, d.size());
        assertEquals(4, d.inputSize());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertEquals(List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"),
                d.columnNames());
        assertArrayEquals(new int[] {50, 50, 50}, d.classCounts());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, java.util.Arrays.copyOf(d.inputs(), 4));
        assertEquals("2374923a3acd29a63001946c3c216e2a5581864f01041c86c4b5211ec93885c2", FashionMnistTest.sha256(d.inputs()));
    }

    @Test
    void digits() throws Exception {
        DataSet d = BundledData.load("Digits");
        assertEquals(1797, d.size());
        assertEquals(64, d.inputSize());
        assertTrue(d.isImage());
        assertEquals(8, d.imageWidth());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, d.classCounts());
        long labelSum = 0;
        for (int l : d.labels()) {
            labelSum += l;
        }
        assertEquals(8070, labelSum);
        assertEquals("9f578524b6cec1fc800cc52dfc87ebe56264983d490aa72a4bd928ba2570ec77", FashionMnistTest.sha256(d.inputs()));
    }

    @Test
    void everyLoadIsAFreshCopy() {
        assertNotSame(BundledData.iris().inputs(), BundledData.iris().inputs());
    }

    @Test
    void unknownName() {
        assertEquals("no bundled data set 'mnist'; expected one of [xor, iris, digits]",
                assertThrows(IllegalArgumentException.class, () -> BundledData.load("mnist")).getMessage());
    }
}
