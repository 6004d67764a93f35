package toynn.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.DataSet;
import toynn.NeuralNetwork;

/**
 * NaN and infinite values never reach training from a loader: each loader stops at the first one
 * with its documented exception, naming the file and the row (CSV: the line) where it is.
 */
class NonFiniteDataTest {
    @TempDir
    Path dir;

    @Test
    void csvNamesTheLineAndColumnOfANaNOrInfinity() throws IOException {
        for (String bad : List.of("NaN", "nan", "Infinity", "-inf", "inf")) {
            Path f = write("data.csv", "a,b,label\n1,2,x\n3,4,y\n5," + bad + ",x\n6,7,y\n8,9,x\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(f), bad);
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("line 4")
                    && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void csvNamesTheLineOfANumberBeyondFloat32() throws IOException {
        Path f = write("big.csv", "a,b,label\n1,2,x\n3,1e39,y\n5,6,x\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.read(f));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("1e39"), e.getMessage());
    }

    @Test
    void npyNamesTheRowAndColumnOfANaNOrInfinity() throws IOException {
        float[][] cases = {{Float.NaN, 4}, {Float.POSITIVE_INFINITY, 5}, {Float.NEGATIVE_INFINITY, 0}};
        for (float[] c : cases) {
            float[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};       // (4, 3)
            int at = (int) c[1];
            values[at] = c[0];
            Path x = writeNpy("x.npy", "<f4", "(4, 3)", values);
            Path y = writeNpy("y.npy", "<f4", "(4,)", new float[] {0, 1, 0, 1});
            DataFormatException e = assertThrows(DataFormatException.class, () -> NpyReader.load(x, y, null, 0));
            String want = "row " + at / 3 + ", column " + at % 3 + " (counting from 0) is " + (double) c[0];
            assertTrue(e.getMessage().startsWith(x.toString()) && e.getMessage().contains(want), e.getMessage());
        }
    }

    @Test
    void npyNamesTheRowOfADoubleThatOverflowsFloat32() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putDouble(1).putDouble(1e300).putDouble(2);
        Path x = writeNpy("d.npy", "<f8", "(3,)", b.array());
        Path y = writeNpy("l.npy", "<f4", "(3,)", new float[] {0, 1, 0});
        DataFormatException e = assertThrows(DataFormatException.class, () -> NpyReader.load(x, y, null, 0));
        assertTrue(e.getMessage().contains("row 1 (counting from 0) is 1.0E300") && e.getMessage().contains("overflows"),
                e.getMessage());
    }

    @Test
    void idxHoldsOnlyBytesSoFloatFilesAreRefused() throws IOException {
        // Type 0x0D is float32 in the IDX format; ToyNN reads unsigned bytes only, which cannot be NaN.
        ByteBuffer b = ByteBuffer.allocate(8 + 4).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x00000D01).putInt(1).putFloat(Float.NaN);
        Path f = dir.resolve("floats.idx");
        Files.write(f, b.array());
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void inMemoryDataAndTheSketchApiNameTheRow() {
        double[][] x = {{0, 1}, {2, Double.NaN}, {4, 5}};
        double[][] y = {{0}, {1}, {0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSet.of(x, y));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("NaN"), e.getMessage());
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 3, 2);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> nn.addData(new double[] {1, Double.POSITIVE_INFINITY}, "a"));
        assertTrue(e2.getMessage().contains("Infinity"), e2.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path writeNpy(String name, String descr, String shape, float[] values) throws IOException {
        return NpyFiles.write(dir, name, descr, shape, NpyFiles.floats(values));
    }

    private Path writeNpy(String name, String descr, String shape, byte[] data) throws IOException {
        return NpyFiles.write(dir, name, descr, shape, data);
    }
}
