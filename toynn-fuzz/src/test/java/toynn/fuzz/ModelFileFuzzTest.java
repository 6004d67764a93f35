package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import toynn.NeuralNetwork;
import toynn.io.ModelFile;
import toynn.io.ModelFormatException;

/**
 * Fuzzes ToyNN's own JSON model reader, {@link ModelFile#read(String)}: any bytes either load or
 * fail with {@link ModelFormatException}; what loads saves and reloads to the same file and predicts
 * the same. Seeds: {@code ModelFileFuzzTestInputs/read/}, model files written by ToyNN.
 */
class ModelFileFuzzTest {
    @DictionaryEntries({"\"format\"", "\"toynn-model\"", "\"formatVersion\"", "\"layers\"", "\"type\"",
        "\"dense\"", "\"inputs\"", "\"outputs\"", "\"activation\"", "\"weights\"", "\"bias\"", "\"seed\"",
        "\"layerSizes\"", "\"learningRate\"", "\"updateRule\"", "\"lecture\"", "\"exact_gradient\"",
        "\"sigmoid\"", "\"tanh\"", "\"relu\"", "\"leaky_relu\"", "\"elu\"", "\"linear\"", "\"softmax\"",
        "\"loss\"", "\"mse\"", "\"cross_entropy\"", "\"binary_cross_entropy\"", "\"dropout\"", "\"training\"",
        "\"epochsTrained\"", "\"weightDecay\"", "\"optimizer\"", "\"name\"", "\"hyperParameters\"", "\"steps\"",
        "\"state\"", "\"sgd\"", "\"momentum\"", "\"nesterov\"", "\"adam\"", "\"adamw\"", "\"rmsprop\"", "\"m\"",
        "\"v\"", "\"velocity\"", "\"meanSquare\"", "\"beta1\"", "\"beta2\"", "\"epsilon\"",
        "\"normalization\"", "\"classNames\"", "\"method\"", "\"min-max\"", "\"z-score\"", "\"min\"", "\"max\"",
        "\"mean\"", "\"std\"", "\"targets\"", "\"rho\"", "\"decay\"",
        "16777216", "2147483647", "9223372036854775807", "1e39", "-0.0", "null", "[]", "{}"})
    @FuzzTest(maxDuration = "20s")
    void read(byte[] data) {
        String json = new String(data, StandardCharsets.UTF_8);
        NeuralNetwork nn = ReaderContract.check("ModelFile.read", data.length, () -> ModelFile.read(json),
                ModelFormatException.class);
        if (nn == null) {
            return;
        }
        String saved = ModelFile.write(nn);
        NeuralNetwork back = ModelFile.read(saved);
        assertEquals(saved, ModelFile.write(back), "a loaded model must save and reload unchanged");
        float[] x = new float[nn.inputSize()];
        assertArrayEquals(nn.predict(x), back.predict(x), "a reloaded model must predict bit for bit the same");
    }
}
