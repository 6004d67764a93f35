package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.data.Normalizer;
import toynn.io.ModelFile;
import toynn.io.ModelFormatException;

/** Normalizers and class names on the network: predict on raw inputs, classify, model files, addData. */
class NetworkDataTest {

    /** y = 0.5·x0 − 0.25·x1 + 300 for x0 in [100, 200], x1 in [−50, 50]: far from the sigmoid's comfortable range. */
    private static DataSet raw(int n, long seed) {
        toynn.util.Rng rng = new toynn.util.Rng(seed);
        float[] x = new float[n * 2];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) rng.uniform(100, 200);
            x[2 * i + 1] = (float) rng.uniform(-50, 50);
            t[i] = (float) (0.5 * x[2 * i] - 0.25 * x[2 * i + 1] + 300);
        }
        return DataSet.of(x, t, n, 2, 1);
    }

    @Test
    void toyNNJsTextFoldsTheInputNormalizerSoTheFileTakesRawInputs() {
        DataSet data = raw(50, 4);
        NeuralNetwork nn = NeuralNetwork.seeded(5, 2, 8, 1);
        nn.setInputNormalizer(Normalizer.fitInputs(Normalizer.Method.Z_SCORE, data));
        NeuralNetwork back = NeuralNetwork.fromToyNNJs(nn.toToyNNJs(), ActivationFunction.SIGMOID);
        assertNull(back.inputNormalizer());
        NeuralNetwork unfolded = NeuralNetwork.fromToyNNJs(toynn.io.ToyNNJsFormat.write(nn), ActivationFunction.SIGMOID);
        double unfoldedError = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] x = {data.inputs()[2 * i], data.inputs()[2 * i + 1]};
            double want = nn.predict(x)[0];                       // normalizer applied by predict
            assertEquals(want, back.predict(x)[0], 1e-5, "raw input " + i);
            unfoldedError = Math.max(unfoldedError, Math.abs(want - unfolded.predict(x)[0]));
        }
        assertTrue(unfoldedError > 0.01, "the normalizer matters for these inputs: " + unfoldedError);
        // The normalized network still refuses what the format cannot hold.
        NeuralNetwork target = NeuralNetwork.seeded(5, 2, 8, 1);
        target.setTargetNormalizer(Normalizer.fitTargets(Normalizer.Method.MIN_MAX, data));
        assertThrows(IllegalStateException.class, target::toToyNNJs);
    }

    @Test
    void modelTrainedOnNormalizedDataPredictsTheSameOnRawInputsAfterSaveAndLoad(@TempDir Path dir) throws Exception {
        DataSet train = raw(200, 1);
        Normalizer in = Normalizer.fitInputs(Normalizer.Method.Z_SCORE, train);
        Normalizer out = Normalizer.fitTargets(Normalizer.Method.MIN_MAX, train);
        DataSet normalized = out.normalizeTargets(in.normalizeInputs(train));

        NeuralNetwork nn = NeuralNetwork.seeded(3, 2, 8, 1);
        nn.setActivationFunction(1, ActivationFunction.LINEAR);
        nn.setLearningRate(0.01);
        int n = normalized.size();
        for (int epoch = 0; epoch < 60; epoch++) {
            for (int i = 0; i < n; i++) {
                nn.train(java.util.Arrays.copyOfRange(normalized.inputs(), 2 * i, 2 * i + 2),
                        new float[] {normalized.targets()[i]});
            }
        }
        // What the bare network says on normalized inputs, mapped back by hand ...
        DataSet test = raw(20, 2);
        double[] expected = new double[test.size()];
        for (int i = 0; i < test.size(); i++) {
            double[] x = {test.inputs()[2 * i], test.inputs()[2 * i + 1]};
            double y = nn.predict(in.normalize(x))[0];
            expected[i] = out.denormalize(new double[] {y})[0];
        }
        nn.setInputNormalizer(in);
        nn.setTargetNormalizer(out);
        Path file = dir.resolve("model.json");
        nn.save(file);
        NeuralNetwork loaded = NeuralNetwork.load(file);
        assertEquals(in, loaded.inputNormalizer());
        assertEquals(out, loaded.targetNormalizer());
        double worst = 0;
        for (int i = 0; i < test.size(); i++) {
            double[] x = {test.inputs()[2 * i], test.inputs()[2 * i + 1]};
            double a = nn.predict(x)[0];
            double b = loaded.predict(x)[0];
            assertEquals(a, b, 0.0, "saved and loaded network, raw input " + i);          // bit for bit
            assertEquals(expected[i], a, 1e-3, "normalizers applied by predict, input " + i);
            worst = Math.max(worst, Math.abs(a - test.targets()[i]));
        }
        // ... and in original units it has learned the plane (targets span 237..412).
        assertTrue(worst < 5, "largest error " + worst);
        float[] f = loaded.predict(new float[] {test.inputs()[0], test.inputs()[1]});
        assertEquals(loaded.predict(new double[] {test.inputs()[0], test.inputs()[1]})[0], f[0], 1e-3);
    }

    @Test
    void classifyRanksClassesBestFirst() {
        NeuralNetwork nn = NeuralNetwork.seeded(5, 2, 3);
        nn.setActivationFunction(ActivationFunction.SOFTMAX);
        nn.setClassNames(List.of("red", "green", "blue"));
        double[] p = nn.predict(new double[] {0.3, -0.7});
        List<Classification> c = nn.classify(new double[] {0.3, -0.7});
        assertEquals(3, c.size());
        for (int i = 1; i < 3; i++) {
            assertTrue(c.get(i - 1).confidence() >= c.get(i).confidence());
        }
        for (Classification k : c) {
            assertEquals(p[List.of("red", "green", "blue").indexOf(k.label())], k.confidence());
        }
        assertEquals(1, c.stream().mapToDouble(Classification::confidence).sum(), 1e-6);
        NeuralNetwork unnamed = NeuralNetwork.seeded(5, 2, 3);
        assertTrue(List.of("0", "1", "2").contains(unnamed.classify(new double[] {1, 1}).get(0).label()));
    }

    @Test
    void settersCheckSizes() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3);
        assertEquals("2 class names for 3 outputs; expected one name per output",
                assertThrows(IllegalArgumentException.class, () -> nn.setClassNames(List.of("a", "b"))).getMessage());
        assertEquals("class names must be distinct and not null, got [a, b, a]",
                assertThrows(IllegalArgumentException.class, () -> nn.setClassNames(List.of("a", "b", "a"))).getMessage());
        Normalizer three = Normalizer.minMax(new double[3], new double[] {1, 1, 1});
        assertEquals("the input normalizer has 3 columns but the network has 2 inputs",
                assertThrows(IllegalArgumentException.class, () -> nn.setInputNormalizer(three)).getMessage());
        nn.setTargetNormalizer(three);
        nn.setTargetNormalizer(null);
        assertNull(nn.targetNormalizer());
    }

    @Test
    void copyKeepsNormalizersAndClassNames() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3);
        nn.setClassNames(List.of("a", "b", "c"));
        nn.setInputNormalizer(Normalizer.minMax(new double[] {0, 0}, new double[] {10, 10}));
        NeuralNetwork c = nn.copy();
        assertEquals(nn.classNames(), c.classNames());
        assertArrayEquals(nn.predict(new double[] {3, 4}), c.predict(new double[] {3, 4}));
    }

    @Test
    void modelFileSections() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3);
        nn.setClassNames(List.of("a", "b", "c"));
        nn.setInputNormalizer(Normalizer.zScore(new double[] {1, 2}, new double[] {3, 4}));
        JsonObject root = JsonParser.parseString(nn.toJson()).getAsJsonObject();
        assertEquals(2, root.get("formatVersion").getAsInt());
        assertEquals("[\"a\",\"b\",\"c\"]", root.get("classNames").toString());
        assertEquals("{\"inputs\":{\"method\":\"z-score\",\"mean\":[1.0,2.0],\"std\":[3.0,4.0]}}",
                root.get("normalization").toString());
    }

    @Test
    void versionOneFilesStillLoad() {
        NeuralNetwork nn = NeuralNetwork.seeded(4, 2, 3, 1);
        JsonObject root = JsonParser.parseString(nn.toJson()).getAsJsonObject();
        root.addProperty("formatVersion", 1);                   // a file from before the data sections
        NeuralNetwork back = ModelFile.read(root.toString());
        assertArrayEquals(nn.predict(new double[] {0.5, 0.25}), back.predict(new double[] {0.5, 0.25}));
        assertEquals(List.of(), back.classNames());
        assertNull(back.inputNormalizer());
    }

    @Test
    void badDataSectionsAreReported() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3);
        JsonObject root = JsonParser.parseString(nn.toJson()).getAsJsonObject();
        root.add("classNames", JsonParser.parseString("[\"a\", \"b\"]"));
        assertEquals("model.classNames: 2 names but the network has 3 outputs; expected one name per output",
                assertThrows(ModelFormatException.class, () -> ModelFile.read(root.toString())).getMessage());
        root.add("classNames", JsonParser.parseString("[\"a\", 7, \"c\"]"));
        assertEquals("model.classNames[1]: expected a string, got the number 7",
                assertThrows(ModelFormatException.class, () -> ModelFile.read(root.toString())).getMessage());
        root.remove("classNames");
        root.add("normalization", JsonParser.parseString("{\"inputs\": {\"method\":\"min-max\",\"min\":[0,0,0],\"max\":[1,1,1]}}"));
        assertEquals("model.normalization.inputs: 3 columns but the network has 2 inputs",
                assertThrows(ModelFormatException.class, () -> ModelFile.read(root.toString())).getMessage());
        root.add("normalization", JsonParser.parseString("{\"targets\": {\"method\":\"min-max\",\"min\":[0,0,2],\"max\":[1,1,1]}}"));
        assertEquals("model.normalization.targets: column 2: max 1.0 is below min 2.0",
                assertThrows(ModelFormatException.class, () -> ModelFile.read(root.toString())).getMessage());
    }

    // ---------------------------------------------------------------- ml5-style data collection

    @Test
    void addDataCollectsLabelsInFirstSeenOrder() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 3);
        nn.addData(new double[] {1, 10}, "cat");
        nn.addData(new double[] {3, 30}, "dog");
        nn.addData(new double[] {2, 20}, "cat");
        nn.addData(new double[] {5, 50}, "fox");
        DataSet d = nn.collectedData();
        assertEquals(List.of("cat", "dog", "fox"), d.classNames());
        assertArrayEquals(new int[] {0, 1, 0, 2}, d.labels());
        assertEquals("label \"owl\" would be class 4, but the network has 3 outputs, one per class; the labels so far "
                + "are [cat, dog, fox]", assertThrows(IllegalArgumentException.class,
                        () -> nn.addData(new double[] {0, 0}, "owl")).getMessage());
        assertEquals("this data has labels; add every example the same way (a label for classification, numbers for "
                + "regression)", assertThrows(IllegalArgumentException.class,
                        () -> nn.addData(new double[] {0, 0}, new double[] {1, 2, 3})).getMessage());
        assertEquals("input has 3 values but the network expects 2", assertThrows(IllegalArgumentException.class,
                () -> nn.addData(new double[] {0, 0, 0}, "cat")).getMessage());
    }

    @Test
    void presetClassNamesFixTheLabels() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 2);
        nn.setClassNames(List.of("no", "yes"));
        nn.addData(new double[] {1, 1}, "yes");
        assertArrayEquals(new int[] {1}, nn.collectedData().labels());
        assertEquals("unknown label \"maybe\"; expected one of [no, yes]", assertThrows(IllegalArgumentException.class,
                () -> nn.addData(new double[] {0, 0}, "maybe")).getMessage());
    }

    @Test
    void normalizeDataFitsMinMaxOnTheCollectedData() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 1);
        assertEquals("no data yet; add examples with addData(inputs, label or targets) first",
                assertThrows(IllegalStateException.class, nn::normalizeData).getMessage());
        nn.addData(new double[] {100, -4}, new double[] {10});
        nn.addData(new double[] {300, 4}, new double[] {30});
        nn.addData(new double[] {200, 0}, new double[] {20});
        nn.normalizeData();
        assertArrayEquals(new double[] {100, -4}, nn.inputNormalizer().offsets());
        assertArrayEquals(new double[] {300, 4}, nn.inputNormalizer().spreads());
        assertArrayEquals(new double[] {0.5, 0.5}, nn.inputNormalizer().normalize(new double[] {200, 0}), 1e-12);
        assertArrayEquals(new double[] {10}, nn.targetNormalizer().offsets());
        assertArrayEquals(new double[] {30}, nn.targetNormalizer().spreads());
        // classification data: inputs only
        NeuralNetwork c = NeuralNetwork.seeded(1, 1, 2);
        c.addData(new double[] {-1}, "a");
        c.addData(new double[] {1}, "b");
        c.normalizeData();
        assertNull(c.targetNormalizer());
        c.clearData();
        assertThrows(IllegalStateException.class, c::collectedData);
    }
}
