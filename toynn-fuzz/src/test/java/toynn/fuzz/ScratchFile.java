package toynn.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file for readers that take a {@link Path}: each fuzz input is written to it before reading.
 * In memory ({@code /dev/shm}) where the machine has it, so fuzzing is not slowed by the disk.
 */
final class ScratchFile {
    private static final Path DIR = makeDir();

    private ScratchFile() {
    }

    /** Writes {@code data} to a file called {@code name} in this JVM's scratch directory and returns it. */
    static Path write(String name, byte[] data) {
        try {
            return Files.write(DIR.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scratch file for a fuzz input", e);
        }
    }

    private static Path makeDir() {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "toynn-fuzz") : Files.createTempDirectory("toynn-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
