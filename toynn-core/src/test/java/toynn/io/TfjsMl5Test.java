package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.data.Normalizer;

/** ml5.js's model_meta.json beside a TF.js model: normalisation and labels in both directions. */
class TfjsMl5Test {
    @TempDir
    Path tmp;

    /** A plain network saved as TF.js, plus a model_meta.json written the way ml5.js writes it. */
    private NeuralNetwork ml5Folder(String meta, int... sizes) throws IOException {
        NeuralNetwork plain = NeuralNetwork.seeded(3, sizes);
        plain.setActivationFunction(sizes.length - 2, ActivationFunction.SOFTMAX);
        TfjsFormat.save(plain, tmp);
        Files.writeString(tmp.resolve("model_meta.json"), meta);
        return plain;
    }

    @Test
    void ml5ClassifierLoadsWithItsNormalisationAndLabels() throws IOException {
        NeuralNetwork plain = ml5Folder(Ml5MetadataTest.CLASSIFIER, 4, 16, 3);
        NeuralNetwork nn = TfjsFormat.load(tmp);
        assertEquals(List.of("green", "red", "blue"), nn.classNames());
        double[] raw = {200, 130, 1, 0};                                // r, g, shade=dark (one-hot)
        // ml5's own rule, by hand: (v − min) / (max − min) per column.
        double[] normalized = {(200 - 0) / 255.0, (130 - 10) / 240.0, 1, 0};
        assertArrayEquals(plain.predict(normalized), nn.predict(raw), 1e-6);
        int best = argmax(plain.predict(normalized));
        assertEquals(List.of("green", "red", "blue").get(best), nn.classify(raw).get(0).label());
    }

    @Test
    void ml5RegressionLoadsWithOutputRanges() throws IOException {
        NeuralNetwork plain = NeuralNetwork.seeded(4, 2, 6, 1);
        plain.setActivationFunction(1, ActivationFunction.LINEAR);
        TfjsFormat.save(plain, tmp);
        Files.writeString(tmp.resolve("model_meta.json"), Ml5MetadataTest.REGRESSION);
        NeuralNetwork nn = TfjsFormat.load(tmp);
        assertTrue(nn.classNames().isEmpty());
        double[] raw = {0.5, 3};
        double y = plain.predict(new double[] {(0.5 + 1) / 2, 3 / 4.0})[0];
        assertEquals(y * (900 - 100) + 100, nn.predict(raw)[0], 1e-4);  // ml5's unnormalize
    }

    @Test
    void savedNormalizersAndLabelsComeBack() throws IOException {
        NeuralNetwork nn = NeuralNetwork.seeded(5, 3, 5, 2);
        nn.setActivationFunction(1, ActivationFunction.SOFTMAX);
        nn.setInputNormalizer(Normalizer.minMax(new double[] {0, -5, 10}, new double[] {255, 5, 10}));  // a constant column
        nn.setClassNames(List.of("cat", "dog"));
        TfjsFormat.save(nn, tmp);
        assertTrue(Files.isRegularFile(tmp.resolve("model_meta.json")));
        NeuralNetwork back = TfjsFormat.load(tmp);
        assertEquals(List.of("cat", "dog"), back.classNames());
        for (double[] x : new double[][] {{0, 0, 10}, {128, -2.5, 11}, {300, 7, 9}}) {
            assertArrayEquals(nn.predict(x), back.predict(x), "min-max comes back exactly: " + java.util.Arrays.toString(x));
        }

        NeuralNetwork reg = NeuralNetwork.seeded(6, 2, 4, 2);
        reg.setActivationFunction(1, ActivationFunction.LINEAR);
        reg.setInputNormalizer(Normalizer.zScore(new double[] {3, -1}, new double[] {2, 0.5}));
        reg.setTargetNormalizer(Normalizer.minMax(new double[] {-10, 0}, new double[] {10, 1000}));
        TfjsFormat.save(reg, tmp.resolve("reg"));
        NeuralNetwork regBack = TfjsFormat.load(tmp.resolve("reg"));
        for (double[] x : new double[][] {{3, -1}, {0, 0}, {7.5, -2}}) {
            double[] want = reg.predict(x);
            double[] got = regBack.predict(x);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-5 * Math.max(1, Math.abs(want[i])), "z-score as min-max: output " + i);
            }
        }
    }

    @Test
    void savingAPlainNetworkRemovesAStaleMetaFile() throws IOException {
        ml5Folder(Ml5MetadataTest.CLASSIFIER, 4, 16, 3);
        TfjsFormat.save(NeuralNetwork.seeded(1, 4, 5, 3), tmp);
        assertFalse(Files.exists(tmp.resolve("model_meta.json")));
        NeuralNetwork back = TfjsFormat.load(tmp);
        assertNull(back.inputNormalizer());
        assertTrue(back.classNames().isEmpty());
    }

    @Test
    void metaThatDoesNotFitTheModelIsRefused() throws IOException {
        ml5Folder(Ml5MetadataTest.REGRESSION, 4, 16, 3);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsFormat.load(tmp));
        assertTrue(e.getMessage().contains("model_meta.json: 2 input units, but the model takes 4 inputs"), e.getMessage());
        Files.writeString(tmp.resolve("model_meta.json"), "{\"inputUnits\": [4]");
        e = assertThrows(ModelFormatException.class, () -> TfjsFormat.load(tmp));
        assertTrue(e.getMessage().contains("model_meta.json: ml5 model_meta.json: not valid JSON"), e.getMessage());
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
