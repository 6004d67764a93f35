package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import toynn.NeuralNetwork;
import toynn.io.Ml5Metadata;
import toynn.io.ModelFormatException;
import toynn.io.TfjsFormat;

/**
 * Fuzzes {@link TfjsFormat#load(Path)}: a TensorFlow.js layers model ({@code model.json}, its weight
 * shard, and optionally ml5.js's {@code model_meta.json}). One input holds the three files, separated
 * by {@link #SEPARATOR}; any bytes either load or fail with {@link ModelFormatException} (or
 * {@link IOException}); what loads predicts a finite-length output. Seeds:
 * {@code TfjsFormatFuzzTestInputs/load/}, from TensorFlow.js 4.22 and from ToyNN's writer, and one
 * shaped as the Keras converter writes ({@code model_config}, InputLayer, Activation, Dropout,
 * LeakyReLU, a scoped weight name, an int32 weight to step over).
 */
class TfjsFormatFuzzTest {
    static final String SEPARATOR = "\n--part--\n";

    @DictionaryEntries({"\"modelTopology\"", "\"weightsManifest\"", "\"paths\"", "\"weights\"", "\"name\"",
        "\"shape\"", "\"dtype\"", "\"float32\"", "\"layers-model\"", "\"class_name\"", "\"Dense\"", "\"Sequential\"",
        "\"config\"", "\"units\"", "\"activation\"", "\"use_bias\"", "\"batch_input_shape\"", "\"kernel\"",
        "\"bias\"", "\"inputUnits\"", "\"outputUnits\"", "\"inputs\"", "\"outputs\"", "\"min\"", "\"max\"",
        "\"legend\"", "../", "--part--",
        "\"model_config\"", "\"InputLayer\"", "\"Activation\"", "\"Dropout\"", "\"LeakyReLU\"", "\"alpha\"",
        "\"int32\"", "\"quantization\""})
    @FuzzTest(maxDuration = "20s")
    void load(byte[] data) {
        List<byte[]> parts = split(data);
        Path model = ScratchFile.write(TfjsFormat.MODEL_FILE, parts.get(0));
        Path dir = model.getParent();
        ScratchFile.write(TfjsFormat.WEIGHTS_FILE, parts.size() > 1 ? parts.get(1) : new byte[0]);
        try {
            if (parts.size() > 2) {
                ScratchFile.write(Ml5Metadata.FILE, parts.get(2));
            } else {
                Files.deleteIfExists(dir.resolve(Ml5Metadata.FILE));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        NeuralNetwork nn = ReaderContract.check("TfjsFormat.load", data.length, () -> TfjsFormat.load(model),
                ModelFormatException.class, IOException.class);
        if (nn != null) {
            assertEquals(nn.outputSize(), nn.predict(new double[nn.inputSize()]).length);
        }
    }

    /** The input cut at each {@link #SEPARATOR}: model.json, weights, model_meta.json. */
    static List<byte[]> split(byte[] data) {
        byte[] sep = SEPARATOR.getBytes(StandardCharsets.US_ASCII);
        List<byte[]> parts = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        for (int i = 0; i < data.length; i++) {
            if (parts.size() < 2 && i + sep.length <= data.length
                    && Arrays.equals(data, i, i + sep.length, sep, 0, sep.length)) {
                parts.add(current.toByteArray());
                current.reset();
                i += sep.length - 1;
            } else {
                current.write(data[i]);
            }
        }
        parts.add(current.toByteArray());
        return parts;
    }
}
