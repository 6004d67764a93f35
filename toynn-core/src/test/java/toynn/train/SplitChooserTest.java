package toynn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.kernels.Kernels;

/**
 * The split chooser's decisions from a fake clock (no real timings asserted), and {@code fit} giving the
 * same bits on one thread and on two while the chooser switches between splitting and not.
 */
class SplitChooserTest {
    /** A chooser on a clock the test advances; records every switch. */
    private static final class Rig {
        long now;
        final List<Boolean> switches = new ArrayList<>();
        boolean split = true;
        final SplitChooser c;

        Rig(boolean coldStart) {
            c = new SplitChooser(true, coldStart, () -> now, s -> {
                split = s;
                switches.add(s);
            });
        }

        /** {@code n} full batches, each taking {@code splitNs} when split and {@code aloneNs} otherwise; returns split batches. */
        int batches(int n, long splitNs, long aloneNs) {
            int splits = 0;
            for (int i = 0; i < n; i++) {
                c.begin(true);
                now += split ? splitNs : aloneNs;
                splits += split ? 1 : 0;
                c.end(true);
            }
            return splits;
        }
    }

    @Test
    void aColdWarmUpRunsAloneThenBlocksAlternateThenTheFasterWayIsKeptAndTheOtherExplored() {
        Rig r = new Rig(true);
        int block = SplitChooser.BLOCK;
        int every = SplitChooser.WARM_SPLIT_EVERY;
        assertEquals(SplitChooser.WARM_UP / every, r.batches(SplitChooser.WARM_UP, 50, 70),
                "warm-up batches run alone, although splitting is faster, but for one in " + every);
        assertEquals(2 * (SplitChooser.WARM_UP / every), r.switches.size(), "two switches for each split batch");
        assertEquals(false, r.switches.get(0), "alone from the first batch");
        assertEquals(0.0, r.c.batchNanos(true), 0.0, "warm-up batches are not timed");
        assertEquals(0.0, r.c.batchNanos(false), 0.0, "warm-up batches are not timed");
        int timed = 2 * SplitChooser.MIN_BLOCKS * block;
        assertEquals(timed / 2, r.batches(timed, 100, 70), "blocks alternate until both ways are timed");
        assertFalse(r.c.prefersSplit(), "alone is faster here");
        // Alone from now on; splitting is tried after 8, 16, 32, then every 64 blocks.
        int blocks = 8 * SplitChooser.MAX_EXPLORE;
        int tries = r.batches(blocks * block, 100, 70) / block;
        int expected = 3 + (blocks - (8 + 16 + 32)) / SplitChooser.MAX_EXPLORE;
        assertTrue(Math.abs(tries - expected) <= 1, tries + " tries of splitting, expected about " + expected);
        // Two free cores again: splitting becomes faster; the next try notices, and splitting stays.
        r.batches((SplitChooser.MAX_EXPLORE + 1) * block, 50, 70);
        assertTrue(r.c.prefersSplit());
        assertEquals(50.0, r.c.batchNanos(true), 1e-9, "a faster block is taken at once");
        int splits = r.batches(blocks * block, 50, 70);
        assertTrue(blocks * block - splits <= (expected + 1) * block, (blocks * block - splits) + " batches alone");
        r.c.close();
        assertTrue(r.split, "close() leaves splitting on");
    }

    @Test
    void aWarmUpAfterTheFirstSplitsUntimed() {
        Rig r = new Rig(false);
        assertEquals(SplitChooser.WARM_UP, r.batches(SplitChooser.WARM_UP, 100, 70), "a later warm-up splits");
        assertTrue(r.switches.isEmpty());
        assertEquals(0.0, r.c.batchNanos(true), 0.0, "warm-up batches are not timed");
    }

    @Test
    void shortBatchesAndEpochEndsAreNotTimedAndInactiveChoosersDoNothing() {
        Rig r = new Rig(false);
        r.batches(SplitChooser.WARM_UP + SplitChooser.BLOCK / 2, 100, 70);
        r.now += 1_000_000;                                        // validation at the epoch's end
        r.c.endEpoch();
        r.c.begin(false);                                           // and a short last batch
        r.now += 5_000;
        r.c.end(false);
        r.batches(SplitChooser.BLOCK, 100, 70);
        assertEquals(100.0, r.c.batchNanos(true), 1e-9, "only the whole block after them was timed");

        List<Boolean> calls = new ArrayList<>();
        SplitChooser off = new SplitChooser(false, true, () -> 0, calls::add);
        for (int i = 0; i < 10 * SplitChooser.WARM_UP; i++) {
            off.begin(true);
            off.end(true);
        }
        off.close();
        assertTrue(calls.isEmpty());
    }

    @Test
    void fitGivesTheSameBitsWhileTheChooserSwitches() {
        int inputs = 256;
        int batch = 32;
        int n = (SplitChooser.WARM_UP + 6 * SplitChooser.BLOCK) * batch;   // past the warm-up, timed blocks both ways
        Random rnd = new Random(11);
        float[] x = new float[n * inputs];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(4);
        }
        DataSet data = DataSet.ofLabels(x, inputs, labels, List.of("a", "b", "c", "d"));
        int before = Kernels.threads();
        try {
            float[][] w = new float[2][];
            for (int t = 1; t <= 2; t++) {
                Kernels.setThreads(t);
                NeuralNetwork nn = NeuralNetwork.builder().inputs(inputs).dense(64, ActivationFunction.RELU)
                        .dense(4, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Sgd.of(0.05)).seed(5).build();
                nn.fit(data, FitOptions.create().epochs(1).batchSize(batch).shuffle(true).seed(9));
                w[t - 1] = nn.layers().get(0).weights().clone();
            }
            assertArrayEquals(w[0], w[1], "one thread and two (splitting or not, block by block) differ");
            assertTrue(Kernels.splitAllowed(), "fit left splitting off for this thread");
            Kernels.allowSplit(false);                              // the caller's own choice is kept
            NeuralNetwork nn = NeuralNetwork.builder().inputs(inputs).dense(64, ActivationFunction.RELU)
                    .dense(4, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Sgd.of(0.05)).seed(5).build();
            nn.fit(data, FitOptions.create().epochs(1).batchSize(batch).shuffle(true).seed(9));
            assertFalse(Kernels.splitAllowed(), "fit turned splitting back on against the caller's setting");
            assertArrayEquals(w[0], nn.layers().get(0).weights());
        } finally {
            Kernels.allowSplit(true);
            Kernels.setThreads(before);
        }
    }
}
