package toynn.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.data.CsvReader;
import toynn.data.DataFormatException;
import toynn.data.IdxReader;
import toynn.data.NpyReader;
import toynn.io.ModelFile;
import toynn.io.ModelFormatException;
import toynn.io.ToyNNJsFormat;
import toynn.onnx.OnnxFormat;
import toynn.onnx.proto.OnnxProtos.GraphProto;
import toynn.onnx.proto.OnnxProtos.ModelProto;
import toynn.onnx.proto.OnnxProtos.NodeProto;
import toynn.onnx.proto.OnnxProtos.OperatorSetIdProto;
import toynn.onnx.proto.OnnxProtos.TensorProto;
import toynn.onnx.proto.OnnxProtos.ValueInfoProto;

/**
 * Per reader: a file of about a hundred bytes that declares gigabytes (of weights, images, array
 * values, one-hot columns) fails with the reader's documented exception, naming the field or file,
 * and allocates no more than {@link ReaderContract#allocationBudget} allows for its size (measured,
 * not assumed; the fuzz module's tests run with a 512 MB heap).
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

    @Test
    void onnxFileDeclaringEightGigabytesOfWeights() {
        // One MatMul whose weight declares 16,777,216 × 127 float32 values (8.5 GB) and holds none: 100 bytes.
        byte[] onnx = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(GraphProto.newBuilder()
                        .addInitializer(TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                                .addDims(16_777_216).addDims(127))
                        .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("x").addInput("w").addOutput("y"))
                        .addInput(ValueInfoProto.newBuilder().setName("x"))
                        .addOutput(ValueInfoProto.newBuilder().setName("y")))
                .build().toByteArray();
        assertTrue(onnx.length < 200, "the hostile file should be small, is " + onnx.length + " bytes");
        assertNull(ReaderContract.check("OnnxFormat.read", onnx.length, () -> OnnxFormat.read(onnx),
                ModelFormatException.class), "OnnxFormat.read accepted the file");
        String message = assertThrows(ModelFormatException.class, () -> OnnxFormat.read(onnx)).getMessage();
        assertTrue(message.contains("tensor 'w'") && message.contains("needs 2130706432"), message);
    }

    @Test
    void idxFileClaimingTwoBillionImages() {
        // 8-byte header + 16 bytes of pixels, claiming 2^31−1 images of 28×28: 1.7 TB.
        byte[] idx = ByteBuffer.allocate(32).putInt(IdxReader.IMAGES_MAGIC).putInt(Integer.MAX_VALUE).putInt(28)
                .putInt(28).array();
        String message = dataFailsWithinBudget("IdxReader.read", idx, "claims.idx", IdxReader::read);
        assertTrue(message.contains("claims.idx"), message);
    }

    @Test
    void gzippedIdxFileClaimingMoreThanDeflateCanHold() throws IOException {
        byte[] raw = ByteBuffer.allocate(16 + 64).putInt(IdxReader.IMAGES_MAGIC).putInt(1 << 20).putInt(28).putInt(28)
                .array();                                          // claims 822 MB, holds 64 bytes
        String message = dataFailsWithinBudget("IdxReader.read", gzip(raw), "claims.idx.gz", IdxReader::read);
        assertTrue(message.contains("claims.idx.gz"), message);
    }

    @Test
    void npyFileClaimingAHugeShape() {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }";
        StringBuilder h = new StringBuilder(header);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + 16);  // 80 GB claimed, 16 bytes present
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.put((byte) h.length()).put((byte) 0).put(h.toString().getBytes(StandardCharsets.US_ASCII));
        String message = dataFailsWithinBudget("NpyReader.read", b.array(), "claims.npy", NpyReader::read);
        assertTrue(message.contains("claims.npy"), message);
    }

    @Test
    void csvWithAnIdentifierColumnCannotAskForGigabytes() {
        // 40,000 rows with a distinct text id each: one-hot would be 40,000 × 40,002 floats = 6.4 GB from 0.6 MB.
        StringBuilder csv = new StringBuilder("id,x,label\n");
        for (int i = 0; i < 40_000; i++) {
            csv.append("u").append(i).append(',').append(i % 7).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        String message = dataFailsWithinBudget("CsvReader.read", bytes, "ids.csv", CsvReader::read);
        assertTrue(message.contains("column 1 (\"id\") has 40000 distinct text values")
                && message.contains("identifier"), message);
    }

    @Test
    void csvWhoseLabelIsAnIdentifierCannotAskForGigabytes() {
        StringBuilder csv = new StringBuilder("x,name\n");
        for (int i = 0; i < 40_000; i++) {
            csv.append(i % 7).append(",n").append(i).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        String message = dataFailsWithinBudget("CsvReader.read", bytes, "names.csv", CsvReader::read);
        assertTrue(message.contains("(\"name\") has 40000 distinct text values (classes)"), message);
    }

    /** A data file reader of a path. */
    private interface PathReader {
        Object read(Path p) throws IOException;
    }

    /** Writes {@code bytes} to a file, reads it under {@link ReaderContract}: it must fail; returns the message. */
    private static String dataFailsWithinBudget(String what, byte[] bytes, String name, PathReader reader) {
        Path file = ScratchFile.write(name, bytes);
        assertNull(ReaderContract.check(what, bytes.length, () -> reader.read(file), DataFormatException.class),
                what + " accepted " + name);
        return assertThrows(DataFormatException.class, () -> reader.read(file)).getMessage();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    /** Runs the reader under {@link ReaderContract}; it must fail (documented exception); returns the message. */
    private static String failsWithinBudget(String what, String json, ReaderContract.Reader<?> reader) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 2000, "the hostile file should be small, is " + bytes + " bytes");
        assertNull(ReaderContract.check(what, bytes, reader, ModelFormatException.class), what + " accepted " + json);
        return assertThrows(ModelFormatException.class, reader::read).getMessage();
    }
}
