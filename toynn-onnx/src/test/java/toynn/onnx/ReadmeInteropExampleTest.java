package toynn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.io.JavaExporter;
import toynn.io.ModelFormats;

/** The Java snippet of README.md's "Interoperability" section, line for line (keep the two in step). */
class ReadmeInteropExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeSnippetRuns() throws Exception {
        NeuralNetwork original = NeuralNetwork.builder().inputs(3)
                .dense(5, ActivationFunction.RELU).dense(2, ActivationFunction.SOFTMAX).seed(4).build();
        Path onnx = dir.resolve("model.onnx");
        ModelFormats.write("onnx", original, onnx);
        Path web = dir.resolve("web-model");

        NeuralNetwork nn = ModelFormats.load(onnx);                          // format detected from the file
        ModelFormats.write("tfjs", nn, web);
        String source = JavaExporter.javaSource(nn, "Brain");                 // or JavaExporter.processingTab(nn, "Brain")

        double[] x = {0.2, -1, 3};
        assertArrayEquals(original.predict(x), nn.predict(x));
        assertTrue(Files.isRegularFile(web.resolve("model.json")), "tfjs folder written");
        assertArrayEquals(original.predict(x), ModelFormats.load(web).predict(x));
        assertTrue(source.contains("public final class Brain"), source.substring(0, 200));
        assertTrue(JavaExporter.processingTab(nn, "Brain").contains("class Brain"));
    }
}
