package toynn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The image and label files of one part ({@code train} or {@code t10k}) of an MNIST-style folder.
 * File names follow MNIST: {@code train-images-idx3-ubyte} and {@code train-labels-idx1-ubyte},
 * optionally with {@code .gz}, optionally after a prefix (EMNIST's {@code emnist-digits-train-…});
 * a dot in place of the last dash ({@code train-images.idx3-ubyte}) is accepted too. When both a raw
 * file and its {@code .gz} are present, the raw one is used.
 *
 * @param images the image file
 * @param labels the label file
 */
public record IdxFiles(Path images, Path labels) {
    /**
     * Finds the files of {@code part} ("train" or "t10k"; "test" also matches EMNIST's names) in {@code dir}.
     *
     * @throws IllegalArgumentException naming the folder and the missing or ambiguous file
     */
    public static IdxFiles find(Path dir, String part) {
        Objects.requireNonNull(dir, "dir must not be null; give the folder of the IDX files");
        Objects.requireNonNull(part, "part must not be null; expected \"train\" or \"t10k\"");
        return new IdxFiles(one(dir, part, "images", "idx3"), one(dir, part, "labels", "idx1"));
    }

    private static Path one(Path dir, String part, String kind, String idx) {
        List<String> parts = part.equals("t10k") ? List.of("t10k", "test") : List.of(part);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String n = f.getFileName().toString();
                for (String p : parts) {
                    if (n.matches("(?:.*[-_.])?" + Pattern.quote(p) + "-" + kind + "[-.]" + idx + "-ubyte(?:\\.gz)?")) {
                        found.add(f);
                    }
                }
            });
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            throw new IllegalArgumentException("no folder " + dir + "; expected a folder of MNIST-style IDX files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String expected = part + "-" + kind + "-" + idx + "-ubyte[.gz]";
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no " + expected + " in " + dir);
        }
        found.sort(null);
        if (found.size() == 2 && found.get(1).toString().equals(found.get(0) + ".gz")) {
            return found.get(0);                 // both raw and gzip: the raw one reads faster
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("more than one " + expected + " in " + dir + ": " + found
                    + "; keep one");
        }
        return found.get(0);
    }
}
