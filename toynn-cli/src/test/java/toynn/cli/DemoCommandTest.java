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
    void unknownDemoIsOneLineNamingTheDemos() {
        MainTest.assertOneLineError(Cli.run("demo", "chess"), "chess", "xor");
    }
}
