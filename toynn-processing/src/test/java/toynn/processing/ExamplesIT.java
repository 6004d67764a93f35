package toynn.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import processing.core.PApplet;

/**
 * Every example in the library zip compiles against Processing's core and the zip's
 * {@code library/toynn.jar} alone (as in the Processing editor), then runs headless under Xvfb for a
 * number of frames with scripted key and mouse input, and saves frames that must not be blank.
 * Runs after {@code package} (failsafe), on the zip a user would unzip.
 */
class ExamplesIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path ZIP = TARGET.resolve("toynn-processing.zip");
    static final Path WORK = TARGET.resolve("examples-it");

    /** What each example's user does during its run: SketchRunner actions, FRAME:KIND:ARG. */
    static final Map<String, List<String>> SCRIPTS = Map.of(
            "XOR", List.of("2:save:first", "20:key:+", "25:key:-", "30:press:200,420", "31:drag:260,420",
                    "32:drag:300,420", "33:release:300,420", "40:key:r"),
            "ColorPredictor", clicks(),
            "TrainingStep", List.of("2:save:first", "5:key:space", "6:key:space", "7:press:450,300",
                    "7:release:450,300", "8:key:e", "9:key:space", "10:key:f", "11:key:space", "12:key:e",
                    "13:key:space"),
            "DigitRecognizer", List.of("2:save:first", "5:key:n", "10:key:n", "15:key:c", "20:press:150,80",
                    "21:drag:150,120", "22:drag:150,170", "23:drag:150,220", "24:drag:150,270", "25:drag:150,300",
                    "26:release:150,300", "30:save:drawn", "40:key:c", "42:key:n"),
            "NeuroevolutionFlappy", List.of("2:save:first", "5:key:+", "6:key:+", "7:key:+", "8:key:+", "9:key:=",
                    "50:key:-"));
    static final int FRAMES = 60;

    static Path coreJar;
    static Path libraryJar;
    static Xvfb xvfb;

    private static List<String> clicks() {
        List<String> s = new ArrayList<>(List.of("2:save:first"));
        for (int f = 5; f < 45; f += 2) {
            s.add(f + ":click:" + (f % 4 == 1 ? "150,150" : "450,150"));   // left = black, right = white
        }
        s.add("50:key:r");
        s.add("52:click:150,150");
        return s;
    }

    @BeforeAll
    static void unpackLibrary() throws Exception {
        assertTrue(Files.isRegularFile(ZIP), ZIP + " is missing; run `mvn package` first");
        Files.createDirectories(WORK);
        libraryJar = WORK.resolve("toynn.jar");
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            ZipEntry e = zip.getEntry("toynn/library/toynn.jar");
            assertNotNull(e, "the zip has no toynn/library/toynn.jar");
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, libraryJar, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        coreJar = codeSource(PApplet.class);
        Optional<Path> exe = Xvfb.executable();
        if (exe.isPresent()) {
            xvfb = Xvfb.start(exe.get(), WORK.resolve("xvfb.log"));
        }
    }

    @AfterAll
    static void stopXvfb() {
        if (xvfb != null) {
            xvfb.close();
        }
    }

    static Stream<String> examples() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.matches("toynn/examples/[^/]+/[^/]+\\.pde"))
                    .forEach(n -> names.add(n.split("/")[2]));
        }
        names.sort(null);
        return names.stream();
    }

    @Test
    void everyExampleHasAScript() throws IOException {
        List<String> names = examples().toList();
        assertTrue(names.size() >= 3, "examples found in the zip: " + names);
        for (String name : names) {
            assertTrue(SCRIPTS.containsKey(name), "no run script for example " + name + "; add one to SCRIPTS");
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void compilesAgainstProcessingCore(String name) throws IOException {
        compile(name);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void runsHeadlessAndDraws(String name) throws Exception {
        assumeTrue(xvfb != null, "Xvfb is not installed (Debian package xvfb); not running the sketches");
        Path classes = compile(name);
        Path out = WORK.resolve("frames").resolve(name);
        Files.createDirectories(out);
        try (Stream<Path> old = Files.list(out)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }

        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp", String.join(File.pathSeparator, coreJar.toString(), libraryJar.toString(),
                        classes.toString(), codeSource(SketchRunner.class).toString()),
                SketchRunner.class.getName(), name, String.valueOf(FRAMES), out.toString()));
        cmd.addAll(SCRIPTS.getOrDefault(name, List.of()));
        Path log = out.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISPLAY", xvfb.display());
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(name + " did not finish in 90 s; output:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), name + " failed; output:\n" + output);
        assertTrue(output.contains("ran " + FRAMES + " frames"), output);
        assertFalse(output.contains("Some characters not available"),
                name + " writes characters Processing's default font lacks; output:\n" + output);

        BufferedImage last = read(out.resolve("final.png"));
        assertNotBlank(name + " final frame", last);
        for (String action : SCRIPTS.get(name)) {
            String[] a = action.split(":");
            if (a[1].equals("save")) {
                BufferedImage saved = read(out.resolve(a[2] + ".png"));
                assertNotBlank(name + " frame " + a[0], saved);
                assertTrue(differingPixels(saved, last) > 100,
                        name + ": the last frame should differ from frame " + a[0] + " after training and input");
            }
        }
    }

    /** Preprocesses and compiles one example against core.jar + toynn.jar only; returns the class folder. */
    static Path compile(String name) throws IOException {
        String pde;
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            ZipEntry e = zip.getEntry("toynn/examples/" + name + "/" + name + ".pde");
            assertNotNull(e, "no .pde for " + name);
            try (InputStream in = zip.getInputStream(e)) {
                pde = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        String java = PdePreprocessor.toJava(name, pde);
        Path classes = WORK.resolve("classes").resolve(name);
        Files.createDirectories(classes);
        Files.writeString(WORK.resolve("classes").resolve(name + ".java"), java);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no Java compiler in this JRE");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return java;
                }
            };
            List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8",
                    "-classpath", coreJar + File.pathSeparator + libraryJar, "-d", classes.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(source)).call();
            if (!ok) {
                StringBuilder msg = new StringBuilder(name + ".pde does not compile against Processing's core:\n");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        msg.append("  line ").append(d.getLineNumber()).append(": ")
                                .append(d.getMessage(Locale.ROOT)).append('\n');
                    }
                }
                msg.append("generated Java:\n").append(numbered(java));
                fail(msg.toString());
            }
        }
        assertTrue(Files.isRegularFile(classes.resolve(name + ".class")), "no " + name + ".class written");
        return classes;
    }

    /** Not blank: several colours, and no single colour covering (almost) the whole frame. */
    static void assertNotBlank(String what, BufferedImage img) {
        assertTrue(img.getWidth() >= 100 && img.getHeight() >= 100, what + " is only " + img.getWidth() + "×"
                + img.getHeight());
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                counts.merge(img.getRGB(x, y) & 0xffffff, 1, Integer::sum);
            }
        }
        int total = img.getWidth() * img.getHeight();
        int most = counts.values().stream().max(Integer::compare).orElse(0);
        assertTrue(counts.size() >= 8, what + " has only " + counts.size() + " colours");
        assertTrue(most < total * 0.97, what + " is almost one colour (" + most + " of " + total + " pixels)");
    }

    static int differingPixels(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    static BufferedImage read(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), "no frame saved at " + png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " is not a readable image");
        return img;
    }

    static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the classes of " + c.getName(), e);
        }
    }

    static String numbered(String text) {
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }
}
