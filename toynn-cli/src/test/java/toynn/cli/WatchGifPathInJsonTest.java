package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toynn evolve --watch --json} without a display prints the {@code "gif"} path as the user gave
 * {@code --out}, the way the done line prints {@code "model"}: a relative folder stays relative (the GIF
 * path used to be made absolute).
 */
class WatchGifPathInJsonTest {

    @Test
    void theGifIsNamedAsTheModelIs(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(GraphicsEnvironment.isHeadless(), "a display is present; the window path is not tested");
        Path out = Path.of("").toAbsolutePath().relativize(dir.resolve("evolve").toAbsolutePath());
        assertFalse(out.isAbsolute(), out.toString());
        EvolveCommandTest.Result r = EvolveCommandTest.run("evolve", "xor", "--population", "10", "--generations", "2",
                "--json", "--watch", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        JsonObject watch = JsonParser.parseString(lines.get(lines.size() - 2)).getAsJsonObject();
        JsonObject done = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        assertEquals("watch", watch.get("event").getAsString());
        assertEquals(out.resolve("best-run.gif").toString(), watch.get("gif").getAsString());
        assertEquals(out.resolve("best.json").toString(), done.get("model").getAsString());
        assertTrue(Files.size(out.resolve("best-run.gif")) > 0);
    }
}
