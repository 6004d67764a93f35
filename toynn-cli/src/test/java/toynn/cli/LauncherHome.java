package toynn.cli;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A copy of the {@code ./toynn} launcher for tests that run it: beside it a {@code toynn-cli/target/toynn.jar}
 * whose manifest runs {@link Main} on this test run's class path, so the launcher finds a jar and builds nothing.
 */
final class LauncherHome {
    private LauncherHome() {
    }

    /** The repository's launcher script. */
    static Path launcher() {
        return Path.of("..", "toynn").toAbsolutePath().normalize();
    }

    /** The java of this test run, for {@code TOYNN_JAVA}. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Copies the launcher into {@code home} with a jar over this build's classes; returns the copy. */
    static Path create(Path home) throws Exception {
        Files.createDirectories(home.resolve("toynn-cli/target"));
        Path copy = home.resolve("toynn");
        Files.copy(launcher(), copy);
        writeJarOverClasspath(home.resolve("toynn-cli/target/toynn.jar"));
        return copy;
    }

    /** A jar whose manifest runs {@link Main} with this test run's class path. */
    static void writeJarOverClasspath(Path jar) throws Exception {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
            }
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, m)) {
            j.flush();
        }
    }

    /** The program's path on the PATH, or null. */
    static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
