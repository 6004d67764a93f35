package toynn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toynn.Messages.assertMessage;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.data.BundledData;
import toynn.data.Normalizer;
import toynn.train.Adam;
import toynn.train.FitOptions;

/**
 * {@code nn.normalized(raw)}: the data as the network trains on it. A loaded model predicts on raw
 * inputs, but evaluate takes its data as given — scoring raw test data gave a silently wrong accuracy
 * (a third on iris) and there was no one-call way to apply the model's own normalizers.
 */
class NormalizedEvaluationTest {
    @TempDir
    Path dir;

    @Test
    void aLoadedModelScoresRawTestDataThroughItsNormalizers() throws Exception {
        DataSet.Split s = BundledData.load("iris").split(0.2, 42);
        Normalizer in = Normalizer.fitInputs(Normalizer.Method.Z_SCORE, s.train());
        NeuralNetwork nn = NeuralNetwork.builder().inputs(4).dense(8, ActivationFunction.RELU)
                .dense(3, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Adam.of(0.01)).seed(3).build();
        nn.fit(in.normalizeInputs(s.train()), FitOptions.create().epochs(40).batchSize(16));
        double expected = nn.evaluate(in.normalizeInputs(s.test())).accuracy();
        assertTrue(expected > 0.85, "iris is learned: " + expected);
        nn.setInputNormalizer(in);
        nn.save(dir.resolve("m.json"));

        NeuralNetwork back = NeuralNetwork.load(dir.resolve("m.json"));
        DataSet normalized = back.normalized(s.test());
        assertEquals(expected, back.evaluate(normalized).accuracy(), 0);
        assertArrayEquals(in.normalizeInputs(s.test()).inputs(), normalized.inputs(), 0f);
        assertArrayEquals(s.test().targets(), normalized.targets(), 0f, "classification targets stay one-hot");
    }

    @Test
    void regressionTargetsAreNormalizedToo() {
        DataSet raw = DataSet.of(new double[][] {{0}, {10}, {20}}, new double[][] {{32}, {50}, {68}});
        NeuralNetwork reg = NeuralNetwork.regressor(1, 1);
        for (int i = 0; i < raw.size(); i++) {
            reg.addData(new double[] {raw.inputs()[i]}, new double[] {raw.targets()[i]});
        }
        reg.normalizeData();                                   // min-max on inputs and targets
        DataSet d = reg.normalized(raw);
        assertArrayEquals(new float[] {0, 0.5f, 1}, d.inputs(), 1e-6f);
        assertArrayEquals(new float[] {0, 0.5f, 1}, d.targets(), 1e-6f);
    }

    @Test
    void withoutNormalizersTheDataIsReturnedAsItIs() {
        DataSet raw = DataSet.of(new double[][] {{1, 2}}, new double[][] {{1}});
        assertSame(raw, new NeuralNetwork(2, 3, 1).normalized(raw));
    }

    @Test
    void dataOfAnotherWidthIsRefusedByName() {
        NeuralNetwork nn = new NeuralNetwork(2, 3, 1);
        nn.setInputNormalizer(Normalizer.minMax(new double[] {0, 0}, new double[] {1, 1}));
        DataSet three = DataSet.of(new double[][] {{1, 2, 3}}, new double[][] {{1}});
        assertMessage(assertThrows(IllegalArgumentException.class, () -> nn.normalized(three)),
                "3 inputs per example", "fitted to 2 columns");
        assertMessage(assertThrows(NullPointerException.class, () -> nn.normalized(null)), "data must not be null");
    }
}
