package toynn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;

/**
 * Saving never leaves a half-written model. Failures are made real without relying on file
 * permissions (which root ignores): an interrupted thread makes the write of the temporary file
 * itself fail, and a parent path that is a regular file makes the temporary file impossible to create.
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        Path target = dir.resolve("a.json");
        AtomicFiles.write(target, bytes("first"));
        AtomicFiles.write(target, bytes("second, longer"));
        assertEquals("second, longer", Files.readString(target));
        assertEquals(List.of(target), Fixtures.list(dir, ""));
    }

    @Test
    void writeAllReplacesNoneWhenOneCannotBeWritten() throws IOException {
        Path a = dir.resolve("a.bin");
        Path b = dir.resolve("b.json");
        AtomicFiles.writeAll(new java.util.LinkedHashMap<>(java.util.Map.of(a, bytes("old a"))));
        Files.createDirectories(b);                          // b cannot be written: it is a folder
        java.util.Map<Path, byte[]> both = new java.util.LinkedHashMap<>();
        both.put(a, bytes("new a"));
        both.put(b, bytes("new b"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeAll(both));
        assertTrue(e.getMessage().contains("b.json") && e.getMessage().contains("is a folder"), e.getMessage());
        assertEquals("old a", Files.readString(a), "a was written first, but must not be replaced");
        assertEquals(List.of(a, b), Fixtures.list(dir, ""), "no temporary file is left");

        Files.delete(b);
        AtomicFiles.writeAll(both);
        assertEquals("new a", Files.readString(a));
        assertEquals("new b", Files.readString(b));
        assertEquals(List.of(a, b), Fixtures.list(dir, ""));
    }

    @Test
    void aTfjsSaveThatFailsReplacesNoneOfTheFolder() throws IOException {
        Path folder = dir.resolve("web-model");
        NeuralNetwork old = NeuralNetwork.seeded(1, 2, 3, 1);
        TfjsFormat.save(old, folder);
        byte[] json = Files.readAllBytes(folder.resolve(TfjsFormat.MODEL_FILE));
        byte[] weights = Files.readAllBytes(folder.resolve(TfjsFormat.WEIGHTS_FILE));
        NeuralNetwork other = NeuralNetwork.seeded(2, 2, 5, 1);
        other.setClassNames(List.of("yes"));                 // it writes model_meta.json too, last
        Files.createDirectories(folder.resolve(Ml5Metadata.FILE));
        assertThrows(IOException.class, () -> TfjsFormat.save(other, folder));
        assertArrayEquals(json, Files.readAllBytes(folder.resolve(TfjsFormat.MODEL_FILE)), "model.json untouched");
        assertArrayEquals(weights, Files.readAllBytes(folder.resolve(TfjsFormat.WEIGHTS_FILE)), "weights untouched");
        assertArrayEquals(old.predict(new double[] {1, 0}), TfjsFormat.load(folder).predict(new double[] {1, 0}));
    }

    @Test
    void writeThatFailsMidwayLeavesTheOldFileIntact() throws IOException {
        Path target = dir.resolve("model.json");
        NeuralNetwork old = NeuralNetwork.seeded(1, 2, 3, 1);
        old.save(target);
        byte[] before = Files.readAllBytes(target);
        NeuralNetwork other = NeuralNetwork.seeded(2, 20, 30, 10);
        Thread.currentThread().interrupt();                 // the channel write of the temporary file now fails
        try {
            assertThrows(ClosedByInterruptException.class, () -> other.save(target));
        } finally {
            Thread.interrupted();                           // clear the flag for the rest of the suite
        }
        assertArrayEquals(before, Files.readAllBytes(target), "the old model must be untouched");
        assertEquals(List.of(target), Fixtures.list(dir, ""), "the temporary file must be removed");
        assertArrayEquals(old.predict(new double[] {1, 0}), NeuralNetwork.load(target).predict(new double[] {1, 0}));
    }

    @Test
    void writeWhoseFolderCannotExistChangesNothing() throws IOException {
        Path keep = dir.resolve("keep.json");
        AtomicFiles.write(keep, bytes("keep me"));
        Path notAFolder = dir.resolve("plain-file");
        Files.writeString(notAFolder, "I am a file");
        for (String inside : List.of("model.json", "sub/model.json")) {
            FileSystemException e = assertThrows(FileSystemException.class,
                    () -> AtomicFiles.write(notAFolder.resolve(inside), bytes("x")));
            // Named and explained (it was a bare FileAlreadyExistsException, which the CLI printed as the path alone).
            assertEquals(notAFolder.toString(), e.getFile(), inside);
            assertTrue(e.getReason().contains("is a file, not a folder; cannot write model.json inside it"),
                    e.getReason());
        }
        assertEquals("I am a file", Files.readString(notAFolder));
        assertEquals("keep me", Files.readString(keep));
        assertEquals(List.of(keep, notAFolder), Fixtures.list(dir, ""));
    }

    /**
     * A folder where no file may be created names the file being saved, not the temporary file that could not
     * be made (the CLI printed "cannot access /folder/.model.json.6942148070554251206.tmp: permission denied").
     * Made real without permissions, which root ignores: Linux's sysfs refuses new files even to root.
     */
    @Test
    void aFolderThatRefusesNewFilesIsReportedForTheFileBeingSaved() throws IOException {
        Path sysfs = Path.of("/sys/kernel");
        Assumptions.assumeTrue(Files.isDirectory(sysfs), "needs Linux's /sys; skipping");
        Path target = sysfs.resolve("toynn-test-model.json");
        Assumptions.assumeFalse(Files.exists(target), "unexpected file in /sys; skipping");
        FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFiles.write(target, bytes("x")));
        assertEquals(target.toString(), e.getFile());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void aDirectoryIsNamedAsSuchForWritingAndReading() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        IOException w = assertThrows(IOException.class, () -> AtomicFiles.write(folder, bytes("x")));
        assertEquals(folder + ": is a folder; expected the path of a file to write (a folder is never replaced)",
                w.getMessage());
        IOException r = assertThrows(IOException.class, () -> AtomicFiles.readText(folder));
        assertEquals(folder + ": is a folder; expected a file", r.getMessage());
        assertEquals(List.of(folder), Fixtures.list(dir, ""), "no temporary file is made");
    }

    @Test
    void renameOntoSomethingThatCannotBeReplacedCleansUp() throws IOException {
        Path occupied = dir.resolve("model.json");
        Files.createDirectory(occupied);
        Files.writeString(occupied.resolve("inside.txt"), "still here");
        assertThrows(IOException.class, () -> AtomicFiles.write(occupied, bytes("x")));
        assertEquals("still here", Files.readString(occupied.resolve("inside.txt")));
        assertEquals(List.of(occupied), Fixtures.list(dir, ""));
    }

    /** A folder as the target, empty or not, is named in the error (it was the temporary file's name). */
    @Test
    void folderAsTargetIsRefusedNamingIt() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("inside.txt"), "still here");
        for (Path folder : List.of(empty, full)) {
            FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFiles.write(folder, bytes("x")));
            assertEquals(folder.toString(), e.getFile());
            assertTrue(e.getReason().contains("is a folder; expected the path of a file"), e.getReason());
            assertTrue(Files.isDirectory(folder));
        }
        assertEquals("still here", Files.readString(full.resolve("inside.txt")));
        assertEquals(List.of(empty, full), Fixtures.list(dir, ""));
    }

    @Test
    void savedFilesGetOrdinaryPermissionsAndReplacedFilesKeepTheirs() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions only");
        Path fresh = dir.resolve("fresh.json");
        AtomicFiles.write(fresh, bytes("x"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        Path existing = dir.resolve("existing.json");
        Files.writeString(existing, "old");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(existing, bytes("new"));
        assertEquals("new", Files.readString(existing));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
    }

    @Test
    void readTextRefusesNonUtf8AndMissingFiles() throws IOException {
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> AtomicFiles.readText(latin1));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> AtomicFiles.readText(dir.resolve("nope")));
        assertFalse(Files.exists(dir.resolve("nope")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
