package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import toynn.NeuralNetwork;
import toynn.io.ModelFormatException;
import toynn.onnx.OnnxFormat;

/**
 * Fuzzes the ONNX reader, {@link OnnxFormat#read(byte[])} (protobuf, then the graph): any bytes
 * either load or fail with {@link ModelFormatException}; what loads writes to ONNX and reads back
 * predicting the same. Seeds: {@code OnnxFormatFuzzTestInputs/read/}, PyTorch-shaped graphs (Gemm;
 * MatMul + Add), ToyNN's own export, and two written by hand for the paths those do not take
 * (Constant nodes, a scalar bias, Gemm without transB or without C, opset 11's default Softmax axis).
 */
class OnnxFormatFuzzTest {
    @DictionaryEntries({"Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh", "Softmax", "LeakyRelu", "Elu", "Identity",
        "Dropout", "Constant", "transA", "transB", "alpha", "beta", "axis", "value", "ai.onnx", "toynn.classNames"})
    @FuzzTest(maxDuration = "20s")
    void read(byte[] data) {
        NeuralNetwork nn = ReaderContract.check("OnnxFormat.read", data.length, () -> OnnxFormat.read(data),
                ModelFormatException.class);
        if (nn != null) {
            NeuralNetwork back = OnnxFormat.read(OnnxFormat.toBytes(nn));
            float[] x = new float[nn.inputSize()];
            assertArrayEquals(nn.predict(x), back.predict(x), "a loaded model must export and re-import unchanged");
        }
    }
}
