package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static toynn.Messages.assertMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;

/**
 * The weight files a TF.js {@code model.json} names (its {@code weightsManifest} paths) are read only
 * from inside the model's folder: a model file is data and must not make us read arbitrary files. An
 * absolute path, a ".." step or a symbolic link that leads outside is refused, naming the path and the
 * folder; plain names, sub-folders and links that stay inside keep working.
 */
class TfjsWeightPathsTest {
    @TempDir
    Path tmp;

    private static final String SHARD = "\"" + TfjsFormat.WEIGHTS_FILE + "\"";

    /** A small model saved in {@code tmp/model}, and a copy of its weights outside it at {@code tmp/outside.bin}. */
    private Path model() throws IOException {
        Path dir = tmp.resolve("model");
        TfjsFormat.save(NeuralNetwork.seeded(5, 4, 6, 3), dir);
        Files.copy(dir.resolve(TfjsFormat.WEIGHTS_FILE), tmp.resolve("outside.bin"));
        return dir;
    }

    /** Points the manifest at {@code path} instead of the saved shard. */
    private static void manifestPath(Path dir, String path) throws IOException {
        Path json = dir.resolve(TfjsFormat.MODEL_FILE);
        Files.writeString(json, Files.readString(json).replace(SHARD, "\"" + path + "\""));
    }

    private static void assertRefused(Path dir, String path) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsFormat.load(dir));
        assertMessage(e, "paths[0]", "\"" + path + "\"", "outside the model's folder", dir.toAbsolutePath().toString());
    }

    @Test
    void symbolicLinkToAFileOutsideIsRefused() throws IOException {
        Path dir = model();
        Files.createSymbolicLink(dir.resolve("link.bin"), tmp.resolve("outside.bin"));
        manifestPath(dir, "link.bin");
        assertRefused(dir, "link.bin");
    }

    @Test
    void subFolderThatLinksOutsideIsRefused() throws IOException {
        Path dir = model();
        Files.createSymbolicLink(dir.resolve("shards"), tmp);
        manifestPath(dir, "shards/outside.bin");
        assertRefused(dir, "shards/outside.bin");
    }

    @Test
    void dotDotIsRefusedEvenWhenItComesBackInside() throws IOException {
        Path dir = model();
        Files.createDirectory(dir.resolve("sub"));
        manifestPath(dir, "sub/../" + TfjsFormat.WEIGHTS_FILE);
        assertRefused(dir, "sub/../" + TfjsFormat.WEIGHTS_FILE);
        Path json = dir.resolve(TfjsFormat.MODEL_FILE);
        Files.writeString(json, Files.readString(json).replace("sub/../", "sub/../../"));
        assertRefused(dir, "sub/../../" + TfjsFormat.WEIGHTS_FILE);
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        Path dir = model();
        String outside = tmp.resolve("outside.bin").toAbsolutePath().toString();
        manifestPath(dir, outside);
        assertRefused(dir, outside);
    }

    @Test
    void subFoldersAndLinksThatStayInsideStillLoad() throws IOException {
        Path dir = model();
        NeuralNetwork plain = TfjsFormat.load(dir);
        Files.createDirectories(dir.resolve("weights/a"));
        Files.move(dir.resolve(TfjsFormat.WEIGHTS_FILE), dir.resolve("weights/a/shard.bin"));
        manifestPath(dir, "weights/a/shard.bin");
        assertArrayEquals(plain.layers().get(0).weights(), TfjsFormat.load(dir).layers().get(0).weights());
        Files.createSymbolicLink(dir.resolve("alias.bin"), dir.resolve("weights/a/shard.bin"));
        Files.writeString(dir.resolve(TfjsFormat.MODEL_FILE),
                Files.readString(dir.resolve(TfjsFormat.MODEL_FILE)).replace("weights/a/shard.bin", "alias.bin"));
        assertArrayEquals(plain.layers().get(0).weights(), TfjsFormat.load(dir).layers().get(0).weights());
        Path linkedFolder = Files.createSymbolicLink(tmp.resolve("linked-model"), dir);   // the folder itself a link
        assertArrayEquals(plain.layers().get(0).weights(), TfjsFormat.load(linkedFolder).layers().get(0).weights());
    }
}
