package toynn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static toynn.Messages.assertMessage;

import java.util.List;
import org.junit.jupiter.api.Test;
import toynn.layers.Dense;
import toynn.train.Sgd;

/**
 * Training that blows up stops with {@link TrainingDivergedException} and a clear message, and the
 * step that diverged changes no weight.
 */
class TrainingDivergenceTest {

    @Test
    void hugeLearningRateStopsWithAClearMessageAndTheLastStepChangesNothing() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);
        nn.setActivationFunction(ActivationFunction.LINEAR);
        nn.setLearningRate(1e30);
        double[] x = {1, -1};
        double[] t = {5};
        for (int step = 0; step < 100; step++) {
            List<Float> before = NeuralNetworkTest.allParameters(nn);
            try {
                nn.train(x, t);
            } catch (TrainingDivergedException e) {
                assertMessage(e, "training diverged", "lower learning rate", "1.0E30");
                assertEquals(before, NeuralNetworkTest.allParameters(nn), "the diverging step must not change weights");
                assertTrue(step > 0, "the first step is finite; divergence shows up later");
                return;
            }
            for (float w : NeuralNetworkTest.allParameters(nn)) {
                assertTrue(Float.isFinite(w), "a weight became " + w + " without an exception");
            }
        }
        fail("a learning rate of 1e30 should diverge within 100 steps");
    }

    /**
     * A finite gradient whose update overflows float32: G·Hᵀ with H ≈ 1e38 from a linear hidden layer.
     * The output (sigmoid) stays finite, so only the check of the update itself can notice.
     */
    @Test
    void updateThatWouldOverflowIsRefusedBeforeAnyWeightChanges() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 1, 1, 1);
        nn.setActivationFunction(0, ActivationFunction.LINEAR);
        Dense hidden = nn.layers().get(0);
        Dense output = nn.layers().get(1);
        hidden.weights()[0] = 1f;
        hidden.bias()[0] = 0f;
        output.weights()[0] = 1e-38f;
        output.bias()[0] = 0f;
        nn.setLearningRate(100);
        List<Float> before = NeuralNetworkTest.allParameters(nn);
        double[] out = nn.predict(new double[] {1e38});
        assertTrue(Double.isFinite(out[0]), "the output itself is finite: " + out[0]);
        for (boolean exact : new boolean[] {false, true}) {
            nn.setExactGradient(exact);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> nn.train(new double[] {1e38}, new double[] {0}));
            assertMessage(e, "layer 1", "would make a weight infinite", "weights were left as they were");
            assertEquals(before, NeuralNetworkTest.allParameters(nn));
        }
    }

    /**
     * partialFit with a finite loss and gradient whose update overflows float32 (rate 1e38, inputs of 100):
     * it used to return the loss as if all were well, leaving every weight infinite.
     */
    @Test
    void partialFitWhoseUpdateOverflowsTheWeightsSaysSo() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);
        nn.setActivationFunction(ActivationFunction.LINEAR);
        nn.setOptimizer(Sgd.of(1e38));
        DataSet batch = DataSet.of(new double[][] {{100, 100}, {0, 1}}, new double[][] {{1}, {0}});
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> nn.partialFit(batch));
        assertMessage(e, "training diverged in partialFit step 1", "weights NaN or infinite", "lower learning rate",
                "1.0E38");
    }

    @Test
    void trainStepReportsDivergenceToo() {
        NeuralNetwork nn = NeuralNetwork.seeded(2, 2, 2);
        nn.setActivationFunction(ActivationFunction.LINEAR);
        nn.setLearningRate(1e30);
        assertThrows(TrainingDivergedException.class, () -> {
            for (int i = 0; i < 100; i++) {
                nn.trainStep(new double[] {1, 1}, new double[] {3, -3});
            }
        });
        for (float w : NeuralNetworkTest.allParameters(nn)) {
            assertTrue(Float.isFinite(w));
        }
    }
}
