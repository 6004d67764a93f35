package toynn.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import toynn.NeuralNetwork;
import toynn.util.Rng;

/** {@code toynn demo [xor|digits]}: the lecture in motion — XOR with its truth table, or the digits drawn in ASCII. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Shows a network learning: xor or digits.",
            "  xor     the truth table, learned by the lecture's backpropagation;",
            "  digits  the bundled 8×8 handwritten digits, then a few test digits drawn beside the guesses."})
public final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", arity = "0..1", defaultValue = "xor",
            description = "Which demo: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Demo demo = Demo.xor;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the initial weights (default ${DEFAULT-VALUE}).")
    long seed = 1;

    /** The demos. */
    enum Demo { xor, digits }

    @Override
    public Integer call() throws Exception {
        if (demo == Demo.digits) {
            DigitsDemo.run(main.out(), seed);
        } else {
            xor(main.out(), seed);
        }
        return 0;
    }

    static final double[][] XOR_IN = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final double[][] XOR_OUT = {{0}, {1}, {1}, {0}};

    /** Trains a 2-4-1 network on XOR with the lecture's train(), printing progress and the truth table. */
    static NeuralNetwork xor(PrintStream out, long seed) {
        NeuralNetwork nn = NeuralNetwork.seeded(seed, 2, 4, 1);
        nn.setLearningRate(0.5);
        out.println("Learning XOR with a 2-4-1 sigmoid network (seed " + seed + ", learning rate 0.5)");
        Rng rng = new Rng(seed);
        int steps = 20_000;
        for (int s = 1; s <= steps; s++) {
            int i = rng.nextInt(4);                 // a random example each step, as in the lecture
            nn.train(XOR_IN[i], XOR_OUT[i]);
            if (s % 2_000 == 0) {
                double loss = 0;
                for (int k = 0; k < 4; k++) {
                    double e = XOR_OUT[k][0] - nn.predict(XOR_IN[k])[0];
                    loss += e * e / 4;
                }
                int bar = (int) Math.round(30.0 * s / steps);
                out.printf(Locale.ROOT, "  [%-30s] step %6d  mean squared error %.5f%n", "#".repeat(bar), s, loss);
            }
        }
        out.println();
        out.println("  a  b | a XOR b | network");
        out.println("  -----+---------+--------");
        for (int k = 0; k < 4; k++) {
            double y = nn.predict(XOR_IN[k])[0];
            out.printf(Locale.ROOT, "  %d  %d |    %d    | %.4f  %s%n", (int) XOR_IN[k][0], (int) XOR_IN[k][1],
                    (int) XOR_OUT[k][0], y, (y > 0.5) == (XOR_OUT[k][0] > 0.5) ? "✓" : "✗");
        }
        return nn;
    }
}
