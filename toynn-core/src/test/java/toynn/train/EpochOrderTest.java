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
