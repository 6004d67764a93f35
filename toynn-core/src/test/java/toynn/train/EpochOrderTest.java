package toynn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.NeuralNetwork;

/** {@link Trainer#epochOrder}: the order fit really visits the examples in (distributed trainers rely on it). */
class EpochOrderTest {
    private static NeuralNetwork net() {
        return NeuralNetwork.builder().inputs(4).dense(6, ActivationFunction.TANH).dense(3, ActivationFunction.SOFTMAX)
                .optimizer(Momentum.of(0.05, 0.9)).seed(11).build();
    }

    @Test
    void fitVisitsTheBatchesEpochOrderGives() {
        DataSet data = FitTest.blobs(23, 5);
        int batch = 5;
        NeuralNetwork fitted = net();
        fitted.fit(data, FitOptions.create().epochs(2).batchSize(batch).seed(99).shuffle(true));

        NeuralNetwork byHand = net();
        for (int e = 0; e < 2; e++) {
            int[] order = Trainer.epochOrder(99, e, data.size());
            for (int from = 0; from < order.length; from += batch) {
                byHand.partialFit(data.subset(Arrays.copyOfRange(order, from, Math.min(from + batch, order.length))));
            }
        }
        float[][] a = FitTest.weights(fitted);
        float[][] b = FitTest.weights(byHand);
        for (int p = 0; p < a.length; p++) {
            assertArrayEquals(a[p], b[p], "parameter array " + p);
        }
    }

    @Test
    void fitHoldsOutTheExamplesValidationSplitNames() {
        DataSet data = FitTest.blobs(30, 6);
        int[][] split = Trainer.validationSplit(4, data.size(), 0.2);
        assertEquals(24, split[0].length);
        assertEquals(6, split[1].length);
        // fit with the split = fit on the training part with the held-out part as validation data
        NeuralNetwork a = net();
        History ha = a.fit(data, FitOptions.create().epochs(2).batchSize(4).seed(4).validationSplit(0.2));
        NeuralNetwork b = net();
        History hb = b.fit(data.subset(split[0]), FitOptions.create().epochs(2).batchSize(4).seed(4)
                .validationData(data.subset(split[1])));
        float[][] wa = FitTest.weights(a);
        float[][] wb = FitTest.weights(b);
        for (int p = 0; p < wa.length; p++) {
            assertArrayEquals(wa[p], wb[p], "parameter array " + p);
        }
        assertEquals(ha.epochs().get(1).valLoss(), hb.epochs().get(1).valLoss(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.validationSplit(1, 3, 0.1));
        assertEquals("validation split 0.1 of 3 samples leaves 0 for validation and 3 for training; both need at least one",
                e.getMessage());
    }

    @Test
    void anOrderIsAPermutationThatDependsOnSeedAndEpoch() {
        int[] o = Trainer.epochOrder(1, 0, 50);
        int[] sorted = o.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(o, Trainer.epochOrder(1, 0, 50));
        assertFalse(Arrays.equals(o, Trainer.epochOrder(1, 1, 50)));
        assertFalse(Arrays.equals(o, Trainer.epochOrder(2, 0, 50)));
        assertThrows(IllegalArgumentException.class, () -> Trainer.epochOrder(1, -1, 5));
    }
}
