package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the {@code ./toynn} launcher finds its jar, Java and Maven on a machine set up in some other way
 * than the repository's: run through a symlink, with {@code TOYNN_JAVA} pointing at nothing, without
 * Maven. Each case ends in the command running or in one line naming what to fix, exit code 2, rather
 * than bash's "No such file or directory" or a Maven build started in the wrong folder.
 */
@Timeout(120)
class LauncherSetupTest {
    @TempDir
    Path dir;

    private Path home;
    private Path launcher;

    /** What a run of the launcher left: exit code, stdout, stderr. */
    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void copyLauncher() throws Exception {
        assumeTrue(Files.isRegularFile(LauncherHome.launcher()) && LauncherHome.onPath("bash") != null,
                "needs the launcher and bash; skipping");
        home = dir.resolve("toynn-home");
        launcher = LauncherHome.create(home);
    }

    @Test
    void runsThroughASymlinkFromAnotherFolder() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("toynn"), Path.of("..", "toynn-home", "toynn"));
        Path outer = Files.createSymbolicLink(dir.resolve("tn"), Path.of("bin", "toynn"));   // a link to a link

        Run r = run(outer, Map.of("TOYNN_JAVA", LauncherHome.java()), "--version");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("toynn "), r.out());
        assertTrue(Files.exists(link), "the link is left alone");
        assertTrue(!Files.exists(bin.resolve("toynn-cli")) && !r.err().contains("build"),
                "nothing is built beside the link: " + r.err());
    }

    @Test
    void toynnJavaThatIsNotThereIsNamed() throws Exception {
        Path missing = dir.resolve("no-jdk/bin/java");

        Run r = run(launcher, Map.of("TOYNN_JAVA", missing.toString()), "--version");

        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("toynn: TOYNN_JAVA=" + missing + " is not an executable program; expected the bin/java "
                + "of a JDK 17 or newer (or leave it unset to use the one found)"), r.err().lines().toList());
    }

    @Test
    void toynnJavaThatIsAJdkFolderSaysWhereItsJavaIs() throws Exception {
        Path jdk = Files.createDirectories(dir.resolve("jdk"));

        Run r = run(launcher, Map.of("TOYNN_JAVA", jdk.toString()), "--version");

        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("toynn: TOYNN_JAVA=" + jdk + " is a folder; expected the java program itself, like "
                + jdk + "/bin/java"), r.err().lines().toList());
    }

    @Test
    void withoutMavenAStaleJarStillRunsAndAMissingOneSaysWhatToInstall() throws Exception {
        Path tools = pathWithout("mvn");
        Path source = home.resolve("toynn-cli/src/main/java/Changed.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Changed {}\n");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));   // newer than the jar

        Run stale = run(launcher, Map.of("TOYNN_JAVA", LauncherHome.java(), "PATH", tools.toString()), "--version");

        assertEquals(0, stale.code(), stale.err());
        assertTrue(stale.out().startsWith("toynn "), stale.out());
        assertTrue(stale.err().contains("Maven (mvn) is not on the PATH to rebuild it; running the jar as it is"),
                stale.err());

        Files.delete(home.resolve("toynn-cli/target/toynn.jar"));
        Run none = run(launcher, Map.of("TOYNN_JAVA", LauncherHome.java(), "PATH", tools.toString()), "--version");

        assertEquals(2, none.code(), none.err());
        assertEquals(List.of("toynn: building " + home.resolve("toynn-cli/target/toynn.jar") + " needs Maven 3.8+ "
                        + "(mvn), which is not on the PATH; install it (Debian/Ubuntu: sudo apt-get install maven) and "
                        + "run ./toynn again"), none.err().lines().toList());
    }

    /** A folder of wrappers of the programs the launcher uses, all but {@code left}: a PATH for a machine without it. */
    private Path pathWithout(String left) throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String program : List.of("bash", "env", "perl", "find", "dirname", "readlink", "mktemp", "cat", "rm",
                "uname")) {
            Path p = LauncherHome.onPath(program);
            assumeTrue(p != null || program.equals("perl"), "needs " + program + "; skipping");
            if (p != null && !program.equals(left)) {        // a script, not a link: JUnit warns about those
                Path wrapper = tools.resolve(program);
                Files.writeString(wrapper, "#!/bin/sh\nexec '" + p + "' \"$@\"\n");
                assumeTrue(wrapper.toFile().setExecutable(true), "cannot make scripts executable here; skipping");
            }
        }
        return tools;
    }

    private Run run(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LauncherHome.onPath("bash").toString(),
                script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not end");
        String err = Files.readString(dir.resolve("stderr.txt")).lines()
                .filter(l -> !l.startsWith("WARNING: ")).reduce("", (a, b) -> a + b + "\n");
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout.txt")), err);
    }
}
