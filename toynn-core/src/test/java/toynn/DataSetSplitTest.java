package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shuffles, stratified splits, batch views and one-hot encoding of {@link DataSet}. */
class DataSetSplitTest {

    /** 3 classes of 50, 40 and 10 examples; input 0 is the example's original index (to trace rows). */
    private static DataSet unbalanced() {
        int n = 100;
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i < 50 ? 0 : i < 90 ? 1 : 2;
        }
        return DataSet.ofLabels(x, 2, y, List.of("a", "b", "c"));
    }

    private static Set<Integer> ids(DataSet d) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            s.add((int) d.inputs()[i * d.inputSize()]);
        }
        return s;
    }

    @Test
    void oneHotPutsAOneInTheLabelsColumn() {
        float[] t = DataSet.oneHot(new int[] {2, 0, 1}, List.of("x", "y", "z"));
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, t);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSet.oneHot(new int[] {0, 3}, List.of("x", "y", "z")));
        assertEquals("label 1 is 3; expected a class index from 0 to 2 (classes [x, y, z])", e.getMessage());
    }

    @Test
    void shuffledIsASeededPermutation() {
        DataSet d = unbalanced();
        DataSet a = d.shuffled(7);
        DataSet b = d.shuffled(7);
        DataSet c = d.shuffled(8);
        assertArrayEquals(a.inputs(), b.inputs());
        assertFalse(Arrays.equals(a.inputs(), c.inputs()));
        assertEquals(ids(d), ids(a));
        // rows stay whole: input 1 is minus input 0, and each row keeps its label
        for (int i = 0; i < a.size(); i++) {
            int id = (int) a.inputs()[2 * i];
            assertEquals(-id, a.inputs()[2 * i + 1]);
            assertEquals(d.label(id), a.label(i));
        }
    }

    @Test
    void splitIsStratifiedDisjointAndComplete() {
        DataSet d = unbalanced();
        DataSet.Split s = d.split(0.2, 1);
        assertArrayEquals(new int[] {10, 8, 2}, s.test().classCounts());
        assertArrayEquals(new int[] {40, 32, 8}, s.train().classCounts());
        Set<Integer> train = ids(s.train());
        Set<Integer> test = ids(s.test());
        assertEquals(80, train.size());
        assertEquals(20, test.size());
        Set<Integer> all = new HashSet<>(train);
        all.addAll(test);
        assertEquals(ids(d), all);
        assertEquals(d.classNames(), s.test().classNames());
    }

    @Test
    void splitDependsOnlyOnTheSeed() {
        DataSet d = unbalanced();
        assertArrayEquals(d.split(0.3, 5).test().inputs(), d.split(0.3, 5).test().inputs());
        assertNotEquals(ids(d.split(0.3, 5).test()), ids(d.split(0.3, 6).test()));
    }

    @Test
    void splitShufflesClassesTogether() {
        // The training part must not come sorted by class (that would hurt SGD).
        DataSet train = unbalanced().split(0.2, 3).train();
        int changes = 0;
        for (int i = 1; i < train.size(); i++) {
            if (train.label(i) != train.label(i - 1)) {
                changes++;
            }
        }
        assertTrue(changes > 20, "labels change " + changes + " times along the training set");
    }

    @Test
    void regressionSplitsAtRandom() {
        float[] x = new float[10];
        float[] t = new float[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i;
            t[i] = i * 0.5f;
        }
        DataSet d = DataSet.of(x, t, 10, 1, 1);
        DataSet.Split s = d.split(0.25, 9);
        assertEquals(3, s.test().size());         // round(10 × 0.25) = round(2.5) = 3
        assertEquals(7, s.train().size());
        Set<Integer> all = ids(s.train());
        all.addAll(ids(s.test()));
        assertEquals(ids(d), all);
        for (int i = 0; i < s.test().size(); i++) {
            assertEquals(s.test().inputs()[i] * 0.5f, s.test().targets()[i]);
        }
    }

    @Test
    void threeWaySplitTakesFractionsOfTheWhole() {
        DataSet d = unbalanced();
        DataSet.ThreeWaySplit s = d.split(0.2, 0.1, 4);
        assertArrayEquals(new int[] {10, 8, 2}, s.test().classCounts());
        assertArrayEquals(new int[] {5, 4, 1}, s.validation().classCounts());
        assertEquals(70, s.train().size());
        Set<Integer> all = new HashSet<>(ids(s.train()));
        all.addAll(ids(s.validation()));
        all.addAll(ids(s.test()));
        assertEquals(100, all.size());
    }

    @Test
    void splitRejectsBadFractionsAndTinySets() {
        DataSet d = unbalanced();
        assertEquals("test fraction must be strictly between 0 and 1, got 1.0",
                assertThrows(IllegalArgumentException.class, () -> d.split(1.0, 1)).getMessage());
        assertEquals("test fraction 0.5 and validation fraction 0.5 must be positive and add up to less than 1",
                assertThrows(IllegalArgumentException.class, () -> d.split(0.5, 0.5, 1)).getMessage());
        DataSet one = DataSet.of(new double[][] {{1}}, new double[][] {{1}});
        assertEquals("cannot split a data set of 1 example; a split needs at least 2 (one to train, one to test)",
                assertThrows(IllegalArgumentException.class, () -> one.split(0.5, 1)).getMessage());
    }

    @Test
    void tinyClassificationSplitStillHasBothParts() {
        DataSet d = DataSet.ofLabels(new float[] {0, 1, 2}, 1, new int[] {0, 1, 2}, List.of("a", "b", "c"));
        DataSet.Split s = d.split(0.1, 2);   // round(1 × 0.1) = 0 per class
        assertEquals(2, s.train().size());
        assertEquals(1, s.test().size());
    }

    /** A class of one example stays in training even at test fraction 0.5 (round(0.5) = 1 sent it to the test set). */
    @Test
    void everyClassKeepsAnExampleToTrainOn() {
        DataSet d = DataSet.ofLabels(new float[] {0, 1, 2, 3, 4, 5}, 1, new int[] {0, 0, 0, 0, 1, 2},
                List.of("a", "b", "c"));
        DataSet.Split s = d.split(0.5, 2);
        assertArrayEquals(new int[] {2, 1, 1}, s.train().classCounts());
        assertArrayEquals(new int[] {2, 0, 0}, s.test().classCounts());
        DataSet.Split most = d.split(0.9, 2);           // round(4 × 0.9) = 4: all but one of a class, at most
        assertArrayEquals(new int[] {1, 1, 1}, most.train().classCounts());
    }

    @Test
    void batchesAreViewsOverTheLiveArrays() {
        DataSet d = unbalanced();
        List<DataSet.Batch> batches = new ArrayList<>();
        d.batches(32).forEach(batches::add);
        assertEquals(4, batches.size());
        assertEquals(4, d.batchCount(32));
        assertEquals(List.of(32, 32, 32, 4), batches.stream().map(DataSet.Batch::size).toList());
        DataSet.Batch last = batches.get(3);
        assertSame(d.inputs(), last.inputs());                // no copy
        assertEquals(96 * 2, last.inputOffset());
        assertEquals(96 * 3, last.targetOffset());
        assertEquals(97f, last.input(1, 0));
        assertEquals(1f, last.target(1, 2));                  // example 97 is class c
        d.inputs()[98 * 2] = 1234f;                           // a change to the data shows through the view
        assertEquals(1234f, last.input(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> d.batch(90, 11));
        // Outside the batch used to read a neighbouring example (row 4 of the 4-row last batch is past the
        // data; row 2 of batch 0 at column 2 was example 3's first input).
        assertEquals("input (4, 0) is outside the batch of 4 examples × 2 inputs; expected row 0 to 3 and column 0 to 1",
                assertThrows(IndexOutOfBoundsException.class, () -> last.input(4, 0)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> batches.get(0).input(2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> last.target(-1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> last.target(0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> new DataSet.Batch(d, 97, 4));
        assertEquals("batch size must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> d.batches(0)).getMessage());
    }

    @Test
    void imageShapeMustFitTheInputs() {
        DataSet d = DataSet.of(new float[12], new float[2], 2, 6, 1);
        DataSet img = d.withImageShape(3, 2);
        assertTrue(img.isImage());
        assertEquals(3, img.imageWidth());
        assertEquals(2, img.imageHeight());
        assertSame(d.inputs(), img.inputs());
        assertFalse(d.isImage());
        assertTrue(img.subset(new int[] {1}).isImage());
        assertEquals("image shape 4×2 does not fit 6 inputs per example; expected width × height = 6",
                assertThrows(IllegalArgumentException.class, () -> d.withImageShape(4, 2)).getMessage());
    }

    /** Class names: one distinct, non-null name per column; a clear message otherwise, never a bare NPE. */
    @Test
    void classNamesMustBeDistinctAndNotNull() {
        float[] in = {1, 2};
        float[] t = {1, 0, 0, 1};
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> DataSet.of(in, t, 2, 1, 2, List.of("cat", "cat"), List.of()));
        assertTrue(dup.getMessage().contains("class name 1 is \"cat\" again"), dup.getMessage());
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> DataSet.of(in, t, 2, 1, 2, java.util.Arrays.asList("cat", null), List.of()));
        assertTrue(nul.getMessage().contains("class name 1 is null"), nul.getMessage());
        DataSet ok = DataSet.of(in, t, 2, 1, 2, List.of("cat", "dog"), List.of("x"));
        assertThrows(IllegalArgumentException.class, () -> ok.withNames(List.of("dog", "dog"), List.of()));
        IllegalArgumentException col = assertThrows(IllegalArgumentException.class,
                () -> ok.withNames(List.of(), java.util.Arrays.asList((String) null)));
        assertTrue(col.getMessage().contains("column name 0 is null"), col.getMessage());
    }
}
