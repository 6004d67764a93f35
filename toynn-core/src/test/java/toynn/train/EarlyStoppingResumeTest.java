package toynn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.io.ModelFile;

/**
 * Early stopping across a resume: fit E epochs in one go, or fit k epochs, save the network and the
 * early-stopping state at the end of epoch k (as a checkpoint does), and continue in a new fit with
 * {@code initialEpoch(k)} and {@code resumeEarlyStopping(state)} — the same stop epoch, best epoch and
 * restored weights, bit for bit.
 */
class EarlyStoppingResumeTest {
    /** y = 2x learned by w, validated against y = x: the validation loss falls, bottoms out and rises. */
    private static final double[][] XS = {{-1}, {-0.5}, {0.5}, {1}};
    private static final DataSet LINE_TRAIN = DataSet.of(XS, new double[][] {{-2}, {-1}, {1}, {2}});
    private static final DataSet LINE_VAL = DataSet.of(XS, new double[][] {{-1}, {-0.5}, {0.5}, {1}});

    private static NeuralNetwork line() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(1).dense(1, ActivationFunction.LINEAR).loss(Loss.MSE)
                .optimizer(Sgd.of(0.1)).build();
        nn.layers().get(0).weights()[0] = 0f;
        nn.layers().get(0).bias()[0] = 0f;
        return nn;
    }

    private static FitOptions lineOptions(int epochs) {
        return FitOptions.create().epochs(epochs).batchSize(4).shuffle(false).validationData(LINE_VAL)
                .earlyStopping(3, 0, true);
    }

    /** A dropout classifier with Adam on a small noisy split, which overfits: the validation loss turns up. */
    private static FitOptions blobOptions(int epochs) {
        return FitOptions.create().epochs(epochs).batchSize(8).validationSplit(0.3).seed(5)
                .earlyStopping(4, 1e-4, true);
    }

    /** What a checkpoint at the end of epoch k holds. */
    private record Checkpoint(NeuralNetwork network, EarlyStoppingState state) {
    }

    /** Fits until epoch {@code k} (k < the stop epoch) and keeps the network and state at its end, as saved to a file. */
    private static Checkpoint checkpointAt(NeuralNetwork nn, DataSet data, FitOptions options, int k) {
        List<Checkpoint> kept = new ArrayList<>();
        nn.fit(data, options.listener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochEvent e) {
                if (e.epoch() == k) {
                    kept.add(new Checkpoint(ModelFile.read(ModelFile.write(nn)), e.earlyStoppingState()));
                }
            }
        }));
        assertEquals(1, kept.size(), "epoch " + k + " was trained");
        return kept.get(0);
    }

    /**
     * The uninterrupted run stops early at S with best epoch B; the run interrupted at k = S − 1 (after B, so
     * both the patience count and best weights from before the resume matter) ends the same.
     */
    private static void resumesExactly(Supplier<NeuralNetwork> fresh, DataSet data,
                                       java.util.function.IntFunction<FitOptions> options, int epochs) {
        NeuralNetwork straight = fresh.get();
        History whole = straight.fit(data, options.apply(epochs));
        assertTrue(whole.stoppedEarly(), "the setting must make early stopping trigger: " + whole);
        int stop = whole.last().epoch();
        int best = whole.bestEpoch();
        assertTrue(best < stop - 1, "patience ≥ 2, so the best epoch is before the resume point");
        assertTrue(whole.restoredBestWeights());
        int k = stop - 1;

        Checkpoint c = checkpointAt(fresh.get(), data, options.apply(epochs), k);
        assertEquals(k, c.state().epoch());
        assertEquals(best, c.state().bestEpoch());
        assertEquals(k - best, c.state().sinceBest());
        assertEquals(k, c.network().epochsTrained());
        NeuralNetwork resumed = c.network();
        History rest = resumed.fit(data, options.apply(epochs).initialEpoch(k).resumeEarlyStopping(c.state()));

        assertTrue(rest.stoppedEarly());
        assertEquals(stop, rest.last().epoch(), "stops at the same epoch");
        assertEquals(1, rest.epochs().size(), "one epoch after the resume point");
        assertEquals(best, rest.bestEpoch(), "the best epoch from before the resume");
        assertTrue(rest.restoredBestWeights());
        FitTest.assertBitIdentical(FitTest.weights(straight), FitTest.weights(resumed));
        FitTest.assertBitIdentical(FitTest.weights(straight), whole.earlyStoppingState().bestWeights());
        assertEquals(whole.earlyStoppingState(), rest.earlyStoppingState());
        assertEquals(straight.epochsTrained(), resumed.epochsTrained());

        // and not by accident: resuming without the state starts the patience afresh and ends elsewhere
        NeuralNetwork forgetful = c.network().copy();
        History h = forgetful.fit(data, options.apply(epochs).initialEpoch(k));
        assertTrue(h.last().epoch() > stop, "a fresh patience count trains past epoch " + stop + ": " + h);
        assertNotEquals(best, h.bestEpoch());
    }

    @Test
    void resumingTheLineEndsWhereTheUninterruptedRunEnds() {
        resumesExactly(EarlyStoppingResumeTest::line, LINE_TRAIN, EarlyStoppingResumeTest::lineOptions, 100);
    }

    @Test
    void resumingAnOverfittingClassifierEndsWhereTheUninterruptedRunEnds() {
        DataSet d = FitTest.blobs(60, 3);
        resumesExactly(() -> FitTest.classifier(11, Adam.of(0.05)), d, EarlyStoppingResumeTest::blobOptions, 300);
    }

    @Test
    void theStateIsReportedEveryEpochAndItsWeightsOnlyDuringOnEpochEnd() {
        List<EpochEvent> kept = new ArrayList<>();
        List<EarlyStoppingState> states = new ArrayList<>();
        NeuralNetwork nn = line();
        History h = nn.fit(LINE_TRAIN, lineOptions(100).listener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochEvent e) {
                kept.add(e);
                EarlyStoppingState s = e.earlyStoppingState();
                states.add(s);
                assertEquals(e.epoch(), s.epoch());
                if (s.sinceBest() == 0) {
                    assertEquals(nn.layers().get(0).weights()[0], s.bestWeights()[0][0], 0f, "a new best keeps these weights");
                }
            }
        }));
        for (int i = 1; i < states.size(); i++) {
            EarlyStoppingState prev = states.get(i - 1);
            EarlyStoppingState s = states.get(i);
            boolean improved = kept.get(i).valLoss() < prev.bestValue();
            assertEquals(improved ? i + 1 : prev.bestEpoch(), s.bestEpoch(), "epoch " + (i + 1));
            assertEquals(improved ? kept.get(i).valLoss() : prev.bestValue(), s.bestValue(), 0);
            assertEquals(improved ? 0 : prev.sinceBest() + 1, s.sinceBest());
        }
        assertEquals(states.get(states.size() - 1), h.earlyStoppingState());
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> kept.get(0).earlyStoppingState());
        assertTrue(late.getMessage().contains("onEpochEnd"), late.getMessage());

        // without restoring, the state has no weights and can be read any time; without early stopping there is none
        History noRestore = line().fit(LINE_TRAIN, FitOptions.create().epochs(5).batchSize(4).validationData(LINE_VAL)
                .earlyStopping(3, 0, false));
        assertFalse(noRestore.earlyStoppingState().hasBestWeights());
        assertEquals(noRestore.earlyStoppingState(), noRestore.last().earlyStoppingState());
        History none = line().fit(LINE_TRAIN, FitOptions.create().epochs(2).batchSize(4));
        assertNull(none.earlyStoppingState());
        assertNull(none.last().earlyStoppingState());
    }

    @Test
    void aStateThatDoesNotFitIsRefusedClearlyBeforeTraining() {
        NeuralNetwork nn = line();
        nn.fit(LINE_TRAIN, FitOptions.create().epochs(4).batchSize(4).shuffle(false));
        float[][] ok = FitTest.weights(nn);
        float before = nn.layers().get(0).weights()[0];

        assertRefused(nn, lineOptions(10).initialEpoch(4).resumeEarlyStopping(new EarlyStoppingState(0.5, 2, 1, ok)),
                "state is of epoch 3", "initialEpoch is 4");
        assertRefused(nn, lineOptions(10).initialEpoch(4).resumeEarlyStopping(new EarlyStoppingState(0.5, 1, 3, ok)),
                "already ended", "patience 3");
        assertRefused(nn, FitOptions.create().epochs(10).initialEpoch(4)
                .resumeEarlyStopping(new EarlyStoppingState(0.5, 2, 2, ok)), "needs earlyStopping");
        assertRefused(nn, lineOptions(10).initialEpoch(4).resumeEarlyStopping(new EarlyStoppingState(0.5, 2, 2, null)),
                "has none");
        assertRefused(nn, lineOptions(10).initialEpoch(4)
                .resumeEarlyStopping(new EarlyStoppingState(0.5, 2, 2, new float[][] {ok[0]})), "1 best-weight arrays",
                "needs 2");
        assertRefused(nn, lineOptions(10).initialEpoch(4)
                .resumeEarlyStopping(new EarlyStoppingState(0.5, 2, 2, new float[][] {ok[0], new float[3]})),
                "bias of layer 0 has 3 numbers", "has 1");
        assertEquals(before, nn.layers().get(0).weights()[0], 0f, "nothing trained");
        assertEquals(4, nn.epochsTrained());

        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EarlyStoppingState(Double.NaN, 1, 0, null))
                .getMessage().contains("bestValue"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EarlyStoppingState(1, 0, 0, null))
                .getMessage().contains("bestEpoch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EarlyStoppingState(1, 1, -1, null))
                .getMessage().contains("sinceBest"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EarlyStoppingState(1, 1, 0, new float[][] {{Float.NaN}})).getMessage().contains("finite"));
    }

    private static void assertRefused(NeuralNetwork nn, FitOptions o, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nn.fit(LINE_TRAIN, o));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), e.getMessage() + " should say " + p);
        }
    }
}
