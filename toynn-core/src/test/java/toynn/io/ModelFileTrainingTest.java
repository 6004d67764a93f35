package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.train.AdamW;
import toynn.train.FitOptions;
import toynn.train.Optimizer;

/** Format version 2's training sections, and version-1 files still loading. */
class ModelFileTrainingTest {
    /** A file as format version 1 wrote it (no loss, dropout or training sections). */
    private static final String V1 = """
            { "format": "toynn-model", "formatVersion": 1, "libraryVersion": "0.1.0-SNAPSHOT",
              "layerSizes": [2, 2, 1], "learningRate": 0.25, "updateRule": "exact_gradient", "seed": 42,
              "layers": [
                { "type": "dense", "inputs": 2, "outputs": 2, "activation": "tanh",
                  "weights": [0.5, -1.0, 0.25, 2.0], "bias": [0.1, -0.2] },
                { "type": "dense", "inputs": 2, "outputs": 1, "activation": "sigmoid",
                  "weights": [1.5, -0.75], "bias": [0.3] } ] }
            """;

    @Test
    void versionOneFilesStillLoad() {
        NeuralNetwork nn = NeuralNetwork.fromJson(V1);
        double h0 = Math.tanh(0.5 * 0.6 - 1.0 * 0.2 + 0.1);
        double h1 = Math.tanh(0.25 * 0.6 + 2.0 * 0.2 - 0.2);
        double expected = 1 / (1 + Math.exp(-(1.5 * h0 - 0.75 * h1 + 0.3)));
        assertEquals(expected, nn.predict(new double[] {0.6, 0.2})[0], 1e-6);
        assertEquals(0.25, nn.getLearningRate());
        assertTrue(nn.isExactGradient());
        assertEquals(Loss.MSE, nn.loss());
        assertNull(nn.optimizer());
        assertEquals(0, nn.epochsTrained());
        assertEquals(0.0, nn.dropout(0));
        // and it trains with fit (plain SGD with its learning rate)
        nn.fit(DataSet.of(new double[][] {{0.6, 0.2}}, new double[][] {{1}}), FitOptions.create());
        assertEquals(1, nn.epochsTrained());
    }

    @Test
    void versionTwoRecordsLossDropoutOptimizerStateEpochsAndSeed() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(3).dense(4, ActivationFunction.ELU).dropout(0.3)
                .dense(2, ActivationFunction.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY)
                .optimizer(AdamW.of(0.003, 0.02).withBetas(0.8, 0.99)).weightDecay(1e-4).seed(123456789012345L).build();
        DataSet d = DataSet.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[][] {{1, 0}, {0, 1}, {1, 1}});
        nn.fit(d, FitOptions.create().epochs(3).batchSize(2));
        String json = nn.toJson();
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(2, root.get("formatVersion").getAsInt());
        assertEquals("binary_cross_entropy", root.get("loss").getAsString());
        JsonObject training = root.getAsJsonObject("training");
        assertEquals("adamw", training.getAsJsonObject("optimizer").get("name").getAsString());
        assertEquals(123456789012345L, training.get("seed").getAsLong());

        NeuralNetwork back = NeuralNetwork.fromJson(json);
        assertEquals(Loss.BINARY_CROSS_ENTROPY, back.loss());
        assertEquals(0.3, back.dropout(0));
        assertEquals(1e-4, back.weightDecay());
        assertEquals(3, back.epochsTrained());
        assertEquals(123456789012345L, back.trainingSeed());
        Optimizer o = nn.optimizer();
        Optimizer p = back.optimizer();
        assertEquals(o.name(), p.name());
        assertEquals(o.hyperParameters(), p.hyperParameters());
        assertEquals(6, p.steps());
        for (String slot : o.slotNames()) {
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(o.state(slot, i), p.state(slot, i), 0f, slot + " " + i);
            }
        }
        assertArrayEquals(nn.predict(new double[] {0.2, 0.4, 0.6}), back.predict(new double[] {0.2, 0.4, 0.6}), 0);
        assertEquals(json, back.toJson(), "a loaded file writes back the same text");
    }

    private static JsonObject savedWithAdam() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(2).dense(3, ActivationFunction.RELU)
                .dense(2, ActivationFunction.SOFTMAX).build();
        nn.partialFit(DataSet.of(new double[][] {{1, 2}}, new double[][] {{0, 1}}));
        return JsonParser.parseString(nn.toJson()).getAsJsonObject();
    }

    private static String failure(JsonObject root) {
        return assertThrows(ModelFormatException.class, () -> NeuralNetwork.fromJson(root.toString())).getMessage();
    }

    @Test
    void brokenTrainingSectionsAreReportedByField() {
        JsonObject a = savedWithAdam();
        JsonArray m = a.getAsJsonObject("training").getAsJsonObject("optimizer").getAsJsonObject("state").getAsJsonArray("m");
        m.get(0).getAsJsonArray().remove(0);
        String msg = failure(a);
        assertTrue(msg.contains("training.optimizer.state.m[0]") && msg.contains("expected 6 numbers, got 5"), msg);

        JsonObject b = savedWithAdam();
        b.getAsJsonObject("training").getAsJsonObject("optimizer").getAsJsonObject("state").getAsJsonArray("v").remove(3);
        assertTrue(failure(b).contains("expected 4 arrays"), failure(b));

        JsonObject c = savedWithAdam();
        c.getAsJsonObject("training").getAsJsonObject("optimizer").addProperty("name", "adagrad");
        assertTrue(failure(c).contains("unknown optimizer 'adagrad'"), failure(c));

        JsonObject d = savedWithAdam();
        d.getAsJsonObject("training").getAsJsonObject("optimizer").getAsJsonObject("hyperParameters")
                .addProperty("beta1", 1.5);
        assertTrue(failure(d).contains("beta1"), failure(d));

        JsonObject e = savedWithAdam();
        e.addProperty("loss", "hinge");
        assertTrue(failure(e).contains("model.loss") && failure(e).contains("hinge"), failure(e));

        JsonObject f = savedWithAdam();
        f.getAsJsonArray("layers").get(0).getAsJsonObject().addProperty("dropout", 1.0);
        assertTrue(failure(f).contains("layers[0].dropout"), failure(f));

        JsonObject g = savedWithAdam();
        g.getAsJsonObject("training").addProperty("seed", 1.5);
        assertTrue(failure(g).contains("training.seed"), failure(g));

        JsonObject h = savedWithAdam();
        h.getAsJsonObject("training").addProperty("epochsTrained", -1);
        assertTrue(failure(h).contains("training.epochsTrained"), failure(h));

        JsonObject i = savedWithAdam();
        i.addProperty("loss", "cross_entropy");
        i.getAsJsonArray("layers").get(1).getAsJsonObject().addProperty("activation", "relu");
        assertTrue(failure(i).contains("softmax"), failure(i));

        JsonObject j = savedWithAdam();
        j.addProperty("formatVersion", 3);
        assertTrue(failure(j).contains("newer"), failure(j));
    }
}
