package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;

/**
 * Checks our TF.js files against TensorFlow.js itself: models we write are loaded by
 * {@code tf.loadLayersModel} (pure JS, CPU backend) and must predict what ToyNN predicts; TF.js then
 * saves them with its own writer and ToyNN must read that back.
 *
 * <p>Needs node and {@code @tensorflow/tfjs} installed under {@code $TOYNN_TFJS_DIR} (what
 * {@code .ci/run} does: {@code npm install --prefix $TOYNN_TFJS_DIR @tensorflow/tfjs@4}); skipped otherwise.
 */
class TfjsRuntimeTest {
    private static Path tfjsDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findTensorFlowJs() {
        String dir = System.getenv("TOYNN_TFJS_DIR");
        Assumptions.assumeTrue(dir != null && !dir.isBlank(),
                "TOYNN_TFJS_DIR is not set: skipping the TensorFlow.js check (.ci/run installs @tensorflow/tfjs and sets it)");
        tfjsDir = Path.of(dir);
        Assumptions.assumeTrue(Files.isDirectory(tfjsDir.resolve("node_modules/@tensorflow/tfjs")),
                "no @tensorflow/tfjs under " + tfjsDir + "/node_modules: skipping the TensorFlow.js check");
    }

    /** Runs the check script; returns TF.js's predictions for {@code inputs}. */
    private float[][] tfjsPredict(Path modelDir, float[][] inputs, Path resaveDir) throws IOException, InterruptedException {
        Path script;
        try {
            script = Path.of(getClass().getResource("/tfjs/tfjs-check.js").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        JsonArray in = new JsonArray();
        for (float[] x : inputs) {
            in.add(JsonFields.toArray(x));
        }
        Path inputsFile = tmp.resolve("inputs.json");
        Path outputsFile = tmp.resolve("outputs.json");
        Files.writeString(inputsFile, in.toString());
        ProcessBuilder pb = new ProcessBuilder(System.getenv().getOrDefault("TOYNN_NODE", "node"), script.toString(),
                modelDir.toString(), inputsFile.toString(), outputsFile.toString(), resaveDir.toString());
        pb.environment().put("NODE_PATH", tfjsDir.resolve("node_modules").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "node did not finish");
        assertEquals(0, p.exitValue(), "TensorFlow.js failed:\n" + log);
        JsonObject result = JsonParser.parseString(Files.readString(outputsFile)).getAsJsonObject();
        assertTrue(result.get("version").getAsString().startsWith("4."), "TF.js 4.x expected");
        JsonArray rows = result.getAsJsonArray("outputs");
        float[][] out = new float[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonArray row = rows.get(r).getAsJsonArray();
            out[r] = JsonFields.floats(row, row.size(), "outputs[" + r + "]");
        }
        return out;
    }

    private void check(NeuralNetwork nn, String name) throws IOException, InterruptedException {
        Path dir = tmp.resolve(name);
        TfjsFormat.save(nn, dir);
        float[][] inputs = TfjsFormatTest.randomInputs(32, nn.inputSize(), 99);
        Path resaved = tmp.resolve(name + "-saved-by-tfjs");
        float[][] theirs = tfjsPredict(dir, inputs, resaved);
        assertEquals(inputs.length, theirs.length);
        NeuralNetwork reread = TfjsFormat.load(resaved);                  // written by TF.js's own saver
        for (int s = 0; s < inputs.length; s++) {
            float[] ours = nn.predict(inputs[s]);
            assertArrayEquals(ours, theirs[s], 1e-5f, name + ": sample " + s);
            assertArrayEquals(ours, reread.predict(inputs[s]), name + ": re-read sample " + s);
        }
    }

    @Test
    void tensorFlowJsPredictsLikeToyNNForEveryActivation() throws Exception {
        check(TfjsFormatTest.everyActivation(21), "every-activation");
    }

    @Test
    void tensorFlowJsPredictsLikeToyNNForLinearAndSigmoidNetworks() throws Exception {
        NeuralNetwork sigmoid = NeuralNetwork.seeded(4, 3, 10, 2);
        check(sigmoid, "sigmoid");
        NeuralNetwork linear = NeuralNetwork.seeded(5, 6, 4, 4, 1);
        linear.setActivationFunction(ActivationFunction.LINEAR);
        check(linear, "linear");
        for (String f : List.of("elu", "leaky_relu")) {                  // one activation everywhere
            NeuralNetwork nn = NeuralNetwork.seeded(6, 4, 9, 3);
            nn.setActivationFunction(ActivationFunction.byName(f));
            check(nn, f);
        }
    }
}
