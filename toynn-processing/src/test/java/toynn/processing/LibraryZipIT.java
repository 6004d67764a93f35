package toynn.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code target/toynn-processing.zip} is a Processing 4 contributed library: one {@code toynn/}
 * folder holding {@code library.properties}, {@code library/toynn.jar} (self-contained),
 * {@code examples/<Name>/<Name>.pde}, {@code reference/} and {@code src/}. Runs after {@code package}.
 */
class LibraryZipIT {
    static final Path ZIP = Path.of("target", "toynn-processing.zip").toAbsolutePath();
    /** The examples issue 10 asks for; each must be in the zip. */
    static final List<String> EXAMPLES = List.of("XOR", "ColorPredictor", "TrainingStep", "DigitRecognizer",
            "NeuroevolutionFlappy");
    /** Processing's category list (library.properties template); anything else shows as "Other". */
    static final Set<String> CATEGORIES = Set.of("3D", "Animation", "Compilations", "Data", "Fabrication",
            "Geometry", "GUI", "Hardware", "I/O", "Language", "Math", "Simulation", "Sound", "Utilities",
            "Typography", "Video & Vision");

    static Set<String> entries;

    @BeforeAll
    static void listZip() throws IOException {
        assertTrue(Files.isRegularFile(ZIP), ZIP + " is missing; run `mvn package` first");
        entries = new TreeSet<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            zip.stream().forEach(e -> entries.add(e.getName()));
        }
    }

    @Test
    void everythingSitsInOneFolderNamedLikeTheJar() {
        for (String e : entries) {
            assertTrue(e.startsWith("toynn/"), "entry outside toynn/: " + e);
        }
        assertTrue(entries.contains("toynn/library.properties"), "no library.properties");
        assertTrue(entries.contains("toynn/library/toynn.jar"), "no library/toynn.jar");
        List<String> libraryFiles = entries.stream()
                .filter(e -> e.startsWith("toynn/library/") && !e.endsWith("/")).toList();
        assertEquals(List.of("toynn/library/toynn.jar"), libraryFiles, "library/ should hold the one jar");
    }

    @Test
    void examplesReferenceAndSourcesArePresent() {
        for (String name : EXAMPLES) {
            String pde = "toynn/examples/" + name + "/" + name + ".pde";
            assertTrue(entries.contains(pde), "missing example " + pde);
        }
        for (String e : entries) {
            if (e.startsWith("toynn/examples/") && e.endsWith(".pde")) {
                String[] p = e.split("/");
                assertEquals(4, p.length, "example not in its own folder: " + e);
                assertEquals(p[2] + ".pde", p[3], "a sketch's folder and main file must share its name: " + e);
            }
        }
        assertTrue(entries.contains("toynn/reference/index.html"), "no Javadoc index");
        for (String type : List.of("NeuralNetwork", "Matrix", "ActivationFunction", "TrainingStep")) {
            assertTrue(entries.contains("toynn/reference/toynn/" + type + ".html"), "no reference page for " + type);
            assertTrue(entries.contains("toynn/src/toynn/" + type + ".java"), "no source for " + type);
        }
    }

    @Test
    void libraryPropertiesHasEveryFieldProcessingReads() throws IOException {
        Properties p = new Properties();
        try (ZipFile zip = new ZipFile(ZIP.toFile());
             InputStream in = zip.getInputStream(zip.getEntry("toynn/library.properties"))) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (String key : List.of("name", "version", "prettyVersion", "authors", "url", "categories", "sentence",
                "paragraph", "minRevision", "maxRevision")) {
            String v = p.getProperty(key);
            assertNotNull(v, "library.properties has no " + key);
            assertFalse(v.isBlank(), key + " is empty");
            assertFalse(v.contains("${"), key + " was not filtered: " + v);
        }
        assertEquals("ToyNN", p.getProperty("name"));
        assertTrue(Integer.parseInt(p.getProperty("version")) >= 1, "version must be an integer ≥ 1");
        String pretty = p.getProperty("prettyVersion");
        assertFalse(pretty.contains(" "), "prettyVersion must be one word: " + pretty);
        String mavenVersion = System.getProperty("toynn.version");
        if (mavenVersion != null) {
            assertEquals(mavenVersion, pretty, "prettyVersion should be the Maven version");
        }
        assertTrue(p.getProperty("url").startsWith("https://"), "url: " + p.getProperty("url"));
        for (String c : p.getProperty("categories").split(",")) {
            assertTrue(CATEGORIES.contains(c.trim()), "unknown category " + c);
        }
        int min = Integer.parseInt(p.getProperty("minRevision"));
        int max = Integer.parseInt(p.getProperty("maxRevision"));
        assertTrue(min >= 1285, "minRevision " + min + ": the jar needs Java 17, i.e. Processing 4.0 (1285) or later");
        assertTrue(max == 0 || max >= min, "maxRevision " + max + " is below minRevision " + min);
    }

    @Test
    void theJarHoldsTheCoreAndGsonForJava17AndNothingElse() throws IOException {
        Set<String> jar = new TreeSet<>();
        byte[] networkClass = null;
        try (ZipFile zip = new ZipFile(ZIP.toFile());
             ZipInputStream in = new ZipInputStream(zip.getInputStream(zip.getEntry("toynn/library/toynn.jar")))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                jar.add(e.getName());
                if (e.getName().equals("toynn/NeuralNetwork.class")) {
                    networkClass = in.readAllBytes();
                }
            }
        }
        assertTrue(jar.contains("toynn/NeuralNetwork.class"), "the core is not in toynn.jar");
        assertTrue(jar.contains("toynn/version.properties"), "the core's resources are not in toynn.jar");
        assertTrue(jar.contains("toynn/shaded/gson/Gson.class"), "Gson is not shaded (relocated) into toynn.jar");
        for (String e : jar) {
            assertFalse(e.startsWith("com/google/gson/"), "Gson must be relocated, or it clashes with other libraries' Gson: " + e);
            assertFalse(e.startsWith("processing/"), "Processing's own classes must not be in toynn.jar: " + e);
            assertFalse(e.endsWith("module-info.class"), "a module descriptor in a merged jar misleads: " + e);
            assertFalse(e.startsWith("META-INF/maven/"), "Maven metadata of merged jars: " + e);
        }
        assertNotNull(networkClass);
        int major = ((networkClass[6] & 0xff) << 8) | (networkClass[7] & 0xff);
        assertEquals(61, major, "class files must target Java 17 (major 61) for Processing 4");
    }

    @Test
    void theJarAloneTrainsAndSavesANetwork(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("toynn.jar");
        try (ZipFile zip = new ZipFile(ZIP.toFile());
             InputStream in = zip.getInputStream(zip.getEntry("toynn/library/toynn.jar"))) {
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        // Only the JDK and toynn.jar: what a sketch has besides Processing's core.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> nnClass = loader.loadClass("toynn.NeuralNetwork");
            assertEquals(loader, nnClass.getClassLoader(), "toynn.NeuralNetwork was not loaded from toynn.jar");
            Object nn = nnClass.getMethod("seeded", long.class, int[].class).invoke(null, 7L, new int[] {2, 3, 1});
            Method train = nnClass.getMethod("train", double[].class, double[].class);
            Method predict = nnClass.getMethod("predict", double[].class);
            double[] x = {1, 0};
            double before = ((double[]) predict.invoke(nn, (Object) x))[0];
            for (int i = 0; i < 200; i++) {
                train.invoke(nn, x, new double[] {1});
            }
            double after = ((double[]) predict.invoke(nn, (Object) x))[0];
            assertTrue(after > before, "training towards 1 should raise the output: " + before + " → " + after);

            String json = (String) nnClass.getMethod("toJson").invoke(nn);      // Gson, from inside toynn.jar
            Object back = nnClass.getMethod("fromJson", String.class).invoke(null, json);
            assertArrayEquals((double[]) predict.invoke(nn, (Object) x), (double[]) predict.invoke(back, (Object) x));
            assertEquals(loader, loader.loadClass("toynn.shaded.gson.Gson").getClassLoader());
        }
    }
}
