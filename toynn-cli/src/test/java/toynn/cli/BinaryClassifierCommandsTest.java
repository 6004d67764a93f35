package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.util.Rng;

/**
 * A model with a single output is a binary classifier on the command line too: {@code predict --labels}
 * and {@code evaluate} use its two class names (class 0's, then class 1's), and {@code evaluate} scores
 * it on CSV data whose label column has two classes.
 */
class BinaryClassifierCommandsTest {
    private static final double[][] XOR = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    @TempDir
    Path dir;

    private NeuralNetwork nn;

    /** The lecture's XOR network, 2-4-1 sigmoid, trained until every output is on its side of 0.5. */
    @BeforeEach
    void trainXor() {
        nn = NeuralNetwork.seeded(1, 2, 4, 1);
        nn.setLearningRate(0.5);
        Rng rng = new Rng(1);
        for (int s = 0; s < 20_000; s++) {
            int k = rng.nextInt(4);
            nn.train(XOR[k], new double[] {xor(k)});
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(xor(k), nn.predict(XOR[k])[0], 0.2, "XOR not learned at " + k);
        }
    }

    private static int xor(int k) {
        return (int) XOR[k][0] ^ (int) XOR[k][1];
    }

    /** 40 rows of XOR with the label column as {@code names[0]} or {@code names[1]}. */
    private Path csv(String file, String no, String yes) throws Exception {
        StringBuilder sb = new StringBuilder("a,b,label\n");
        for (int r = 0; r < 40; r++) {
            int k = r % 4;
            sb.append((int) XOR[k][0]).append(',').append((int) XOR[k][1]).append(',').append(xor(k) == 1 ? yes : no)
                    .append('\n');
        }
        Path p = dir.resolve(file);
        Files.writeString(p, sb.toString());
        return p;
    }

    @Test
    void predictLabelsUseTheTwoClassNames() throws Exception {
        nn.setClassNames(List.of("no", "yes"));
        Path model = dir.resolve("xor.json");
        nn.save(model);
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--labels", "--input", "[[0,0],[0,1],[1,0],[1,1]]");
        assertEquals(0, r.exitCode(), r.toString());
        for (int k = 0; k < 4; k++) {
            JsonObject o = JsonParser.parseString(r.outLines().get(k)).getAsJsonObject();
            assertEquals(xor(k) == 1 ? "yes" : "no", o.get("label").getAsString(), "input " + k);
            assertEquals((float) nn.classify(XOR[k]).get(0).confidence(), o.get("confidence").getAsFloat());
        }
    }

    /** {@code toynn evaluate --json} of {@code model} on the CSV file {@code data}, which must succeed. */
    private static JsonObject evaluateJson(Path model, Path data) {
        Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--data", "csv:" + data, "--json");
        assertEquals(0, r.exitCode(), r.toString());
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    @Test
    void evaluateScoresTwoClassDataWithTheClassNames() throws Exception {
        nn.setClassNames(List.of("no", "yes"));
        Path model = dir.resolve("xor.json");
        nn.save(model);
        Path data = csv("xor.csv", "no", "yes");
        JsonObject o = evaluateJson(model, data);
        assertEquals(8, o.get("examples").getAsInt());
        assertEquals(1.0, o.get("accuracy").getAsDouble());
        JsonArray classes = o.getAsJsonArray("classes");
        assertEquals("no", classes.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("yes", classes.get(1).getAsJsonObject().get("name").getAsString());
        JsonArray m = o.getAsJsonArray("confusion_matrix");
        assertEquals(2, m.size());
        int support0 = classes.get(0).getAsJsonObject().get("support").getAsInt();
        assertEquals("[[" + support0 + ",0],[0," + (8 - support0) + "]]", m.toString());

        Cli.Result text = Cli.run("evaluate", "--model", model.toString(), "--data", "csv:" + data);
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().contains("true \\ predicted   no   yes"), text.out());

        Path other = csv("other.csv", "off", "on");              // classes the model was not trained for
        Cli.Result wrong = Cli.run("evaluate", "--model", model.toString(), "--data", "csv:" + other);
        assertEquals(2, wrong.exitCode(), wrong.toString());
        assertEquals(List.of("toynn: the model's classes [no, yes] are not the data's [off, on]; evaluate the model "
                + "on the data it was trained for"), wrong.errLines());
    }

    @Test
    void evaluateScoresAnUnnamedBinaryModelOnZeroOneLabels() throws Exception {
        nn.setLoss(Loss.BINARY_CROSS_ENTROPY);                  // a classifier by its loss: the CSV labels are classes
        Path model = dir.resolve("xor.json");
        nn.save(model);
        JsonObject o = evaluateJson(model, csv("xor01.csv", "0", "1"));
        assertEquals(1.0, o.get("accuracy").getAsDouble());
        assertEquals(2, o.getAsJsonArray("confusion_matrix").size());
        assertEquals("1", o.getAsJsonArray("classes").get(1).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void convertToTfjsSaysMl5CannotHoldTheTwoNames() throws Exception {
        nn.setClassNames(List.of("no", "yes"));
        Path model = dir.resolve("xor.json");
        nn.save(model);
        Path out = dir.resolve("tfjs");
        Cli.Result r = Cli.run("convert", model.toString(), "--to", "tfjs", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("toynn: note: ml5's model_meta.json names one output per class, so the class names [no, yes]"
                + " of this one-output network are not in " + out + "; its output is the confidence of \"yes\""),
                r.errLines());
        Cli.Result p = Cli.run("predict", "--model", out.toString(), "--labels", "--input", "[0, 1]");
        assertEquals(0, p.exitCode(), p.toString());
        assertEquals("1", JsonParser.parseString(p.out()).getAsJsonObject().get("label").getAsString());
    }

    @Test
    void convertToToyNNJsSaysWhatTheOneOutputMeans() throws Exception {
        nn.setClassNames(List.of("no", "yes"));
        Path model = dir.resolve("xor.json");
        nn.save(model);
        Path out = dir.resolve("xor.toy-nn-js.json");
        Cli.Result r = Cli.run("convert", model.toString(), "--to", "toy-nn-js", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("toynn: note: toy-nn-js files do not hold class names, so [no, yes] are not in " + out
                + "; its one output is still class yes when ≥ 0.5, else no"), r.errLines());
    }

    @Test
    void threeClassNamesOnOneOutputAreRefused() throws Exception {
        JsonObject root = JsonParser.parseString(nn.toJson()).getAsJsonObject();
        root.add("classNames", JsonParser.parseString("[\"no\", \"yes\", \"maybe\"]"));
        Path model = dir.resolve("three.json");
        Files.writeString(model, root.toString());
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--labels", "--input", "[0, 1]");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(List.of("toynn: " + model + ": model.classNames: 3 names but the network has 1 output; expected two"
                + " (class 0's, then class 1's: a single output is a binary classifier)"), r.errLines());
    }
}
