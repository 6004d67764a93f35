package toynn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the shared fixture files. The test resources hold a copy of {@code shared/fixtures}
 * (preferred, so the tests never depend on the folder layout); the original is looked up by walking
 * up from the working directory for {@code shared/fixtures} — in CI the repository is a clone with
 * {@code shared/} beside it.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** The copy in the test resources, e.g. {@code toy-nn-js}; fails if it is missing. */
    static Path copy(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource fixtures/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code shared/fixtures/NAME} found by walking up from the working directory, or null. */
    static Path shared(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("fixtures").resolve(name);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** The files in {@code dir} whose names end with {@code suffix}, sorted by name. */
    static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
