package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.NeuralNetwork;
import toynn.evolve.env.XorTask;

/** {@code toynn evolve}, run in this process through {@link Main#run}. */
class EvolveCommandTest {

    /** What one run printed. */
    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void xorWithJsonWritesGenerationLinesTheModelAndTheChart(@TempDir Path dir) throws Exception {
        Result r = run("evolve", "xor", "--generations", "25", "--population", "80", "--seed", "3", "--json",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        assertEquals(26, lines.size(), r.out());
        double bestSeen = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < 25; g++) {
            JsonObject o = JsonParser.parseString(lines.get(g)).getAsJsonObject();
            assertEquals("generation", o.get("event").getAsString());
            assertEquals(g, o.get("generation").getAsInt());
            double best = o.get("best_fitness").getAsDouble();
            double mean = o.get("mean_fitness").getAsDouble();
            double worst = o.get("worst_fitness").getAsDouble();
            assertTrue(worst <= mean && mean <= best && best <= 1, lines.get(g));
            assertTrue(o.get("diversity").getAsDouble() > 0, lines.get(g));
            bestSeen = Math.max(bestSeen, best);
        }
        JsonObject done = JsonParser.parseString(lines.get(25)).getAsJsonObject();
        assertEquals("done", done.get("event").getAsString());
        assertEquals(25, done.get("generations").getAsInt());
        assertEquals(bestSeen, done.get("best_fitness").getAsDouble());
        Path model = Path.of(done.get("model").getAsString());
        assertEquals(dir.resolve("best.json").toAbsolutePath(), model);
        NeuralNetwork best = NeuralNetwork.load(model);
        assertEquals(bestSeen, new XorTask().fitness(best), "the saved network scores the reported best fitness");

        BufferedImage png = ImageIO.read(dir.resolve("fitness.png").toFile());
        assertEquals(800, png.getWidth());
        assertEquals(500, png.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 2) {
            for (int x = 0; x < png.getWidth(); x += 2) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "a chart, not a blank image: " + colours.size() + " colours");
    }

    @Test
    void sameSeedSameLinesOnOneAndTwoThreads(@TempDir Path dir) {
        Result one = run("evolve", "cartpole", "--generations", "4", "--population", "40", "--json", "--threads", "1",
                "--out", dir.resolve("a").toString());
        Result two = run("evolve", "cartpole", "--generations", "4", "--population", "40", "--json", "--threads", "2",
                "--out", dir.resolve("b").toString());
        assertEquals(0, one.code(), one.err());
        assertEquals(0, two.code(), two.err());
        assertEquals(one.lines().subList(0, 4), two.lines().subList(0, 4));
    }

