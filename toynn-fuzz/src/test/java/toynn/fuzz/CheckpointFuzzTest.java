package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import toynn.NeuralNetwork;
import toynn.cli.train.Checkpoint;
import toynn.io.ModelFormatException;

/**
 * Fuzzes the reader of {@code toynn train}'s {@code checkpoint.json} ({@link Checkpoint#read(Path)},
 * then the network inside): any bytes either load or fail with {@link ModelFormatException} (or
 * {@link IOException}). Seeds: {@code CheckpointFuzzTestInputs/read/}, checkpoints written by
 * {@code toynn train} on the bundled xor and iris data, one with {@code --early-stop} (its
 * {@code "early_stopping"} section with the best weights).
 */
class CheckpointFuzzTest {
    @DictionaryEntries({"\"toynn-checkpoint\"", "\"formatVersion\"", "\"epoch\"", "\"settings\"", "\"history\"",
        "\"model\"", "\"layers\"", "\"val_split\"", "\"test_split\"", "\"early_stop\"", "\"seed\"", "\"lr\"",
        "\"batch\"", "\"epochs\"", "\"loss\"", "\"val_loss\"", "\"accuracy\"", "\"val_accuracy\"", "\"toynn-model\"",
        "\"early_stopping\"", "\"best_value\"", "\"best_epoch\"", "\"since_best\"", "\"best_layers\"", "\"layerSizes\""})
    @FuzzTest(maxDuration = "20s")
    void read(byte[] data) {
        Path file = ScratchFile.write("checkpoint.json", data);
        Checkpoint.Contents c = ReaderContract.check("Checkpoint.read", data.length, () -> Checkpoint.read(file),
                ModelFormatException.class, IOException.class);
        if (c == null) {
            return;
        }
        NeuralNetwork nn = ReaderContract.check("Checkpoint.Contents.network", data.length, () -> c.network("fuzz"),
                ModelFormatException.class);
        if (nn != null) {
            assertEquals(nn.outputSize(), nn.predict(new double[nn.inputSize()]).length);
        }
    }
}
