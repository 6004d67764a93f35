package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.io.ModelFormatException;
import toynn.io.ToyNNJsFormat;

/**
 * Fuzzes the Toy-Neural-Network-JS reader, {@link ToyNNJsFormat#read(String, ActivationFunction)}:
 * any bytes either load or fail with {@link ModelFormatException}; what loads writes and reads back
 * unchanged. Seeds: {@code ToyNNJsFormatFuzzTestInputs/read/}, files written by Toy-NN-JS.
 */
class ToyNNJsFormatFuzzTest {
    @DictionaryEntries({"\"input_nodes\"", "\"hidden_nodes\"", "\"output_nodes\"", "\"weights_ih\"",
        "\"weights_ho\"", "\"bias_h\"", "\"bias_o\"", "\"rows\"", "\"cols\"", "\"data\"", "\"learning_rate\"",
        "\"activation_function\"", "16777216", "2147483647", "1e39", "-0.0", "null", "[]", "{}", "[[", "]]"})
    @FuzzTest(maxDuration = "20s")
    void read(byte[] data) {
        String json = new String(data, StandardCharsets.UTF_8);
        NeuralNetwork nn = ReaderContract.check("ToyNNJsFormat.read", data.length,
                () -> ToyNNJsFormat.read(json, ActivationFunction.SIGMOID), ModelFormatException.class);
        if (nn == null) {
            return;
        }
        String written = ToyNNJsFormat.write(nn);
        NeuralNetwork back = ToyNNJsFormat.read(written, ActivationFunction.SIGMOID);
        assertEquals(written, ToyNNJsFormat.write(back), "a loaded model must write and read back unchanged");
        float[] x = new float[nn.inputSize()];
        assertArrayEquals(nn.predict(x), back.predict(x), "a reloaded model must predict bit for bit the same");
    }
}
