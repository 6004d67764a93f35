package toynn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.DataSet;

/** Fashion-MNIST through {@link FashionMnist} and {@code DataSources}, when Debian's package is installed. */
class FashionMnistTest {

    static void assumeInstalled() {
        Assumptions.assumeTrue(FashionMnist.isInstalled(),
                "Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist); skipped");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String sha256(float[] values) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return sha256(b.array());
    }

    @Test
    void loadsBothPartsWithNamesCountsAndPixels() throws Exception {
        assumeInstalled();
        TrainTest data = FashionMnist.load();
        DataSet train = data.train();
        DataSet test = data.test();
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(784, train.inputSize());
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                "Ankle boot"), train.classNames());
        assertTrue(train.isImage());
        assertEquals(28, train.imageWidth());
        assertEquals(28, train.imageHeight());
        // Per-class counts and label sums known from python3 (sum 270000 train, 45000 test).
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, train.classCounts());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, test.classCounts());
        long sum = 0;
        for (int l : train.labels()) {
            sum += l;
        }
        assertEquals(270000, sum);
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, java.util.Arrays.copyOf(train.labels(), 10));
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, java.util.Arrays.copyOf(test.labels(), 10));
        // SHA-256 of the test pixels as little-endian float32 p/255, computed with python3 struct.pack('<f', p/255).
        assertEquals("0c0f08b9d95e81a9c662a7e200cbb82a22e7669e3a79c4e861585d1dbf736efd", sha256(test.inputs()));
    }

    @Test
    void dataSourcesUsesTheOwnTestSet() throws Exception {
        assumeInstalled();
        TrainTest data = DataSources.load("fashion-mnist", DataOptions.create().limit(500));
        assertEquals(500, data.train().size());
        assertEquals(500, data.test().size());
        assertArrayEquals(new int[] {9, 2, 1, 1, 6}, java.util.Arrays.copyOf(data.test().labels(), 5));
    }

    @Test
    void missingFilesNameTheDebianPackage(@TempDir Path empty) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(empty, 0));
        assertEquals("Fashion-MNIST is not installed in " + empty + " (expected train-images-idx3-ubyte.gz, "
                + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz); "
                + "on Debian or Ubuntu: sudo apt-get install dataset-fashion-mnist", e.getMessage());
    }
}
