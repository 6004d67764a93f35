package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.InputShape;
import toynn.Loss;
import toynn.data.Normalizer;
import toynn.layers.Dense;
import toynn.train.Adam;
import toynn.train.FitOptions;
import toynn.NeuralNetwork;

/** End-to-end: inspect, predict and convert run in-process on real model files. */
class ModelCommandsTest {
    @TempDir
    Path dir;

    NeuralNetwork net;      // 3-5-4, relu then softmax
    Path model;

    @BeforeEach
    void saveModel() throws Exception {
        net = NeuralNetwork.seeded(7, 3, 5, 4);
        net.setActivationFunction(0, ActivationFunction.RELU);
        net.setActivationFunction(1, ActivationFunction.SOFTMAX);
        model = dir.resolve("model.json");
        net.save(model);
    }

    private static float[] floats(String jsonArrayLine) {
        JsonArray a = JsonParser.parseString(jsonArrayLine).getAsJsonArray();
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsFloat();
        }
        return v;
    }

    private static void assertOutputs(double[] expected, String line) {
        float[] got = floats(line);
        assertEquals(expected.length, got.length, line);
        for (int i = 0; i < got.length; i++) {
            assertEquals((float) expected[i], got[i], "output " + i + " of " + line);
        }
    }

    // ------------------------------------------------------------ inspect

    @Test
    void inspectShowsLayersShapesActivationsAndParameterCount() {
        Cli.Result r = Cli.run("inspect", "--model", model.toString());
        assertEquals(0, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.contains("(batch, 3)") && out.contains("(batch, 5)") && out.contains("(batch, 4)"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("dense_1") && l.contains("relu") && l.trim().endsWith(" 20")), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("dense_2") && l.contains("softmax") && l.trim().endsWith(" 24")), out);
        assertTrue(out.contains("Total parameters: 44"), out);            // 3·5+5 + 5·4+4
        assertTrue(out.contains("seed 7"), out);
        assertTrue(out.contains("Format: ToyNN JSON model file") && out.contains("version " + toynn.io.ModelFile.FORMAT_VERSION),
                out);
    }

    @Test
    void inspectShowsRecordedSections() throws Exception {
        // A network trained with Adam on normalised inputs, with class names: all recorded in its file.
        DataSet data = DataSet.ofLabels(new float[] {0, 10, 1, 20, 2, 30, 3, 40}, 2, new int[] {0, 1, 2, 3},
                List.of("cat", "dog", "cow", "hen"));
        NeuralNetwork nn = NeuralNetwork.builder().inputs(2).dense(3, ActivationFunction.RELU)
                .dense(4, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Adam.of(0.01)).seed(3).build();
        Normalizer n = Normalizer.fitInputs(Normalizer.Method.MIN_MAX, data);
        nn.setInputNormalizer(n);
        nn.setClassNames(data.classNames());
        nn.fit(n.normalizeInputs(data), FitOptions.create().epochs(2).batchSize(2));
        nn.save(model);
        Cli.Result r = Cli.run("inspect", "--model", model.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("loss cross_entropy"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Training: epochsTrained 2") && l.contains("name adam")),
                r.out());
        assertTrue(r.out().contains("Normalisation: inputs {method min-max"), r.out());
        assertTrue(r.out().contains("Classes (4): cat, dog, cow, hen"), r.out());
        assertTrue(r.out().contains("Input: kind values"), r.out());
    }

    @Test
    void inspectRejectsMalformedAndForeignFiles() throws Exception {
        Path truncated = dir.resolve("truncated.json");
        String text = Files.readString(model);
        Files.writeString(truncated, text.substring(0, text.length() / 2));
        MainTest.assertOneLineError(Cli.run("inspect", "--model", truncated.toString()), truncated.toString(), "not valid JSON");

        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"hello\": 1}");
        MainTest.assertOneLineError(Cli.run("inspect", "--model", other.toString()), "not a model file ToyNN recognises",
                "--format");

        Path wrongType = dir.resolve("wrong.json");
        Files.writeString(wrongType, text.replaceFirst("\"inputs\": 3", "\"inputs\": \"three\""));
        MainTest.assertOneLineError(Cli.run("inspect", "--model", wrongType.toString()), "inputs");

        Path binary = dir.resolve("model.bin");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        MainTest.assertOneLineError(Cli.run("inspect", "--model", binary.toString()), binary.toString());

        MainTest.assertOneLineError(Cli.run("inspect", "--model", model.toString(), "--format", "keras"),
                "unknown model format 'keras'", "toynn, toy-nn-js, tfjs");
        MainTest.assertOneLineError(Cli.run("inspect", "--model", model.toString(), "--activation", "tanh"),
                "--activation is for formats that do not record their activation");
    }

    // ------------------------------------------------------------ predict

    @Test
    void predictPrintsOneArrayPerInput() {
        double[] a = {0.5, -1, 2};
        double[] b = {1, 0, 0};
        double[] c = {0, 0.25, -3};
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--input", "[0.5, -1, 2]",
                "--input", "[[1, 0, 0], [0, 0.25, -3]]");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(3, r.outLines().size(), r.out());
        assertOutputs(net.predict(a), r.outLines().get(0));
        assertOutputs(net.predict(b), r.outLines().get(1));
        assertOutputs(net.predict(c), r.outLines().get(2));
    }

    @Test
    void predictWithLabelsGivesTheLargestOutputAndItsValue() {
        double[] x = {0.3, 0.9, -0.4};
        double[] y = net.predict(x);
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            best = y[i] > y[best] ? i : best;
        }
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--input", "[0.3, 0.9, -0.4]", "--labels");
        assertEquals(0, r.exitCode(), r.toString());
        JsonObject o = JsonParser.parseString(r.outLines().get(0)).getAsJsonObject();
        assertEquals(String.valueOf(best), o.get("label").getAsString());
        assertEquals((float) y[best], o.get("confidence").getAsFloat());
    }

    @Test
    void predictReadsCsvRowsAfterAHeader() throws Exception {
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n\n-0.5, 0.5 ,0\n");
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--csv", csv.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(2, r.outLines().size(), r.out());
        assertOutputs(net.predict(new double[] {1, 2, 3}), r.outLines().get(0));
        assertOutputs(net.predict(new double[] {-0.5, 0.5, 0}), r.outLines().get(1));
    }

    @Test
    void predictReadsImagesScaledToTheModelInput() throws Exception {
        NeuralNetwork img = NeuralNetwork.seeded(3, 64, 6, 3);
        Path m = dir.resolve("img.json");
        img.save(m);
        // 16×16 image made of 2×2 blocks: scaled to 8×8 each block becomes one pixel of its gray.
        Path png = dir.resolve("digit.png");
        double[] expected = blockImage(8, 8, 2, (x, y) -> (x == 0 || y == 0 || x == 7 || y == 7) ? 0 : (x * 37 + y * 11) % 256, png);
        Cli.Result r = Cli.run("predict", "--model", m.toString(), png.toString());
        assertPredicted(img, expected, r);
        assertTrue(r.err().contains("does not say whether its inputs are an image") && r.err().contains("8×8"), r.err());
    }

    @Test
    void predictScalesImagesToTheSizeTheModelRecords() throws Exception {
        NeuralNetwork wide = NeuralNetwork.seeded(4, 8, 5, 2);           // 4×2 pixels: not a square
        wide.setInputShape(InputShape.image(4, 2));
        Path m = dir.resolve("wide.json");
        wide.save(m);
        Path png = dir.resolve("wide.png");
        double[] expected = blockImage(4, 2, 3, (x, y) -> 40 + 25 * (y * 4 + x), png);    // 12×6 pixels, 3×3 blocks
        Cli.Result r = Cli.run("predict", "--model", m.toString(), "--invert", "no", png.toString());
        assertPredicted(wide, expected, r);
        assertFalse(r.err().contains("does not say"), r.err());
    }

    /**
     * Writes a PNG of {@code w × h} blocks of {@code block × block} pixels, block (x, y) gray {@code gray(x, y)};
     * returns the gray values (in [0, 1]) that scaling it to {@code w × h} gives.
     */
    private static double[] blockImage(int w, int h, int block, java.util.function.IntBinaryOperator gray, Path png)
            throws java.io.IOException {
        BufferedImage bi = new BufferedImage(w * block, h * block, BufferedImage.TYPE_INT_RGB);
        double[] expected = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int g = gray.applyAsInt(x, y);
                expected[y * w + x] = g / 255.0;
                for (int dy = 0; dy < block; dy++) {
                    for (int dx = 0; dx < block; dx++) {
                        bi.setRGB(block * x + dx, block * y + dy, g << 16 | g << 8 | g);
                    }
                }
            }
        }
        ImageIO.write(bi, "png", png.toFile());
        return expected;
    }

    /** {@code r} succeeded and printed {@code nn}'s outputs for {@code input}. */
    private static void assertPredicted(NeuralNetwork nn, double[] input, Cli.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
        float[] got = floats(r.outLines().get(0));
        double[] want = nn.predict(input);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-6, "output " + i);
        }
    }

    @Test
    void predictRefusesImagesForModelsTrainedOnValues() throws Exception {
        NeuralNetwork tabular = NeuralNetwork.seeded(6, 4, 3, 1);        // 4 inputs would pass for a 2×2 image
        tabular.fit(DataSet.of(new double[][] {{0, 1, 2, 3}, {3, 2, 1, 0}}, new double[][] {{1}, {0}}),
                FitOptions.create().epochs(1).batchSize(2));
        assertEquals(InputShape.values(), tabular.inputShape());
        Path m = dir.resolve("tabular.json");
        tabular.save(m);
        BufferedImage bi = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("tiny.png");
        ImageIO.write(bi, "png", png.toFile());
        MainTest.assertOneLineError(Cli.run("predict", "--model", m.toString(), png.toString()),
                "tabular.json was trained on plain values", "--input or --csv");
    }

    @Test
    void predictErrorsAreOneLine() throws Exception {
        MainTest.assertOneLineError(Cli.run("predict", "--model", model.toString(), "--input", "[1, 2]"),
                "has 2 values but the model takes 3 inputs");
        MainTest.assertOneLineError(Cli.run("predict", "--model", model.toString(), "--input", "[1, 2, oops]"),
                "--input", "not a JSON array of numbers");
        MainTest.assertOneLineError(Cli.run("predict", "--model", model.toString(), "--input", "[1, \"2\", 3]"),
                "not a number");
        MainTest.assertOneLineError(Cli.run("predict", "--model", model.toString()), "no inputs given");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "1,2,3\n4,five,6\n");
        MainTest.assertOneLineError(Cli.run("predict", "--model", model.toString(), "--csv", csv.toString()),
                "line 2, column 2", "'five'");
        Path notImage = dir.resolve("note.png");
        Files.writeString(notImage, "hello");
        MainTest.assertOneLineError(Cli.run("predict", "--model", dir.resolve("img.json").toString(), notImage.toString()),
                "img.json");
        NeuralNetwork.seeded(1, 64, 2).save(dir.resolve("img.json"));
        MainTest.assertOneLineError(Cli.run("predict", "--model", dir.resolve("img.json").toString(), notImage.toString()),
                "not an image");
        MainTest.assertOneLineError(Cli.run("predict", "--model", model.toString(), notImage.toString()),
                "3 inputs, which is not a square image");
    }

    @Test
    void aShortRowAmongSeveralIsNamedAndNothingIsPrinted() throws Exception {
        // Before: the first row's outputs were printed, then an error naming the whole array, not the row.
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--input", "[[1, 2, 3], [4, 5]]");
        MainTest.assertOneLineError(r, "--input [[1, 2, 3], [4, 5]] row 1 has 2 values", "takes 3 inputs");
        assertEquals("", r.out(), "no outputs before the error");
        Path csv = dir.resolve("short.csv");
        Files.writeString(csv, "1,2,3\n4,5\n");
        Cli.Result c = Cli.run("predict", "--model", model.toString(), "--input", "[0, 0, 0]", "--csv", csv.toString());
        MainTest.assertOneLineError(c, csv + " row 2 has 2 values");
        assertEquals("", c.out(), "no outputs before the error");
    }

    @Test
    void aRowBeyondFloat32AmongSeveralIsNamedAndNothingIsPrinted() throws Exception {
        // Before: the first row's outputs were printed, then "input[0] is 1.0E39, …" without saying which row.
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--input", "[[1, 2, 3], [1e39, 5, 6]]");
        MainTest.assertOneLineError(r, "--input [[1, 2, 3], [1e39, 5, 6]] row 1: input[0] is 1.0E39", "float32");
        assertEquals("", r.out(), "no outputs before the error");
        Path csv = dir.resolve("huge.csv");
        Files.writeString(csv, "1,2,3\n4,-1e39,6\n");
        Cli.Result c = Cli.run("predict", "--model", model.toString(), "--csv", csv.toString());
        MainTest.assertOneLineError(c, csv + " row 2: input[1] is -1.0E39");
        assertEquals("", c.out(), "no outputs before the error");
    }

    @Test
    void outputsThatOverflowAreAnErrorNotNaNInTheJson() throws Exception {
        // Before: a line [NaN] or {"label":"0","confidence":NaN} (not JSON) and exit code 0 for a finite input.
        Dense d = new Dense(2, 1, ActivationFunction.LINEAR);
        d.weights()[0] = 2;
        d.weights()[1] = 2;
        Path doubling = dir.resolve("doubling.json");
        NeuralNetwork.fromLayers(List.of(d)).save(doubling);
        for (String input : List.of("[[1, 1], [3e38, -3e38]]", "[[1, 1], [3e38, 0]]")) {
            for (boolean labels : new boolean[] {false, true}) {
                List<String> args = new ArrayList<>(List.of("predict", "--model", doubling.toString(), "--input", input));
                if (labels) {
                    args.add("--labels");
                }
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                MainTest.assertOneLineError(r, "--input " + input + " row 1: the outputs are [", "not finite numbers",
                        "overflows");
                assertEquals("", r.out(), "no outputs before the error");
            }
        }
        assertEquals("[4.0]", Cli.run("predict", "--model", doubling.toString(), "--input", "[1, 1]").out().strip());
    }

    @Test
    void tfjsModelsPredictWhatTensorFlowJsPredicted() throws Exception {
        Path fixtures = Cli.fixtures();
        assumeTrue(fixtures != null, "fixtures not found; skipping");
        Path folder = fixtures.resolve("tfjs/mlp-4-16-3-softmax");
        JsonObject expected = JsonParser.parseString(Files.readString(folder.resolve("expected.json"))).getAsJsonObject();
        JsonArray inputs = expected.getAsJsonArray("inputs");
        JsonArray outputs = expected.getAsJsonArray("outputs");
        Cli.Result r = Cli.run("predict", "--model", folder.resolve("model.json").toString(), "--input", inputs.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(inputs.size(), r.outLines().size());
        for (int i = 0; i < inputs.size(); i++) {
            float[] got = floats(r.outLines().get(i));
            JsonArray want = outputs.get(i).getAsJsonArray();
            for (int k = 0; k < want.size(); k++) {
                assertEquals(want.get(k).getAsDouble(), got[k], 1e-5, "input " + i + " output " + k);
            }
        }
        Cli.Result inspect = Cli.run("inspect", "--model", folder.toString());
        assertEquals(0, inspect.exitCode(), inspect.toString());
        assertTrue(inspect.out().contains("Total parameters: 131"), inspect.out());      // 4·16+16 + 16·3+3
    }

    @Test
    void convertToTfjsAndOnnxKeepsThePredictions() throws Exception {
        double[] x = {0.5, -1, 2};
        for (String format : List.of("tfjs", "onnx")) {
            Path out = dir.resolve(format.equals("tfjs") ? "tfjs-model" : "model.onnx");
            Cli.Result c = Cli.run("convert", model.toString(), "--to", format, out.toString());
            assertEquals(0, c.exitCode(), c.toString());
            Cli.Result p = Cli.run("predict", "--model", out.toString(), "--input", "[0.5, -1, 2]");
            assertEquals(0, p.exitCode(), p.toString());
            float[] got = floats(p.outLines().get(0));
            double[] want = net.predict(x);
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got[k], 1e-6, format + " output " + k);
            }
        }
    }

    @Test
    void evaluateGivesOneLossForOneModelInEveryFormat() throws Exception {
        Path trained = dir.resolve("iris");
        assertEquals(0, Cli.run("train", "--data", "iris", "--layers", "8", "--epochs", "3", "--quiet",
                "--checkpoint-every", "0", "--out", trained.toString()).exitCode());
        Path toynn = trained.resolve("model.json");
        JsonObject reference = evaluateJson(toynn);
        assertEquals("cross_entropy", reference.get("loss_function").getAsString());
        for (String format : List.of("tfjs", "onnx")) {
            Path out = dir.resolve(format.equals("tfjs") ? "iris-tfjs" : "iris.onnx");
            assertEquals(0, Cli.run("convert", toynn.toString(), "--to", format, out.toString()).exitCode());
            // tfjs and onnx record no loss: the softmax classifier is still scored with cross-entropy.
            JsonObject got = evaluateJson(out);
            assertEquals("cross_entropy", got.get("loss_function").getAsString(), format);
            assertEquals(reference.get("accuracy").getAsDouble(), got.get("accuracy").getAsDouble(), 0.0, format);
            assertEquals(reference.get("loss").getAsDouble(), got.get("loss").getAsDouble(), 1e-5, format);
        }
        Cli.Result text = Cli.run("evaluate", "--model", toynn.toString(), "--data", "iris");
        assertTrue(text.out().contains("(cross_entropy loss "), text.out());
    }

    private static JsonObject evaluateJson(Path model) {
        Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--data", "iris", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    // ------------------------------------------------------------ Toy-NN-JS files and convert

    @Test
    void toyNNJsFilesPredictWhatThatLibraryPredicted() throws Exception {
        Path fixtures = Cli.fixtures();
        assumeTrue(fixtures != null, "shared/fixtures not found beside the repository; skipping");
        for (String name : List.of("xor-2-4-1", "color-3-6-2", "tanh-4-7-2", "random-5-8-3-untrained")) {
            Path file = fixtures.resolve("toy-nn-js/" + name + ".model.json");
            JsonObject expected = JsonParser.parseString(Files.readString(fixtures.resolve("toy-nn-js/" + name
                    + ".expected.json"))).getAsJsonObject();
            String activation = expected.get("activation").getAsString();
            JsonArray inputs = expected.getAsJsonArray("inputs");
            JsonArray outputs = expected.getAsJsonArray("outputs");
            Cli.Result r = Cli.run("predict", "--model", file.toString(), "--activation", activation,
                    "--input", inputs.toString());
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(inputs.size(), r.outLines().size(), name);
            for (int i = 0; i < inputs.size(); i++) {
                float[] got = floats(r.outLines().get(i));
                JsonArray want = outputs.get(i).getAsJsonArray();
                for (int k = 0; k < want.size(); k++) {
                    assertEquals(want.get(k).getAsDouble(), got[k], 1e-5, name + " input " + i + " output " + k);
                }
            }
        }
    }

    @Test
    void convertToyNNJsToToyNNKeepsThePredictions() throws Exception {
        Path fixtures = Cli.fixtures();
        assumeTrue(fixtures != null, "shared/fixtures not found beside the repository; skipping");
        Path in = fixtures.resolve("toy-nn-js/tanh-4-7-2.model.json");
        Path out = dir.resolve("tanh.toynn.json");
        Cli.Result r = Cli.run("convert", "--from", "toy-nn-js", in.toString(), "--to", "toynn", out.toString(),
                "--activation", "tanh");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("4-7-2"), r.out());
        NeuralNetwork converted = NeuralNetwork.load(out);
        NeuralNetwork original = NeuralNetwork.fromToyNNJs(Files.readString(in), ActivationFunction.TANH);
        assertEquals(ActivationFunction.TANH, converted.getActivationFunction());
        double[] x = {0.1, -0.7, 0.4, 1.0};
        assertEquals(original.predict(x)[0], converted.predict(x)[0]);
        assertEquals(original.predict(x)[1], converted.predict(x)[1]);
    }

    @Test
    void convertToyNNToToyNNJsAndBack() throws Exception {
        NeuralNetwork small = NeuralNetwork.seeded(11, 2, 3, 2);
        small.setActivationFunction(ActivationFunction.TANH);
        Path toynn = dir.resolve("small.json");
        small.save(toynn);
        Path js = dir.resolve("small.toy-nn-js.json");
        Cli.Result r = Cli.run("convert", "--from", "toynn", toynn.toString(), "--to", "toy-nn-js", js.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--activation tanh"), "a note should say how to read it back: " + r);
        JsonElement written = JsonParser.parseString(Files.readString(js));
        assertEquals(2, written.getAsJsonObject().get("input_nodes").getAsInt());
        // Read back (format recognised from the file) and predict the same.
        Cli.Result p = Cli.run("predict", "--model", js.toString(), "--activation", "tanh", "--input", "[0.25, -0.5]");
        assertEquals(0, p.exitCode(), p.toString());
        assertOutputs(small.predict(new double[] {0.25, -0.5}), p.outLines().get(0));
    }

    /** Toy-NN-JS has no place for class names: converting says they are left out instead of dropping them silently. */
    @Test
    void convertToToyNNJsSaysTheClassNamesAreLeftOut() throws Exception {
        NeuralNetwork classifier = NeuralNetwork.seeded(12, 2, 3, 2);
        classifier.setClassNames(List.of("cat", "dog"));
        Path toynn = dir.resolve("pets.json");
        classifier.save(toynn);
        Path js = dir.resolve("pets.toy-nn-js.json");
        Cli.Result r = Cli.run("convert", toynn.toString(), "--to", "toy-nn-js", js.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("toy-nn-js files do not hold class names, so [cat, dog] are not in " + js), r.toString());
        Path back = dir.resolve("pets.onnx");
        Cli.Result kept = Cli.run("convert", toynn.toString(), "--to", "onnx", back.toString());
        assertEquals(0, kept.exitCode(), kept.toString());
        assertFalse(kept.err().contains("class names"), "ONNX keeps them: " + kept);
    }

    /** Only ToyNN files record an image input's width × height: converting to another format says it is left out. */
    @Test
    void convertSaysTheImageSizeIsLeftOut() throws Exception {
        NeuralNetwork wide = NeuralNetwork.seeded(13, 6, 3, 2);
        wide.setInputShape(InputShape.image(3, 2));
        Path toynn = dir.resolve("wide.json");
        wide.save(toynn);
        for (String format : List.of("toy-nn-js", "tfjs", "onnx")) {
            Path out = dir.resolve("wide." + format);
            Cli.Result r = Cli.run("convert", toynn.toString(), "--to", format, out.toString());
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.err().contains("toynn: note: " + format + " files do not hold the input image size, so 3×2 is not in "
                    + out + "; read back, it takes no images (its 6 inputs are not a square)"), r.toString());
        }
        NeuralNetwork square = NeuralNetwork.seeded(14, 4, 3, 2);
        square.setInputShape(InputShape.image(2, 2));
        square.save(toynn);
        Cli.Result r = Cli.run("convert", toynn.toString(), "--to", "onnx", dir.resolve("square.onnx").toString());
        assertTrue(r.err().contains("so 2×2 is not in " + dir.resolve("square.onnx")
                + "; read back, images are taken as 2×2 (a square of its 4 inputs)"), r.toString());
        Cli.Result kept = Cli.run("convert", toynn.toString(), "--to", "toynn", dir.resolve("copy.json").toString());
        assertEquals(0, kept.exitCode(), kept.toString());
        assertFalse(kept.err().contains("image size"), "ToyNN files keep it: " + kept);
        assertEquals(InputShape.image(2, 2), NeuralNetwork.load(dir.resolve("copy.json")).inputShape());
        NeuralNetwork values = NeuralNetwork.seeded(15, 4, 3, 2);
        values.setInputShape(InputShape.values());
        values.save(toynn);
        Cli.Result plain = Cli.run("convert", toynn.toString(), "--to", "onnx", dir.resolve("values.onnx").toString());
        assertFalse(plain.err().contains("image size"), "no image, nothing dropped: " + plain);
    }

    @Test
    void convertRefusesWhatTheTargetCannotHold() throws Exception {
        Path deep = dir.resolve("deep.json");
        NeuralNetwork.seeded(1, 2, 3, 3, 1).save(deep);
        MainTest.assertOneLineError(Cli.run("convert", deep.toString(), "--to", "toy-nn-js", dir.resolve("x.json").toString()),
                "exactly one hidden layer", "has 2");
        MainTest.assertOneLineError(Cli.run("convert", model.toString(), "--to", "toy-nn-js", dir.resolve("x.json").toString()),
                "one activation for both layers", "relu then softmax");
        MainTest.assertOneLineError(Cli.run("convert", model.toString(), "--to", "keras", dir.resolve("x.h5").toString()),
                "unknown model format 'keras'");
        MainTest.assertOneLineError(Cli.run("convert", "--from", "java", model.toString(), "--to", "toynn",
                dir.resolve("x.json").toString()), "can only be written");
        assertTrue(Files.notExists(dir.resolve("x.json")), "nothing may be written on failure");
        assertEquals(List.of(), Files.readAllLines(dir.resolve("model.json"), StandardCharsets.UTF_8).stream()
                .filter(String::isBlank).toList());
    }

    @Test
    void aDirectoryWhereAFileIsNeededAndAFileWhereADirectoryIsNeededAreNamed() throws Exception {
        // Before: "cannot use /.model.json.123.tmp: Is a directory" (the temporary file) and
        // "cannot use …/plain: FileAlreadyExistsException".
        Path folder = Files.createDirectories(dir.resolve("folder"));
        MainTest.assertOneLineError(Cli.run("convert", model.toString(), "--to", "toynn", folder.toString()),
                "cannot use " + folder, "is a folder", "path of a file");
        try (var left = Files.list(folder)) {
            assertEquals(List.of(), left.toList(), "nothing is left in the folder");
        }
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "a file");
        MainTest.assertOneLineError(Cli.run("convert", model.toString(), "--to", "toynn",
                plain.resolve("x.json").toString()), "cannot use " + plain, "is a file, not a folder", "x.json");
        assertEquals("a file", Files.readString(plain));
        MainTest.assertOneLineError(Cli.run("inspect", "--model", folder.toString(), "--format", "toynn"),
                folder.toString(), "is a folder");
    }
}
