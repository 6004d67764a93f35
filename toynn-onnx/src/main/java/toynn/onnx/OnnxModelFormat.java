package toynn.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import toynn.NeuralNetwork;
import toynn.io.ModelFormat;

/**
 * The {@code onnx} entry of {@link toynn.io.ModelFormats}, found through {@link java.util.ServiceLoader}
 * when toynn-onnx is on the class path (so {@code toynn convert --to onnx} works).
 */
public final class OnnxModelFormat implements ModelFormat {
    /** Made by the ServiceLoader. */
    public OnnxModelFormat() {
    }

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public String description() {
        return "ONNX model file (opset " + OnnxFormat.OPSET + ": Gemm/MatMul+Add and activation operators)";
    }

    @Override
    public NeuralNetwork read(Path path, Map<String, String> options) throws IOException {
        return OnnxFormat.load(path);
    }

    @Override
    public void write(NeuralNetwork nn, Path path, Map<String, String> options) throws IOException {
        OnnxFormat.save(nn, path);
    }

    /** A {@code .onnx} file, or a file that starts like a protobuf ModelProto (field 1, ir_version). */
    @Override
    public boolean recognizes(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x08;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Set<String> extensions() {
        return Set.of(".onnx");
    }
}
