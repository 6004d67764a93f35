package toynn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static toynn.Messages.assertMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;

/**
 * A model file of one format given to the reader of another — a sketch author's
 * {@code NeuralNetwork.load("xor.model.json")} on Toy-NN-JS's {@code serialize()} output, or on the
 * {@code model.json} ml5.js saved — is named for what it is, with the call that reads it, instead of
 * a bare {@code missing field "format"}.
 */
class WrongReaderTest {

    @Test
    void aToyNNJsFileGivenToLoadSaysHowToReadIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("xor.model.json");
        Files.writeString(file, NeuralNetwork.seeded(1, 2, 4, 1).toToyNNJs());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> NeuralNetwork.load(file));
        assertMessage(e, file.toString(), "Toy-Neural-Network-JS", "NeuralNetwork.fromToyNNJs(json, ActivationFunction.SIGMOID)",
                "ModelFormats.load(path)");
        // ... and that advice works
        assertEquals(2, ModelFormats.load(file).inputSize());
        assertMessage(assertThrows(ModelFormatException.class, () -> NeuralNetwork.fromJson(Files.readString(file))),
                "Toy-Neural-Network-JS");
    }

    @Test
    void aTfjsModelJsonGivenToLoadSaysHowToReadIt(@TempDir Path dir) throws Exception {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 4, 1);
        ModelFormats.write("tfjs", nn, dir);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NeuralNetwork.load(dir.resolve(TfjsFormat.MODEL_FILE)));
        assertMessage(e, "TensorFlow.js model.json", "ModelFormats.load(path)");
        assertEquals(2, ModelFormats.load(dir).inputSize());
    }

    @Test
    void aToyNNFileGivenToFromToyNNJsSaysHowToReadIt() {
        String json = NeuralNetwork.seeded(1, 2, 4, 1).toJson();
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NeuralNetwork.fromToyNNJs(json, ActivationFunction.SIGMOID));
        assertMessage(e, "a ToyNN model file", "NeuralNetwork.fromJson(json) or NeuralNetwork.load(path)");
    }

    @Test
    void otherJsonStillNamesTheMissingField() {
        assertMessage(assertThrows(ModelFormatException.class, () -> NeuralNetwork.fromJson("{\"layers\": []}")),
                "missing field \"format\"");
        assertMessage(assertThrows(ModelFormatException.class,
                () -> NeuralNetwork.fromToyNNJs("{\"hidden_nodes\": 2}", ActivationFunction.SIGMOID)),
                "missing field \"input_nodes\"");
    }
}
