package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * An {@code --out} folder that cannot be written is refused before {@code train} or {@code evolve} runs,
 * naming the folder. Before, the whole run went by and then failed at the first checkpoint or at the
 * model ("cannot access DIR/.model.json.7926110720205598112.tmp: permission denied"), or, for a folder that
 * could not be made, said "AccessDeniedException". Made real without permissions, which root ignores:
 * Linux's sysfs refuses new files and folders even to root.
 */
class OutputFolderTest {
    private static final Path SYSFS = Path.of("/sys/kernel");

    private static void assumeSysfs() {
        assumeTrue(Files.isDirectory(SYSFS), "needs Linux's /sys; skipping");
        assumeFalse(Files.exists(SYSFS.resolve("toynn-out")), "unexpected folder in /sys; skipping");
    }

    @Test
    void trainRefusesAFolderItCannotWriteBeforeTraining() {
        assumeSysfs();
        Cli.Result r = Cli.run("train", "--data", "xor", "--epochs", "3", "--checkpoint-every", "0", "--json",
                "--out", SYSFS.toString());
        MainTest.assertOneLineError(r, "cannot write into the --out folder " + SYSFS + ": ",
                "give --out a folder you may write");
        assertFalse(r.errLines().get(0).contains(".tmp"), r.toString());
        assertEquals("", r.out(), "no epoch was trained before the error");
    }

    @Test
    void evolveRefusesAFolderItCannotWriteBeforeEvolving() {
        assumeSysfs();
        Cli.Result r = Cli.run("evolve", "xor", "--generations", "2", "--population", "10", "--json",
                "--out", SYSFS.toString());
        MainTest.assertOneLineError(r, "cannot write into the --out folder " + SYSFS + ": ",
                "give --out a folder you may write");
        assertEquals("", r.out(), "no generation ran before the error");
    }

    @Test
    void aFolderThatCannotBeMadeSaysWhyAndWhatToDo() {
        assumeSysfs();
        Path out = SYSFS.resolve("toynn-out");
        Cli.Result r = Cli.run("train", "--data", "xor", "--epochs", "1", "--out", out.toString());
        MainTest.assertOneLineError(r, "cannot make the --out folder " + out + ": ", "; give --out a folder you may write");
        assertFalse(Files.exists(out));
    }
}
