package toynn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.data.Normalizer;

/**
 * Folding a normalizer into the weights (ONNX, Toy-NN-JS) refuses a scale that makes a weight or bias
 * infinite — an input column with a tiny spread, a target with a huge one — instead of writing ±∞ weights.
 */
class FoldingBeyondFloat32Test {
    @Test
    void anInputScaleBeyondFloat32IsRefused() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);
        nn.setInputNormalizer(Normalizer.minMax(new double[] {0, 0}, new double[] {1, 1e-45}));
        String m = assertThrows(IllegalStateException.class, () -> NormalizerFolding.fold(nn, "ONNX")).getMessage();
        assertTrue(m.startsWith("cannot fold the input normalizer into the weights (ONNX holds no normalizer): input "
                + "column 1 (min-max, min 0.0, range max − min 1.0E-45) scales values by ") && m.contains("beyond the float32 "
                + "range") && m.contains("save it as toynn"), m);
        nn.setInputNormalizer(Normalizer.minMax(new double[] {0, 0}, new double[] {1, 1e-20}));
        NormalizerFolding.fold(nn, "ONNX");                           // a scale of 1e20 still fits
    }

    @Test
    void aTargetScaleBeyondFloat32IsRefused() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 1);
        nn.setActivationFunction(1, ActivationFunction.LINEAR);
        nn.setTargetNormalizer(Normalizer.zScore(new double[] {0}, new double[] {1e300}));
        assertEquals("cannot fold the target normalizer into the weights (a Toy-NN-JS file holds no normalizer): output 0 "
                + "(z-score, mean 0.0, std 1.0E300) scales values by 1.0E300, which makes weights beyond the float32 range "
                + "(±3.4028235E38); save it as toynn (or tfjs, whose model_meta.json keeps it)", assertThrows(IllegalStateException.class,
                        () -> NormalizerFolding.fold(nn, "a Toy-NN-JS file")).getMessage());
    }
}
