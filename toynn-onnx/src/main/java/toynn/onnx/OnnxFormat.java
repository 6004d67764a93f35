package toynn.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import toynn.NeuralNetwork;
import toynn.io.AtomicFiles;
import toynn.io.ModelFormatException;
import toynn.onnx.proto.OnnxProtos.ModelProto;

/**
 * ONNX files for multilayer perceptrons, both directions.
 *
 * <p>Export ({@link #save}): opset {@value #OPSET}, IR version {@value #IR_VERSION}; one graph input
 * {@value #INPUT_NAME} of shape {@code [batch, inputs]} (symbolic batch), one output {@value #OUTPUT_NAME}
 * of shape {@code [batch, outputs]}; per layer {@code Gemm(X, W, b, transB = 1)} with {@code W} of shape
 * {@code (out, in)} — ToyNN's own layout — followed by the activation operator ({@code Relu},
 * {@code Sigmoid}, {@code Tanh}, {@code Softmax(axis = -1)}, {@code LeakyRelu(alpha = 0.01)},
 * {@code Elu(alpha = 1)}; none for linear). Weights are float32 initializers in {@code raw_data}.
 *
 * <p>Import ({@link #load}): the same subset, as PyTorch's {@code torch.onnx.export} writes an
 * {@code nn.Sequential} of {@code Linear} and activation modules: {@code Gemm} (transB 0 or 1,
 * alpha = beta = 1), {@code MatMul} optionally followed by {@code Add} of a bias, the activations above,
 * and {@code Identity}/{@code Dropout} (no-ops when predicting), as one chain from the graph's single
 * input to its single output. Weights come from initializers or {@code Constant} nodes, as
 * {@code float_data} or little-endian {@code raw_data}; every size is checked before anything is allocated.
 * Anything else is refused with a message naming the operator and the supported list.
 */
public final class OnnxFormat {
    /** The opset written. */
    public static final int OPSET = 13;
    /** The IR version written. */
    public static final int IR_VERSION = 8;
    /** The graph input's name. */
    public static final String INPUT_NAME = "input";
    /** The graph output's name. */
    public static final String OUTPUT_NAME = "output";
    /** ONNX files larger than this are refused before they are read (1 GiB). */
    public static final long MAX_FILE_BYTES = AtomicFiles.MAX_TEXT_BYTES;

    private OnnxFormat() {
    }

    /** The network as an ONNX model (see the class comment for the graph). */
    public static ModelProto toModel(NeuralNetwork nn) {
        return OnnxWriter.toModel(nn);
    }

    /** The network as the bytes of an {@code .onnx} file. */
    public static byte[] toBytes(NeuralNetwork nn) {
        return toModel(nn).toByteArray();
    }

    /**
     * Writes {@code nn} to {@code path} as an ONNX file, atomically.
     *
     * @throws IllegalStateException if a layer uses a custom activation, which ONNX cannot express here
     */
    public static void save(NeuralNetwork nn, Path path) throws IOException {
        AtomicFiles.write(path, toBytes(nn));
    }

    /**
     * Reads a network from an ONNX model.
     *
     * @throws ModelFormatException naming the node, operator, tensor or size that is wrong
     */
    public static NeuralNetwork fromModel(ModelProto model) {
        return OnnxReader.read(model);
    }

    /**
     * Reads a network from the bytes of an {@code .onnx} file.
     *
     * @throws ModelFormatException if the bytes are not an ONNX model or hold something unsupported
     */
    public static NeuralNetwork read(byte[] bytes) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException("not an ONNX model: the protobuf data is malformed or truncated ("
                    + e.getMessage() + ")", e);
        }
        return fromModel(model);
    }

    /**
     * Reads an {@code .onnx} file.
     *
     * @throws IOException if it cannot be read
     * @throws ModelFormatException naming the file and what is wrong in it
     */
    public static NeuralNetwork load(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        long size = Files.size(path);
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException(path + ": " + size + " bytes is larger than any model this library reads ("
                    + MAX_FILE_BYTES + " bytes)");
        }
        try {
            return read(Files.readAllBytes(path));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(path + ": " + e.getMessage(), e);
        }
    }
}