    @Test
    void unknownEnvironmentIsOneLineAndExitCode2(@TempDir Path dir) {
        Result r = run("evolve", "pong", "--out", dir.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("unknown environment 'pong'") && r.err().contains("cartpole, flappy, xor"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void sparkWithoutTheSparkModuleSaysWhatIsMissing(@TempDir Path dir) {
        Result r = run("evolve", "xor", "--generations", "1", "--out", dir.toString(), "--spark", "local[2]");
        assertEquals(2, r.code());
        assertEquals("toynn: --spark needs the toynn-spark module and Apache Spark on the class path, and they "
                + "are not there; run through ./toynn, which adds them when --spark is given", r.err().strip());
    }

    @Test
    void unknownOptionIsOneLineAndExitCode2(@TempDir Path dir) {
        Result r = run("evolve", "xor", "--populaton", "10", "--out", dir.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("unknown option '--populaton'"), r.err());
        Result bad = run("evolve", "xor", "--population", "1", "--out", dir.toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("--population"), bad.err());
        Result many = run("evolve", "xor", "--threads", "100000", "--out", dir.toString());   // before any thread starts
        assertEquals(2, many.code());
        assertEquals("toynn: --threads must be from 1 to 1024, got 100000", many.err().strip());
    }

    /**
     * A tournament larger than the population only spends draws (k per pick): --tournament-size 1000000 with
     * 10 networks used to run, drawing a million indices per parent. Refused with the allowed range, as is 0.
     */
    @Test
    void tournamentSizeOutsideOneToThePopulationIsOneLineAndExitCode2(@TempDir Path dir) {
        Result huge = run("evolve", "xor", "--population", "10", "--generations", "1", "--tournament-size", "1000000",
                "--out", dir.toString());
        assertEquals(2, huge.code(), huge.err());
        assertEquals("toynn: --tournament-size must be from 1 to the population size 10, got 1000000",
                huge.err().strip());
        Result zero = run("evolve", "xor", "--population", "10", "--generations", "1", "--tournament-size", "0",
                "--out", dir.toString());
        assertEquals(2, zero.code(), zero.err());
        assertEquals("toynn: --tournament-size must be from 1 to the population size 10, got 0", zero.err().strip());
        Result all = run("evolve", "xor", "--population", "10", "--generations", "2", "--tournament-size", "10",
                "--json", "--out", dir.toString());
        assertEquals(0, all.code(), all.err());
    }

    /**
     * The smallest population, 2, runs without --tournament-size: the default 3 becomes 2 there (it was refused
     * as "--tournament-size must be from 1 to the population size 2, got 3", an option nobody gave), while a 3
     * that is given is still refused.
     */
    @Test
    void theDefaultTournamentFitsAPopulationOfTwo(@TempDir Path dir) {
        Result pair = run("evolve", "xor", "--population", "2", "--elitism", "1", "--generations", "2", "--json",
                "--out", dir.toString());
        assertEquals(0, pair.code(), pair.err());
        assertEquals(2, JsonParser.parseString(pair.lines().get(pair.lines().size() - 1)).getAsJsonObject()
                .get("generations").getAsInt());
        Result given = run("evolve", "xor", "--population", "2", "--elitism", "1", "--generations", "2",
                "--tournament-size", "3", "--out", dir.toString());
        assertEquals(2, given.code(), given.err());
        assertEquals("toynn: --tournament-size must be from 1 to the population size 2, got 3", given.err().strip());
    }

    /** A population that cannot fit in the heap was an OutOfMemoryError with a stack trace and exit code 1. */
    @Test
    void populationTooLargeForMemoryIsOneLineAndExitCode2(@TempDir Path dir) {
        Result r = run("evolve", "xor", "--population", "2000000000", "--generations", "1", "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("--population 2000000000") && r.err().contains("memory"), r.err());
        assertFalse(r.err().contains("Error"), r.err());
        assertEquals("", r.out());
    }

    /** --out naming a file was "cannot write to F: F", which did not say what was wrong. */
    @Test
    void outThatIsAFileIsOneLineSayingSo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        Result r = run("evolve", "xor", "--population", "10", "--generations", "1", "--out", file.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("toynn: --out " + file + " is a file; give a directory (it is created if missing)", r.err().strip());
        Result under = run("evolve", "xor", "--population", "10", "--generations", "1", "--out",
                file.resolve("sub").toString());
        assertEquals("toynn: --out " + file.resolve("sub") + ": " + file + " is a file, not a folder; give a directory "
                + "(it is created if missing)", under.err().strip());
        assertEquals("keep me", Files.readString(file));
    }

    /** An embedding program's streams (Main.run(out, err, …)) get evolve's output, as they get every command's. */
    @Test
    void writesToTheStreamsMainRunIsGiven(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        ByteArrayOutputStream leaked = new ByteArrayOutputStream();
        System.setOut(new PrintStream(leaked, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    "evolve", "xor", "--population", "10", "--generations", "2", "--json", "--out", dir.toString());
        } finally {
            System.setOut(systemOut);
        }
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertEquals(3, out.toString(StandardCharsets.UTF_8).lines().count(), out.toString(StandardCharsets.UTF_8));
        assertEquals("", leaked.toString(StandardCharsets.UTF_8), "nothing on System.out");
    }

    /** Without a display --watch writes an animated GIF of the best run and says so. */
    @Test
    void watchWithoutDisplayWritesAnAnimatedGif(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(GraphicsEnvironment.isHeadless(), "a display is present; the window path is not tested");
        Result r = run("evolve", "cartpole", "--generations", "3", "--population", "30", "--json", "--watch",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        JsonObject watch = JsonParser.parseString(lines.get(lines.size() - 2)).getAsJsonObject();
        assertEquals("watch", watch.get("event").getAsString());
        assertFalse(watch.get("display").getAsBoolean());
        Path gif = Path.of(watch.get("gif").getAsString());
        assertTrue(Files.size(gif) > 0);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            int frames = reader.getNumImages(true);
            assertEquals(watch.get("frames").getAsInt(), frames);
            assertTrue(frames > 1, "animated: " + frames + " frames");
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertEquals("2", gce.getAttribute("delayTime"), "a cart-pole step lasts 0.02 s");
            BufferedImage first = reader.read(0);
            assertEquals(480, first.getWidth());
            // the light background of the palette, not a generic one
            assertEquals(0xF5F5F0, first.getRGB(2, first.getHeight() - 2) & 0xFFFFFF);
        } finally {
            reader.dispose();
        }
    }

    /** The GIF goes through a temporary file (owner-only); it ends up readable like best.json beside it. */
    @Test
    void theWatchGifHasTheModelsPermissions(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(GraphicsEnvironment.isHeadless(), "a display is present; the window path is not tested");
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "no POSIX permissions here");
        Result r = run("evolve", "xor", "--generations", "2", "--population", "10", "--watch", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("best.json"))),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("best-run.gif"))));
    }

    /**
     * Without --threads the default is the machine's cores, capped at Population.MAX_THREADS: on a machine
     * with more cores (faked with -XX:ActiveProcessorCount) the run used to fail with
     * "--threads must be from 1 to 1024, got 1100" although no --threads was given.
     */
    @Test
    void moreCoresThanTheThreadLimitIsNoError(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=1100", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "evolve", "xor", "--generations", "2", "--population", "10", "--json",
                "--out", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(Files.exists(dir.resolve("best.json")), output);
    }
}
