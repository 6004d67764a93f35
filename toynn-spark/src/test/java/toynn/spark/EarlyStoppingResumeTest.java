package toynn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import toynn.DataSet;
import toynn.NeuralNetwork;
import toynn.train.Adam;
import toynn.train.EarlyStoppingState;

/**
 * {@link SparkTraining#resumeEarlyStopping}: a run resumed from a network and the early-stopping state saved
 * after some epoch ends as the uninterrupted run ends, and states that cannot belong to the run are refused.
 */
class EarlyStoppingResumeTest {
    private static SparkTraining training(JavaSparkContext sc, DataSet val) {
        return SparkTraining.synchronous(sc).workers(2).batchSizePerWorker(5).epochs(30).seed(3).validationData(val)
                .earlyStopping(3, 0.01, true);
    }

    @Test
    void aResumedRunStopsWhereTheUninterruptedRunStops() {
        JavaSparkContext sc = LocalSpark.context();
        DataSet data = SynchronousTrainingTest.blobs(90, 12);
        DataSet val = SynchronousTrainingTest.blobs(30, 13);
        SparkData d = SparkData.of(sc, data, 2);

        // the whole run, keeping a copy of the network and the state after every epoch (what a checkpoint holds)
        NeuralNetwork whole = SynchronousTrainingTest.classifier(Adam.of(0.05), 0);
        SparkTraining t = training(sc, val);
        List<NeuralNetwork> saved = new ArrayList<>();
        List<EarlyStoppingState> states = new ArrayList<>();
        t.listener(e -> {
            saved.add(whole.copy());
            states.add(t.earlyStoppingState());
        });
        SparkHistory h = t.fit(whole, d);
        assertTrue(h.stoppedEarly(), "the setting stops this run early, after " + h.epochs().size() + " epochs");
        assertTrue(h.restoredBestWeights(), "and goes back to its best epoch");
        assertEquals(states.get(states.size() - 1), h.earlyStoppingState());

        // resume after an epoch with no improvement yet counted (patience partly used), as from a checkpoint
        int k = -1;
        for (int e = 0; e < states.size() - 1; e++) {
            if (states.get(e).sinceBest() > 0) {
                k = e + 1;
            }
        }
        assertTrue(k > 0, "some epoch before the stop had used part of the patience: " + states);
        NeuralNetwork resumed = saved.get(k - 1);
        SparkHistory rest = training(sc, val).initialEpoch(k).resumeEarlyStopping(states.get(k - 1)).fit(resumed, d);
        assertEquals(k + 1, rest.epochs().get(0).epoch());
        assertTrue(rest.stoppedEarly());
        assertEquals(h.last().epoch(), rest.last().epoch(), "stops after the same epoch");
        assertEquals(h.bestEpoch(), rest.bestEpoch(), "the best epoch may lie before the resumed part");
        assertEquals(h.earlyStoppingState(), rest.earlyStoppingState());
        assertArrayEquals(Parameters.of(whole), Parameters.of(resumed), "the same restored weights, bit for bit");

        // without the state the patience count starts afresh: it trains on past the uninterrupted stop
        NeuralNetwork afresh = saved.get(k - 1).copy();
        SparkHistory fresh = training(sc, val).initialEpoch(k).fit(afresh, d);
        assertTrue(fresh.last().epoch() > h.last().epoch(), "afresh it stops later: " + fresh.last().epoch());
    }

    @Test
    void statesThatDoNotBelongToTheRunAreRefused() {
        JavaSparkContext sc = LocalSpark.context();
        DataSet data = SynchronousTrainingTest.blobs(40, 12);
        SparkData d = SparkData.of(sc, data, 2);
        NeuralNetwork nn = SynchronousTrainingTest.classifier(Adam.of(0.05), 0);
        float[][] shapes = Parameters.arrays(nn);
        EarlyStoppingState noWeights = new EarlyStoppingState(0.5, 2, 1, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTraining.synchronous(sc)
                .workers(2).epochs(5).initialEpoch(3).resumeEarlyStopping(noWeights).fit(nn, d));
        assertTrue(e.getMessage().contains("needs earlyStopping"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> SparkTraining.synchronous(sc).workers(2).epochs(5)
                .initialEpoch(2).earlyStopping(3, 0, false).resumeEarlyStopping(noWeights).fit(nn, d));
        assertTrue(e.getMessage().contains("state is of epoch 3") && e.getMessage().contains("initialEpoch is 2"),
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> SparkTraining.synchronous(sc).workers(2).epochs(5)
                .initialEpoch(3).earlyStopping(1, 0, false).resumeEarlyStopping(noWeights).fit(nn, d));
        assertTrue(e.getMessage().contains("already ended"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> SparkTraining.synchronous(sc).workers(2).epochs(5)
                .initialEpoch(3).earlyStopping(3, 0, true).resumeEarlyStopping(noWeights).fit(nn, d));
        assertTrue(e.getMessage().contains("has none"), e.getMessage());

        float[][] wrong = new float[shapes.length][];
        for (int p = 0; p < wrong.length; p++) {
            wrong[p] = new float[shapes[p].length + (p == 2 ? 1 : 0)];
        }
        EarlyStoppingState wrongShape = new EarlyStoppingState(0.5, 2, 1, wrong);
        e = assertThrows(IllegalArgumentException.class, () -> SparkTraining.synchronous(sc).workers(2).epochs(5)
                .initialEpoch(3).earlyStopping(3, 0, true).resumeEarlyStopping(wrongShape).fit(nn, d));
        assertTrue(e.getMessage().contains("weights of layer 1 has " + (shapes[2].length + 1)), e.getMessage());
        assertEquals(0, nn.epochsTrained(), "nothing was trained");
    }

    @Test
    void noEarlyStoppingNoState() {
        JavaSparkContext sc = LocalSpark.context();
        NeuralNetwork nn = SynchronousTrainingTest.classifier(Adam.of(0.05), 0);
        SparkTraining t = SparkTraining.synchronous(sc).workers(2).epochs(2);
        SparkHistory h = t.fit(nn, SparkData.of(sc, SynchronousTrainingTest.blobs(40, 12), 2));
        assertNull(h.earlyStoppingState());
        assertNull(t.earlyStoppingState());
        SparkTraining withEarly = SparkTraining.synchronous(sc).workers(2).epochs(2).earlyStopping(5, 0, false);
        assertNotNull(withEarly.fit(nn.copy(), SparkData.of(sc, SynchronousTrainingTest.blobs(40, 12), 2))
                .earlyStoppingState());
    }
}
