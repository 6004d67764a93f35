package toynn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import toynn.util.Rng;

/** {@link TreeSum}: the same bits whatever order and grouping the workers' results are merged in. */
class TreeSumTest {
    /** Values over many orders of magnitude, so that float addition order shows in the last bits. */
    private static float[][] vectors(int workers, int length, long seed) {
        Rng rng = new Rng(seed);
        float[][] v = new float[workers][length];
        for (int w = 0; w < workers; w++) {
            for (int i = 0; i < length; i++) {
                v[w][i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(9) - 4));
            }
        }
        return v;
    }

    /** Merges single-worker sums in a random order, in random groups first (as treeAggregate's levels might). */
    private static TreeSum mergeRandomly(float[][] v, int depth, Rng rng) {
        int n = v.length;
        List<TreeSum> parts = new ArrayList<>();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        rng.shuffle(order, n);
        for (int w : order) {
            TreeSum t = new TreeSum(n, depth).add(w, v[w] == null ? null : v[w].clone(), w * 0.1);
            t.count = 1;
            parts.add(t);
        }
        while (parts.size() > 1) {                      // merge two random partial sums until one is left
            TreeSum a = parts.remove(rng.nextInt(parts.size()));
            TreeSum b = parts.remove(rng.nextInt(parts.size()));
            parts.add(rng.nextDouble() < 0.5 ? a.merge(b) : b.merge(a));
        }
        return parts.get(0);
    }

    @Test
    void anyMergeOrderGivesTheSameBitsWhereARunningSumWouldNot() {
        for (int workers : new int[] {1, 2, 3, 5, 9, 17}) {
            for (int depth : new int[] {1, 2, 3}) {
                float[][] v = vectors(workers, 64, workers * 31L + depth);
                TreeSum first = mergeRandomly(v, depth, new Rng(1));
                assertTrue(first.isComplete());
                assertEquals(workers, first.count);
                for (long seed = 2; seed < 30; seed++) {
                    TreeSum again = mergeRandomly(v, depth, new Rng(seed));
                    assertArrayEquals(first.sum(), again.sum(), workers + " workers, depth " + depth + ", order " + seed);
                    assertEquals(first.loss(), again.loss(), 0.0);
                }
                // and the sum is the sum, up to float rounding of the terms' magnitude
                for (int i = 0; i < 64; i++) {
                    double exact = 0;
                    double magnitude = 0;
                    for (float[] w : v) {
                        exact += w[i];
                        magnitude += Math.abs(w[i]);
                    }
                    assertEquals(exact, first.sum()[i], 1e-6 * magnitude);
                }
            }
        }
        // the test can fail: for these values a plain running sum does depend on the order
        float[][] v = vectors(9, 64, 9 * 31L + 2);
        Set<List<Float>> runningSums = new HashSet<>();
        Rng rng = new Rng(3);
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        for (int k = 0; k < 20; k++) {
            rng.shuffle(order, order.length);
            float[] s = new float[64];
            for (int w : order) {
                for (int i = 0; i < 64; i++) {
                    s[i] += v[w][i];
                }
            }
            List<Float> l = new ArrayList<>();
            for (float f : s) {
                l.add(f);
            }
            runningSums.add(l);
        }
        assertTrue(runningSums.size() > 1, "running sums in other orders differ");
    }

    @Test
    void workersWithNothingCountAsZeroAndTheTreeWaitsForEveryWorker() {
        float[] a = {1.5f, -2f};
        TreeSum t = new TreeSum(3, 2).add(1, a, 2.0);
        assertFalse(t.isComplete());
        assertThrows(IllegalStateException.class, t::sum);
        t.merge(new TreeSum(3, 2).add(0, null, 0)).merge(new TreeSum(3, 2).add(2, null, 0));
        assertTrue(t.isComplete());
        assertArrayEquals(a, t.sum());
        assertEquals(2.0, t.loss());
        assertThrows(IllegalArgumentException.class, () -> new TreeSum(3, 2).add(3, a, 0));
    }

    @Test
    void theLevelsAreTheOnesSparkBuilds() {
        // RDD.treeAggregate: scale = max(ceil(n^(1/depth)), 2); while n > scale + ceil(n/scale): n /= scale
        assertArrayEquals(new int[0], TreeSum.sparkLevels(4, 2));            // 4 ≤ 2 + 2: straight to the driver
        assertArrayEquals(new int[] {3}, TreeSum.sparkLevels(9, 2));         // 9 > 3 + 3
        assertArrayEquals(new int[] {10}, TreeSum.sparkLevels(100, 2));
        assertArrayEquals(new int[] {25, 5}, TreeSum.sparkLevels(125, 3));
        assertArrayEquals(new int[0], TreeSum.sparkLevels(100, 1));
    }
}
