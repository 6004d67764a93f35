package toynn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Safe file writing and bounded reading for model files and checkpoints.
 */
public final class AtomicFiles {
    /** Model files larger than this are refused before they are read (1 GiB). */
    public static final long MAX_TEXT_BYTES = 1L << 30;

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target} atomically: into a temporary file in the same folder,
     * forced to disk, then renamed over {@code target}. On any failure the temporary file is removed
     * and an existing {@code target} is left untouched.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        writeAll(java.util.Map.of(target, bytes));
    }

    /**
     * Writes several files that belong together (a TF.js model's {@code model.json} and weights): first
     * every one into a temporary file beside its target, forced to disk, then the renames, in the map's
     * order. A failure while writing (a full disk, a folder that cannot be made) replaces none of the
     * targets; only a failing rename, after all the data is safely written, could leave some replaced.
     */
    public static void writeAll(java.util.Map<Path, byte[]> files) throws IOException {
        java.util.List<Path> targets = new java.util.ArrayList<>();
        java.util.List<Path> temps = new java.util.ArrayList<>();
        boolean done = false;
        try {
            for (java.util.Map.Entry<Path, byte[]> f : files.entrySet()) {
                Path abs = f.getKey().toAbsolutePath();
                temps.add(stage(f.getKey(), abs, f.getValue()));
                targets.add(abs);
            }
            for (int i = 0; i < temps.size(); i++) {
                moveOver(temps.get(i), targets.get(i));
            }
            done = true;
        } finally {
            if (!done) {
                for (Path tmp : temps) {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }

    /**
     * Renames the finished temporary file {@code tmp} over {@code target}: atomically where the file
     * system can, else a plain replacing rename. For writers that stream into their own temporary file.
     */
    public static void moveOver(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * What stands in the way of making the folder {@code folder}: the deepest part of its path that exists,
     * when that is not a folder (a file where {@code folder} or one of its parents should be); else null.
     */
    public static Path fileInTheWay(Path folder) {
        Path p = folder.toAbsolutePath();
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        return p != null && !Files.isDirectory(p) ? p : null;
    }

    /** {@code bytes} in a temporary file beside {@code abs}, forced to disk; the folder made if needed. */
    private static Path stage(Path target, Path abs, byte[] bytes) throws IOException {
        if (Files.isDirectory(abs)) {                  // else the rename fails naming the temporary file
            throw new FileSystemException(target.toString(), null,
                    "is a folder; expected the path of a file to write (a folder is never replaced)");
        }
        Path dir = abs.getParent();
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (FileSystemException e) {           // a file where a folder of the path should be: name it
                Path file = fileInTheWay(dir);
                if (file == null) {
                    throw e;
                }
                throw new FileSystemException(file.toString(), null, "is a file, not a folder; cannot write "
                        + abs.getFileName() + " inside it");
            }
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        } catch (AccessDeniedException e) {             // name the file being saved, not a temporary one
            throw (IOException) new AccessDeniedException(target.toString(), null,
                    "cannot create files in " + (dir == null ? "this folder" : dir)).initCause(e);
        } catch (FileSystemException e) {               // a read-only file system, a full disk, ...
            if (e.getClass() != FileSystemException.class || e.getReason() == null) {
                throw e;
            }
            throw (IOException) new FileSystemException(target.toString(), null, e.getReason()).initCause(e);
        }
        boolean done = false;
        try {
            keepPermissions(tmp, abs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            done = true;
            return tmp;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Temporary files are made owner-only; give the new file the permissions of the file it replaces,
     * or rw-r--r-- (what a plain new file usually gets), so saving does not hide a model from other users.
     * For writers that stream into their own temporary file before renaming it over {@code target}.
     */
    public static void keepPermissions(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.isRegularFile(target)
                ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** Reads a UTF-8 text file, refusing files over {@link #MAX_TEXT_BYTES} and invalid UTF-8. */
    public static String readText(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        if (Files.isDirectory(path)) {       // else a bare "Is a directory" that does not say which path
            throw new FileSystemException(path.toString(), null, "is a folder; expected a file");
        }
        long size = Files.size(path);
        if (size > MAX_TEXT_BYTES) {
            throw new ModelFormatException(path + ": " + size + " bytes is larger than any model file this library reads ("
                    + MAX_TEXT_BYTES + " bytes)");
        }
        byte[] bytes = Files.readAllBytes(path);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(path + ": not UTF-8 text; expected a JSON model file", e);
        }
    }
}
