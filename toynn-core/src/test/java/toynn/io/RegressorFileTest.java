package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toynn.Messages.assertMessage;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;

/**
 * A {@link NeuralNetwork#regressor} stays a regressor through its model file: loaded back, it still
 * refuses {@code classify} and labels — also without {@code normalizeData()}, when no target
 * normalizer marks its outputs as numbers (before, the loaded network classified its raw outputs).
 */
class RegressorFileTest {

    private static NeuralNetwork celsiusToFahrenheit() {
        NeuralNetwork reg = NeuralNetwork.regressor(1, 1);
        reg.addData(new double[] {0.2}, new double[] {0.68});
        reg.addData(new double[] {0.3}, new double[] {0.86});
        reg.train(20);
        return reg;
    }

    @Test
    void aLoadedRegressorStillRefusesClassifyAndLabels(@TempDir Path dir) throws Exception {
        NeuralNetwork reg = celsiusToFahrenheit();
        Path file = dir.resolve("reg.json");
        reg.save(file);
        NeuralNetwork back = NeuralNetwork.load(file);
        assertTrue(back.isRegressor());
        assertArrayEquals(reg.predict(new double[] {0.25}), back.predict(new double[] {0.25}));
        assertMessage(assertThrows(IllegalStateException.class, () -> back.classify(new double[] {0.25})),
                "this network is a regressor", "use predict");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> back.addData(new double[] {0.25}, "warm")),
                "a regressor takes target numbers");
        assertTrue(NeuralNetwork.fromJson(back.toJson()).isRegressor());
    }

    @Test
    void otherNetworksWriteNoTask() {
        NeuralNetwork classifier = NeuralNetwork.classifier(2, "a", "b");
        assertFalse(classifier.toJson().contains("\"task\""));
        assertFalse(NeuralNetwork.fromJson(classifier.toJson()).isRegressor());
        assertFalse(NeuralNetwork.fromJson(NeuralNetwork.seeded(1, 2, 4, 1).toJson()).isRegressor());
    }

    @Test
    void anUnknownTaskIsRefused() {
        String json = celsiusToFahrenheit().toJson().replace("\"task\": \"regression\"", "\"task\": \"dance\"");
        assertMessage(assertThrows(ModelFormatException.class, () -> NeuralNetwork.fromJson(json)),
                "model.task", "\"dance\"", "expected \"regression\" or \"classification\"");
    }
}
