package toynn.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import toynn.io.AtomicFiles;

/**
 * The {@code --out} folder of {@code train} and {@code evolve}: made if missing, and when a file stands
 * where it or one of its parents should be, one message naming that file (rather than the JVM's
 * "FileAlreadyExistsException" or "Not a directory" about the whole path). A folder no file can be
 * written into is refused here, before the run, not when the first checkpoint or the model is saved.
 */
final class OutputFolder {
    private OutputFolder() {
    }

    /** Makes {@code out} (and its parents) unless it is a folder already, and checks files can be made in it. */
    static void make(Path out) throws IOException {
        Path file = AtomicFiles.fileInTheWay(out);
        if (file != null) {
            throw new CliException("--out " + out + (file.equals(out.toAbsolutePath()) ? " is a file"
                    : ": " + file + " is a file, not a folder") + "; give a directory (it is created if missing)");
        }
        try {
            Files.createDirectories(out);
        } catch (FileSystemException e) {
            throw new CliException("cannot make the --out folder " + out + ": " + reason(e)
                    + "; give --out a folder you may write", e);
        }
        // A real file, not Files.isWritable: root passes that test where the file system still refuses.
        try {
            Files.delete(Files.createTempFile(out, ".toynn-write-check.", ".tmp"));
        } catch (FileSystemException e) {
            throw new CliException("cannot write into the --out folder " + out + ": " + reason(e)
                    + "; give --out a folder you may write (it is created if missing)", e);
        }
    }

    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }
}
