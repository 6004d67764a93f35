package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.io.ModelFile;
import toynn.io.ModelFormatException;
import toynn.io.ToyNNJsFormat;

/**
 * Per reader: a file of about a hundred bytes that declares gigabytes of weights fails with the
 * reader's documented exception, naming the field, and allocates no more than
 * {@link ReaderContract#allocationBudget} allows for its size (measured, not assumed).
 */
class HostileSizesTest {
    @Test
    void modelFileDeclaringSevenGigabytesOfWeights() {
        // 16,777,216 × 100 float32 weights = 6.7 GB, in a 150-byte file holding one number.
        String json = "{\"format\":\"toynn-model\",\"formatVersion\":1,\"layers\":[{\"type\":\"dense\","
                + "\"inputs\":16777216,\"outputs\":100,\"activation\":\"sigmoid\",\"weights\":[1],\"bias\":[1]}]}";
        String message = failsWithinBudget("ModelFile.read", json, () -> ModelFile.read(json));
        assertTrue(message.contains("layers[0].weights") && message.contains("expected 1677721600 numbers, got 1"),
                message);
    }

    @Test
    void modelFileWithManyLayersEachDeclaringHugeSizes() {
        StringBuilder sb = new StringBuilder("{\"format\":\"toynn-model\",\"formatVersion\":1,\"layers\":[");
        for (int i = 0; i < 20; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"type\":\"dense\",\"inputs\":16777216,\"outputs\":16777216,"
                    + "\"activation\":\"relu\",\"weights\":[],\"bias\":[]}");
        }
        String json = sb.append("]}").toString();
        String message = failsWithinBudget("ModelFile.read", json, () -> ModelFile.read(json));
        assertTrue(message.contains("weights; at most"), message);
    }

    @Test
    void toyNNJsFileDeclaringSevenGigabytesOfWeights() {
        String json = "{\"input_nodes\":16777216,\"hidden_nodes\":100,\"output_nodes\":1,"
                + "\"weights_ih\":{\"rows\":100,\"cols\":16777216,\"data\":[[1]]}}";
        String message = failsWithinBudget("ToyNNJsFormat.read", json,
                () -> ToyNNJsFormat.read(json, ActivationFunction.SIGMOID));
        assertTrue(message.contains("weights_ih.data") && message.contains("expected 100 rows, got 1"), message);
    }

    @Test
    void toyNNJsFileWithRowsClaimingMoreColumnsThanTheyHold() {
        String json = "{\"input_nodes\":16777216,\"hidden_nodes\":1,\"output_nodes\":1,"
                + "\"weights_ih\":{\"rows\":1,\"cols\":16777216,\"data\":[[1,2,3]]}}";
        String message = failsWithinBudget("ToyNNJsFormat.read", json,
                () -> ToyNNJsFormat.read(json, ActivationFunction.SIGMOID));
        assertTrue(message.contains("weights_ih.data[0]") && message.contains("expected 16777216 numbers, got 3"),
                message);
    }

    /** Runs the reader under {@link ReaderContract}; it must fail (documented exception); returns the message. */
    private static String failsWithinBudget(String what, String json, ReaderContract.Reader<?> reader) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 2000, "the hostile file should be small, is " + bytes + " bytes");
        assertNull(ReaderContract.check(what, bytes, reader, ModelFormatException.class), what + " accepted " + json);
        return assertThrows(ModelFormatException.class, reader::read).getMessage();
    }
}
