package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;
import toynn.cli.train.Checkpoint;
import toynn.train.EarlyStoppingState;

/** End-to-end: {@code toynn train} in this process on bundled and generated data. */
class TrainCommandTest {
    @TempDir
    Path dir;

    /** The JSON lines of a --json run; every stdout line must be one JSON object. */
    static List<JsonObject> events(Cli.Result r) {
        return r.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    static JsonObject done(Cli.Result r) {
        List<JsonObject> ev = events(r);
        JsonObject last = ev.get(ev.size() - 1);
        assertEquals("done", last.get("event").getAsString(), r.toString());
        return last;
    }

    /** Decodes a PNG, checks its size is plausible and that something is drawn on it. */
    static BufferedImage assertPlot(Path png) throws Exception {
        assertTrue(Files.isRegularFile(png), png + " is missing");
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null, png + " does not decode");
        assertTrue(img.getWidth() >= 300 && img.getHeight() >= 100, png + " is " + img.getWidth() + "×" + img.getHeight());
        int background = img.getRGB(0, 0);
        long drawn = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                drawn += img.getRGB(x, y) != background ? 1 : 0;
            }
        }
        assertTrue(drawn > img.getWidth() * img.getHeight() / 100, png + " is nearly blank");
        return img;
    }

    @Test
    void defaultRunLearnsTheDigitsAndWritesEverything() throws Exception {
        // The README's main command: no arguments at all (only the output folder is redirected).
        Path out = dir.resolve("default");
        String old = System.setProperty("toynn.out", out.toString()) ;
        Cli.Result r;
        try {
            r = Cli.run();
        } finally {
            if (old == null) {
                System.clearProperty("toynn.out");
            } else {
                System.setProperty("toynn.out", old);
            }
        }
        assertEquals(0, r.exitCode(), r.toString());
        String summary = r.outLines().get(0);
        assertTrue(summary.startsWith("Test accuracy "), r.out());
        double accuracy = Double.parseDouble(summary.replaceAll("Test accuracy ([0-9.]+)%.*", "$1")) / 100;
        assertTrue(accuracy >= 0.9, "digits should be learned to ≥ 90% in the default 10 epochs: " + summary);
        assertTrue(r.err().contains("Epoch 10/10"), "progress per epoch goes to stderr: " + r.err());
        NeuralNetwork nn = NeuralNetwork.load(out.resolve("model.json"));
        assertArrayEquals(new int[] {64, 128, 64, 10}, nn.layerSizes());
        assertEquals(10, nn.epochsTrained());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), nn.classNames());
        assertEquals(10, Checkpoint.read(out.resolve("checkpoint.json")).epoch());
        assertPlot(out.resolve("training.png"));
        assertPlot(out.resolve("confusion.png"));
        assertPlot(out.resolve("mistakes.png"));
    }

    @Test
    void jsonModePrintsEpochEventsAndADoneLine() throws Exception {
        Path out = dir.resolve("json");
        Cli.Result r = Cli.run("train", "--json", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<JsonObject> ev = events(r);
        assertEquals(11, ev.size(), "10 epochs and the done line: " + r.out());
        for (int e = 1; e <= 10; e++) {
            JsonObject o = ev.get(e - 1);
            assertEquals("epoch", o.get("event").getAsString());
            assertEquals(e, o.get("epoch").getAsInt());
            assertTrue(o.has("loss") && o.has("accuracy") && o.has("val_loss") && o.has("val_accuracy")
                    && o.has("samples_per_second"), o.toString());
        }
        JsonObject done = done(r);
        assertTrue(done.get("test_accuracy").getAsDouble() >= 0.9, done.toString());
        assertTrue(done.get("test_loss").getAsDouble() > 0, done.toString());
        assertTrue(done.get("train_seconds").getAsDouble() > 0, done.toString());
        Path model = Path.of(done.get("model").getAsString());
        assertEquals(out.resolve("model.json"), model);
        // The reported accuracy is the model's on the held-out digits: evaluate agrees.
        Cli.Result ev2 = Cli.run("evaluate", "--model", model.toString(), "--data", "digits", "--json");
        assertEquals(0, ev2.exitCode(), ev2.toString());
        JsonObject scores = JsonParser.parseString(ev2.out()).getAsJsonObject();
        assertEquals(done.get("test_accuracy").getAsDouble(), scores.get("accuracy").getAsDouble(), 1e-12);
        assertEquals(359, scores.get("examples").getAsInt());
        assertEquals(10, scores.getAsJsonArray("confusion_matrix").size());
        assertEquals(10, scores.getAsJsonArray("classes").size());
        // And a digit drawn as a PNG is classified as the model classifies its pixels.
        float[] pixels = digitFromTestSet();
        Path png = dir.resolve("digit.png");
        writeUpscaled(pixels, png);
        Cli.Result p = Cli.run("predict", "--model", model.toString(), "--labels", png.toString());
        assertEquals(0, p.exitCode(), p.toString());
        NeuralNetwork nn = NeuralNetwork.load(model);
        float[] quantized = new float[64];
        for (int i = 0; i < 64; i++) {
            quantized[i] = Math.round(pixels[i] * 255) / 255f;
        }
        String expected = nn.classNames().get(TrainCommand.argmax(nn.predict(quantized)));
        assertEquals(expected, JsonParser.parseString(p.out()).getAsJsonObject().get("label").getAsString());
    }

    private static float[] digitFromTestSet() throws Exception {
        toynn.DataSet test = toynn.data.DataSources.load("digits", toynn.data.DataOptions.create().seed(1)).test();
        float[] x = new float[64];
        System.arraycopy(test.inputs(), 5 * 64, x, 0, 64);
        return x;
    }

    /** Writes an 8×8 gray image scaled up 4× (each pixel a 4×4 block) as a PNG. */
    private static void writeUpscaled(float[] pixels, Path png) throws Exception {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int g = Math.round(pixels[(y / 4) * 8 + x / 4] * 255);
                img.setRGB(x, y, g << 16 | g << 8 | g);
            }
        }
        ImageIO.write(img, "png", png.toFile());
    }

    @Test
    void irisClassificationWritesNoMistakesPlot() throws Exception {
        Path out = dir.resolve("iris");
        Cli.Result r = Cli.run("train", "--data", "iris", "--epochs", "30", "--lr", "0.01", "--layers", "16",
                "--json", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonObject done = done(r);
        assertTrue(done.get("test_accuracy").getAsDouble() >= 0.8, done.toString());
        assertPlot(out.resolve("training.png"));
        assertPlot(out.resolve("confusion.png"));
        assertFalse(Files.exists(out.resolve("mistakes.png")), "iris is not image data");
        Cli.Result text = Cli.run("evaluate", "--model", out.resolve("model.json").toString(), "--data", "iris");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().contains(String.format(Locale.ROOT, "Accuracy: %.2f%%",
                100 * done.get("test_accuracy").getAsDouble())), text.out());
        for (String c : List.of("setosa", "versicolor", "virginica")) {
            assertTrue(text.outLines().stream().anyMatch(l -> l.trim().startsWith(c)), c + " row missing: " + text.out());
        }
        assertTrue(text.out().contains("Confusion matrix"), text.out());
    }

    /** A CSV whose numeric label is a linear function of the inputs plus a little noise. */
    static Path housesCsv(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("size,rooms,age,price\n");
        toynn.util.Rng rng = new toynn.util.Rng(5);
        for (int i = 0; i < 300; i++) {
            double size = rng.uniform(30, 200);
            int rooms = 1 + rng.nextInt(6);
            double age = rng.uniform(0, 80);
            double price = 1000 * size + 5000 * rooms - 300 * age + 500 * rng.nextGaussian();
            sb.append(String.format(Locale.ROOT, "%.1f,%d,%.1f,%.0f%n", size, rooms, age, price));
        }
        Path csv = dir.resolve("houses.csv");
        Files.writeString(csv, sb.toString());
        return csv;
    }

    @Test
    void numericCsvLabelMeansRegression() throws Exception {
        Path csv = housesCsv(dir);
        Path out = dir.resolve("houses");
        Cli.Result r = Cli.run("train", "--data", "csv:" + csv, "--label", "price", "--epochs", "40", "--lr", "0.01",
                "--json", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonObject done = done(r);
        assertFalse(done.has("test_accuracy"), done.toString());
        assertTrue(done.get("test_r2").getAsDouble() > 0.95, done.toString());
        assertTrue(done.get("test_mse").getAsDouble() > 0, done.toString());
        BufferedImage plot = assertPlot(out.resolve("training.png"));
        assertEquals(toynn.cli.plots.TrainingPlot.CHART_WIDTH, plot.getWidth(), "regression has no accuracy chart");
        assertFalse(Files.exists(out.resolve("confusion.png")));
        NeuralNetwork nn = NeuralNetwork.load(out.resolve("model.json"));
        assertEquals("linear", nn.layers().get(nn.layers().size() - 1).activation().name());
        // evaluate reports the same scores, in the data's units.
        Cli.Result ev = Cli.run("evaluate", "--model", out.resolve("model.json").toString(), "--data", "csv:" + csv,
                "--label", "price", "--json");
        assertEquals(0, ev.exitCode(), ev.toString());
        JsonObject scores = JsonParser.parseString(ev.out()).getAsJsonObject();
        assertEquals(done.get("test_r2").getAsDouble(), scores.get("r2").getAsDouble(), 1e-9);
        assertEquals(done.get("test_mse").getAsDouble(), scores.get("mse").getAsDouble(), 1e-6);
        MainTest.assertOneLineError(Cli.run("predict", "--model", out.resolve("model.json").toString(), "--input",
                "[100, 3, 10]", "--labels"), "--labels is for classifiers");
        // predict answers in prices, not in normalised units.
        Cli.Result p = Cli.run("predict", "--model", out.resolve("model.json").toString(), "--input", "[100, 3, 10]");
        double price = JsonParser.parseString(p.out()).getAsJsonArray().get(0).getAsDouble();
        assertEquals(1000 * 100 + 5000 * 3 - 300 * 10, price, 10_000, "predicted price " + price);
    }

    @Test
    void resumingEndsExactlyWhereAnUninterruptedRunEnds() throws Exception {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        String[] common = {"--layers", "16", "--quiet", "--seed", "7"};
        assertEquals(0, Cli.run(concat(new String[] {"train", "--epochs", "4", "--out", whole.toString()}, common)).exitCode());
        assertEquals(0, Cli.run(concat(new String[] {"train", "--epochs", "2", "--out", parts.toString()}, common)).exitCode());
        assertEquals(2, Checkpoint.read(parts.resolve("checkpoint.json")).epoch());
        Cli.Result r = Cli.run("train", "--resume", parts.resolve("checkpoint.json").toString(), "--epochs", "4", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        List<JsonObject> ev = events(r);
        assertEquals(3, ev.get(0).get("epoch").getAsInt(), "resuming starts at epoch 3");
        assertEquals(parts.resolve("model.json").toString(), done(r).get("model").getAsString(),
                "without --out, a resumed run writes beside its checkpoint");
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.json")), Files.readAllBytes(parts.resolve("model.json")),
                "2 + 2 epochs must give the same model file as 4, bit for bit");
        assertArrayEquals(Files.readAllBytes(whole.resolve("checkpoint.json")),
                Files.readAllBytes(parts.resolve("checkpoint.json")));
        assertEquals(4, Checkpoint.read(parts.resolve("checkpoint.json")).history().size(), "history carries over");

        MainTest.assertOneLineError(Cli.run("train", "--resume", parts.resolve("checkpoint.json").toString()),
                "already done 4 of 4 epochs", "--epochs");
        MainTest.assertOneLineError(Cli.run("train", "--resume", parts.resolve("checkpoint.json").toString(), "--epochs",
                "3"), "--epochs 3 is fewer than the 4 epochs", "give --epochs above 4");
        MainTest.assertOneLineError(Cli.run("train", "--resume", parts.resolve("checkpoint.json").toString(),
                "--epochs", "6", "--layers", "32"), "--layers is [32] where the checkpoint has [16]");
        MainTest.assertOneLineError(Cli.run("train", "--resume", parts.resolve("model.json").toString()),
                "not a training checkpoint");
    }

    @Test
    void sparkWithoutTheSparkModuleOrSparkOptionsWithoutSparkAreOneLine() {
        Cli.Result r = Cli.run("train", "--data", "iris", "--epochs", "1", "--out", dir.resolve("spark").toString(),
                "--spark", "local[2]");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(List.of("toynn: --spark needs the toynn-spark module and Apache Spark on the class path, and they "
                + "are not there; run through ./toynn, which adds them when --spark is given"),
                r.errLines().stream().filter(l -> l.startsWith("toynn:")).toList());
        Cli.Result w = Cli.run("train", "--data", "iris", "--epochs", "1", "--out", dir.resolve("w").toString(),
                "--spark-workers", "2");
        assertEquals(2, w.exitCode(), w.toString());
        assertEquals("toynn: --spark-workers and --spark-averaging need --spark MASTER", w.err().strip());
    }

    @Test
    void earlyStoppingEndsBeforeTheLastEpoch() throws Exception {
        Path out = dir.resolve("early");
        Cli.Result r = Cli.run("train", "--data", "iris", "--epochs", "300", "--lr", "0.05", "--layers", "16",
                "--early-stop", "2", "--json", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonObject done = done(r);
        assertTrue(done.get("stopped_early").getAsBoolean(), done.toString());
        int epochs = done.get("epochs").getAsInt();
        assertTrue(epochs < 300, done.toString());
        assertEquals(epochs, events(r).size() - 1, "one event per epoch trained");
        MainTest.assertOneLineError(Cli.run("train", "--data", "iris", "--early-stop", "2", "--val-split", "0",
                "--out", out.toString()), "--early-stop", "--val-split");
    }

    @Test
    void earlyStoppingResumesWherePatienceAndBestWeightsLeftOff() throws Exception {
        Path whole = dir.resolve("es-whole");
        Path parts = dir.resolve("es-parts");
        String[] common = {"--data", "iris", "--lr", "0.05", "--layers", "16", "--early-stop", "3", "--json"};
        Cli.Result w = Cli.run(concat(new String[] {"train", "--epochs", "300", "--out", whole.toString()}, common));
        assertEquals(0, w.exitCode(), w.toString());
        assertTrue(done(w).get("stopped_early").getAsBoolean(), "the setting must make early stopping trigger: " + done(w));
        int stop = done(w).get("epochs").getAsInt();
        EarlyStoppingState end = Checkpoint.read(whole.resolve("checkpoint.json")).earlyStopping();
        assertEquals(stop, end.epoch());
        assertEquals(3, end.sinceBest(), "stopped after three epochs without improvement");
        int best = end.bestEpoch();

        // Interrupted one epoch before the stop: two epochs of patience used, the best weights from before.
        int k = stop - 1;
        Cli.Result first = Cli.run(concat(new String[] {"train", "--epochs", String.valueOf(k), "--out", parts.toString()},
                common));
        assertEquals(0, first.exitCode(), first.toString());
        Checkpoint.Contents mid = Checkpoint.read(parts.resolve("checkpoint.json"));
        assertEquals(k, mid.epoch());
        assertEquals(best, mid.earlyStopping().bestEpoch());
        assertEquals(2, mid.earlyStopping().sinceBest());
        assertTrue(mid.earlyStopping().hasBestWeights());
        Path midCopy = dir.resolve("mid.json");
        Files.copy(parts.resolve("checkpoint.json"), midCopy);

        Cli.Result r = Cli.run("train", "--resume", parts.resolve("checkpoint.json").toString(), "--epochs", "300",
                "--json");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(done(r).get("stopped_early").getAsBoolean(), done(r).toString());
        assertEquals(stop, done(r).get("epochs").getAsInt(), "stops at the same epoch");
        assertEquals(1, events(r).size() - 1, "one epoch after the resume");
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.json")), Files.readAllBytes(parts.resolve("model.json")),
                "the resumed run restores the same best weights, bit for bit");
        assertArrayEquals(Files.readAllBytes(whole.resolve("checkpoint.json")),
                Files.readAllBytes(parts.resolve("checkpoint.json")));

        // A checkpoint without the section (written before it existed) still resumes; patience then restarts.
        JsonObject old = JsonParser.parseString(Files.readString(midCopy)).getAsJsonObject();
        old.remove("early_stopping");
        Path oldDir = dir.resolve("es-old");
        Files.createDirectories(oldDir);
        Files.writeString(oldDir.resolve("checkpoint.json"), old.toString());
        Cli.Result o = Cli.run("train", "--resume", oldDir.resolve("checkpoint.json").toString(), "--epochs", "300",
                "--json");
        assertEquals(0, o.exitCode(), o.toString());
        assertTrue(done(o).get("epochs").getAsInt() > stop, "a fresh patience count trains past epoch " + stop);

        MainTest.assertOneLineError(Cli.run("train", "--resume", whole.resolve("checkpoint.json").toString(),
                "--epochs", "400"), "early stopping already ended this run after epoch " + stop, "nothing left to train");
    }

    @Test
    void aMalformedEarlyStoppingSectionIsAOneLineError() throws Exception {
        Path out = dir.resolve("es-bad");
        Cli.Result r = Cli.run("train", "--data", "iris", "--epochs", "2", "--layers", "4", "--early-stop", "5", "--quiet",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        String good = Files.readString(out.resolve("checkpoint.json"));
        assertTrue(JsonParser.parseString(good).getAsJsonObject().has("early_stopping"));
        record Case(String field, java.util.function.Consumer<JsonObject> breakIt, String message) {
        }
        List<Case> cases = List.of(
                new Case("best_value", es -> es.addProperty("best_value", "low"), "early_stopping.best_value"),
                new Case("best_epoch", es -> es.addProperty("best_epoch", 0), "early_stopping.best_epoch"),
                new Case("since_best", es -> es.addProperty("since_best", 7), "early_stopping.since_best"),
                new Case("best_layers count", es -> es.getAsJsonArray("best_layers").remove(0),
                        "early_stopping.best_layers: expected 2 layers"),
                new Case("weights length", es -> es.getAsJsonArray("best_layers").get(1).getAsJsonObject()
                        .getAsJsonArray("weights").remove(0), "early_stopping.best_layers[1].weights: expected 12 numbers"),
                new Case("bias value", es -> es.getAsJsonArray("best_layers").get(0).getAsJsonObject()
                        .getAsJsonArray("bias").set(2, new com.google.gson.JsonPrimitive("x")),
                        "early_stopping.best_layers[0].bias[2]"),
                new Case("not an object", es -> es.add("best_layers", new com.google.gson.JsonPrimitive(3)),
                        "early_stopping.best_layers"));
        for (Case c : cases) {
            JsonObject root = JsonParser.parseString(good).getAsJsonObject();
            c.breakIt().accept(root.getAsJsonObject("early_stopping"));
            Path bad = dir.resolve("bad-" + c.field().replace(' ', '-') + ".json");
            Files.writeString(bad, root.toString());
            MainTest.assertOneLineError(Cli.run("train", "--resume", bad.toString(), "--epochs", "4", "--quiet",
                    "--out", dir.resolve("bad-out").toString()), c.message());
        }
    }

    @Test
    void clipNormBoundsEveryStepAndIsKeptForResume() throws Exception {
        String[] common = {"--data", "iris", "--epochs", "3", "--optimizer", "sgd", "--lr", "0.5", "--layers", "8",
            "--val-split", "0", "--json"};
        Cli.Result free = Cli.run(concat(new String[] {"train", "--out", dir.resolve("free").toString()}, common));
        Path clippedDir = dir.resolve("clipped");
        Cli.Result clipped = Cli.run(concat(new String[] {"train", "--clip-norm", "1e-6", "--out", clippedDir.toString()},
                common));
        assertEquals(0, free.exitCode(), free.toString());
        assertEquals(0, clipped.exitCode(), clipped.toString());
        double first = events(clipped).get(0).get("loss").getAsDouble();
        double lastClipped = events(clipped).get(2).get("loss").getAsDouble();
        double lastFree = events(free).get(2).get("loss").getAsDouble();
        // Steps of norm 1e-6 barely move the weights; unclipped SGD at lr 0.5 learns iris quickly.
        assertEquals(first, lastClipped, 1e-3, "clipped training stays where it started: " + clipped.out());
        assertTrue(lastFree < lastClipped - 0.1, "free " + lastFree + " vs clipped " + lastClipped);
        assertEquals(1e-6, Checkpoint.read(clippedDir.resolve("checkpoint.json")).settings().clipNorm(), 0);
        MainTest.assertOneLineError(Cli.run("train", "--resume", clippedDir.resolve("checkpoint.json").toString(),
                "--clip-norm", "5", "--epochs", "4"), "--clip-norm is 5.0 where the checkpoint has 1.0E-6");
        MainTest.assertOneLineError(Cli.run("train", "--data", "iris", "--clip-norm", "-1", "--out",
                dir.resolve("neg").toString()), "--clip-norm must be 0 (off) or a finite number > 0, got -1.0");
    }

    @Test
    void checkpointEveryControlsTheCheckpoint() throws Exception {
        Path off = dir.resolve("off");
        assertEquals(0, Cli.run("train", "--data", "iris", "--epochs", "3", "--checkpoint-every", "0", "--quiet",
                "--out", off.toString()).exitCode());
        assertFalse(Files.exists(off.resolve("checkpoint.json")));
        assertTrue(Files.exists(off.resolve("model.json")));
        Path every2 = dir.resolve("every2");
        Cli.Result r = Cli.run("train", "--data", "iris", "--epochs", "3", "--checkpoint-every", "2", "--quiet",
                "--out", every2.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(3, Checkpoint.read(every2.resolve("checkpoint.json")).epoch(), "the last epoch is always kept");
        try (var files = Files.list(every2)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void badTrainingInputIsOneLine() throws Exception {
        String out = dir.resolve("x").toString();
        MainTest.assertOneLineError(Cli.run("train", "--data", "mnist-pets", "--out", out),
                "unknown data 'mnist-pets'", "digits", "csv:PATH");
        Path csv = housesCsv(dir);
        MainTest.assertOneLineError(Cli.run("train", "--data", "csv:" + csv, "--label", "cost", "--out", out),
                "cost", "size, rooms, age, price");
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "a,b,label\n1,2,x\n3,\"4,y\n");
        MainTest.assertOneLineError(Cli.run("train", "--data", "csv:" + broken, "--out", out), broken.getFileName().toString());
        MainTest.assertOneLineError(Cli.run("train", "--data", "csv:" + dir.resolve("nope.csv"), "--out", out),
                "does not exist");
        MainTest.assertOneLineError(Cli.run("train", "--activation", "swish", "--out", out),
                "swish", "sigmoid, tanh, relu, leaky_relu, elu, linear");
        MainTest.assertOneLineError(Cli.run("train", "--optimizer", "lbfgs", "--out", out), "lbfgs", "adam");
        MainTest.assertOneLineError(Cli.run("train", "--layers", "128,many", "--out", out), "many", "--layers");
        MainTest.assertOneLineError(Cli.run("train", "--epochs", "0", "--out", out), "--epochs must be at least 1");
        MainTest.assertOneLineError(Cli.run("train", "--data", "iris", "--loss", "cross_entropy", "--output-activation",
                "tanh", "--epochs", "1", "--out", out), "--loss cross_entropy does not fit --output-activation tanh");
        MainTest.assertOneLineError(Cli.run("train", "--data", "iris", "--task", "regression", "--out", out),
                "--task regression", "setosa");
        assertFalse(Files.exists(dir.resolve("x").resolve("model.json")), "failed runs write no model");
    }

    @Test
    void aFileForOutAndADirectoryForDataOrResumeAreNamed() throws Exception {
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "a file");
        MainTest.assertOneLineError(Cli.run("train", "--data", "xor", "--epochs", "1", "--out", plain.toString()),
                "--out " + plain + " is a file; give a directory");
        Path under = plain.resolve("sub");                   // was "Not a directory" about the whole path
        MainTest.assertOneLineError(Cli.run("train", "--data", "xor", "--epochs", "1", "--out", under.toString()),
                "--out " + under + ": " + plain + " is a file, not a folder; give a directory");
        assertEquals("a file", Files.readString(plain));
        MainTest.assertOneLineError(Cli.run("train", "--data", "csv:" + dir, "--out", dir.resolve("o").toString()),
                dir + " is a directory", "CSV file");
        MainTest.assertOneLineError(Cli.run("train", "--resume", dir.toString()), dir + ": is a folder");
    }

    @Test
    void xorTrainsWithTheDefaultValidationShare() throws Exception {
        // 10% of xor's four rows rounds to none: the default must not fail, it trains without validation.
        Path out = dir.resolve("xor");
        Cli.Result r = Cli.run("train", "--data", "xor", "--layers", "8", "--lr", "0.05", "--epochs", "150", "--json",
                "--checkpoint-every", "0", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonObject first = events(r).get(0);
        assertFalse(first.has("val_loss"), "no validation loss: " + first);
        assertTrue(first.has("loss"), first.toString());
        assertEquals(1.0, done(r).get("test_accuracy").getAsDouble(), 0.0, r.toString());
        Cli.Result described = Cli.run("train", "--data", "xor", "--epochs", "1", "--out", out.toString());
        assertEquals(0, described.exitCode(), described.toString());
        assertTrue(described.err().contains("4 training examples (no validation)"), described.err());
        // Asked for explicitly, a share that holds out nothing is still an error, not silently ignored.
        MainTest.assertOneLineError(Cli.run("train", "--data", "xor", "--val-split", "0.1", "--out", out.toString()),
                "--val-split 0.1 of 4 training examples holds out 0");
        // With --early-stop the message names it and does not offer 0, which --early-stop refuses.
        Cli.Result early = Cli.run("train", "--data", "xor", "--early-stop", "2", "--out", out.toString());
        MainTest.assertOneLineError(early, "--early-stop watches the validation loss", "--val-split 0.1 of 4 training "
                + "examples holds out 0");
        assertFalse(early.err().contains("0 for none"), early.err());
    }

    @Test
    void classificationOfAContinuousColumnIsRefused() throws Exception {
        Path csv = housesCsv(dir);
        MainTest.assertOneLineError(Cli.run("train", "--data", "csv:" + csv, "--label", "price", "--task", "classification",
                "--out", dir.resolve("x").toString()), "--task classification", "different values", "regression");
        assertFalse(Files.exists(dir.resolve("x").resolve("model.json")));
        // Whole-number labels with few values are classes, and --task classification takes them.
        StringBuilder sb = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i % 7).append(',').append(i % 5).append(',').append(i % 3 == 0 ? 1 : 2).append('\n');
        }
        Path small = dir.resolve("kinds.csv");
        Files.writeString(small, sb.toString());
        Cli.Result r = Cli.run("train", "--data", "csv:" + small, "--task", "classification", "--epochs", "2", "--json",
                "--out", dir.resolve("k").toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(done(r).has("test_accuracy"), r.toString());
    }

    @Test
    void aLabelColumnWithOneClassIsRefused() throws Exception {
        // Every row "same": before, a 1-output model was trained and scored as if it had learned something.
        StringBuilder sb = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < 30; i++) {
            sb.append(i % 7).append(',').append(i % 5 * 0.5).append(",same\n");
        }
        Path csv = dir.resolve("one-class.csv");
        Files.writeString(csv, sb.toString());
        Path out = dir.resolve("one");
        MainTest.assertOneLineError(Cli.run("train", "--data", "csv:" + csv, "--epochs", "1", "--out", out.toString()),
                "only one value, [same]", "at least two classes", "--label");
        assertFalse(Files.exists(out.resolve("model.json")), "no model is written");
    }

    @Test
    void missingFashionMnistNamesTheDebianPackage() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-fashion"));
        String old = System.setProperty(DataLoading.FASHION_MNIST_DIR, empty.toString());
        try {
            MainTest.assertOneLineError(Cli.run("train", "--data", "fashion-mnist", "--out", dir.resolve("f").toString()),
                    "Fashion-MNIST is not installed", "apt-get install dataset-fashion-mnist");
        } finally {
            if (old == null) {
                System.clearProperty(DataLoading.FASHION_MNIST_DIR);
            } else {
                System.setProperty(DataLoading.FASHION_MNIST_DIR, old);
            }
        }
    }

    @Test
    void evaluateRefusesAModelForOtherData() throws Exception {
        Path model = dir.resolve("iris.json");
        assertEquals(0, Cli.run("train", "--data", "iris", "--epochs", "1", "--quiet", "--checkpoint-every", "0",
                "--out", dir.toString()).exitCode());
        Files.move(dir.resolve("model.json"), model);
        MainTest.assertOneLineError(Cli.run("evaluate", "--model", model.toString(), "--data", "digits"),
                "the model takes 4 inputs but digits has 64");
        MainTest.assertOneLineError(Cli.run("evaluate", "--model", dir.resolve("none.json").toString(), "--data", "iris"),
                "cannot read", "none.json");
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"format\": \"toynn-model\", \"formatVersion\": 2, \"layers\": 7}");
        MainTest.assertOneLineError(Cli.run("evaluate", "--model", garbage.toString(), "--data", "iris"), "layers");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
