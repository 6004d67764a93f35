package toynn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Sizes whose product overflows an int: {@link DataSet} names them instead of wrapping around
 * (a wrong batch count, an array of the wrapped size and then an ArrayIndexOutOfBoundsException, or an
 * OutOfMemoryError for an allocation that was never going to fit).
 */
class DataSetSizeOverflowTest {

    @Test
    void batchCountIsTheCeilingForBatchSizesNearTheIntLimit() {
        DataSet d = DataSet.of(new double[][] {{1}, {2}, {3}}, new double[][] {{0}, {1}, {0}});
        assertEquals(1, d.batchCount(Integer.MAX_VALUE));          // was −1: size + batchSize − 1 overflowed
        assertEquals(1, d.batchCount(Integer.MAX_VALUE - 1));
        assertEquals(2, d.batchCount(2));
        int walked = 0;
        for (DataSet.Batch b : d.batches(Integer.MAX_VALUE)) {
            walked++;
        }
        assertEquals(walked, d.batchCount(Integer.MAX_VALUE), "batchCount agrees with batches()");
    }

    @Test
    void rowsWhoseValuesOverflowAnArrayAreNamedBeforeAllocating() {
        double[] row = new double[70_000];                          // 70,000 × 70,000 values: the rows share one array
        double[][] inputs = new double[70_000][];
        Arrays.fill(inputs, row);
        double[][] targets = new double[70_000][];
        Arrays.fill(targets, new double[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSet.of(inputs, targets));
        assertTrue(e.getMessage().contains("70000 rows of 70000 inputs make 4900000000 values"), e.getMessage());
    }

    @Test
    void aSubsetTooLargeForOneArrayIsNamed() {
        DataSet wide = DataSet.of(new float[1 << 12], new float[] {1}, 1, 1 << 12, 1);
        int[] repeated = new int[1 << 20];                          // index 0, 2^20 times: 2^32 input values
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wide.subset(repeated));
        assertTrue(e.getMessage().contains("1048576 examples of 4096 inputs") && e.getMessage().contains("4294967296"),
                e.getMessage());
        assertEquals(3, wide.subset(new int[] {0, 0, 0}).size(), "repeated indices are fine when they fit");
    }
}
