package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void xorDemoLearnsTheTruthTable() {
        Cli.Result r = Cli.run("demo", "xor");
        assertEquals(0, r.exitCode(), r.toString());
        long right = r.outLines().stream().filter(l -> l.matches("\\s+[01]\\s+[01] \\|.*✓")).count();
        assertEquals(4, right, "every row of the truth table should be learned: " + r.out());
    }

    @Test
    void digitsDemoLearnsAndDrawsTestDigits() {
        Cli.Result r = Cli.run("demo", "digits");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(8, r.outLines().stream().filter(l -> l.matches("\\s+\\[#+\\s*\\] epoch \\d/8 .*")).count(), r.out());
        String acc = r.outLines().stream().filter(l -> l.startsWith("Test accuracy: ")).findFirst().orElseThrow();
        double accuracy = Double.parseDouble(acc.replaceAll("Test accuracy: ([0-9.]+)%.*", "$1"));
        assertTrue(accuracy >= 90, acc);
        // Eight rows of ASCII art with six digits side by side, then one guess under each.
        java.util.List<String> lines = r.outLines();
        int captions = lines.size() - 1;
        assertEquals(DigitsDemo.SHOWN, lines.get(captions).split("→").length - 1, lines.get(captions));
        for (int y = captions - 8; y < captions; y++) {
            assertTrue(lines.get(y).chars().anyMatch(c -> "#%@".indexOf(c) >= 0), "art row " + y + ": " + lines.get(y));
        }
    }

    @Test
    void helpShowsTheDemoIsOptional() {
        Cli.Result r = Cli.run("demo", "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Usage: toynn demo [-hV] [--debug] [--seed=<seed>] [<demo>]"), r.out());
        assertTrue(r.out().contains("(default xor)"), r.out());
    }

    @Test
    void unknownDemoIsOneLineNamingTheDemos() {
        MainTest.assertOneLineError(Cli.run("demo", "chess"), "chess", "xor");
    }
}
