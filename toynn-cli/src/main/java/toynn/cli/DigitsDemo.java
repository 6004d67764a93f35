package toynn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.data.TrainTest;
import toynn.train.Adam;
import toynn.train.EpochEvent;
import toynn.train.FitOptions;
import toynn.train.TrainingListener;

/** {@code toynn demo digits}: the bundled 8×8 digits learned, then a few test digits drawn beside the guesses. */
final class DigitsDemo {
    /** Dark to bright: one character per gray level. */
    private static final String RAMP = " .:-=+*#%@";
    /** How many test digits are drawn. */
    static final int SHOWN = 6;

    private DigitsDemo() {
    }

    /** Trains a 64-32-10 network for a few epochs and prints progress, the test accuracy and some digits. */
    static NeuralNetwork run(PrintStream out, long seed) throws IOException {
        TrainTest tt = DataLoading.load("digits", null, null, 0.2, seed);
        DataSet train = tt.train();
        DataSet test = tt.test();
        int epochs = 8;
        NeuralNetwork nn = NeuralNetwork.builder().inputs(train.inputSize())
                .dense(32, ActivationFunction.RELU).dense(train.targetSize(), ActivationFunction.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Adam.of(0.01)).seed(seed).build();
        out.printf(Locale.ROOT, "Learning the bundled digits (%,d images of 8×8 pixels) with a 64-32-10 network "
                + "(relu, softmax, cross-entropy, Adam), seed %d%n", train.size(), seed);
        nn.fit(train, FitOptions.create().epochs(epochs).batchSize(32).seed(seed).listener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochEvent e) {
                int bar = (int) Math.round(30.0 * e.epoch() / e.epochs());
                out.printf(Locale.ROOT, "  [%-30s] epoch %d/%d  loss %.4f  accuracy %.1f%%%n", "#".repeat(bar), e.epoch(),
                        e.epochs(), e.trainLoss(), 100 * e.trainAccuracy());
            }
        }));
        double accuracy = nn.evaluate(test).accuracy();
        out.printf(Locale.ROOT, "%nTest accuracy: %.1f%% on %,d digits it never saw. Some of them, with the network's guess:%n%n",
                100 * accuracy, test.size());
        draw(out, nn, test, pick(nn, test));
        return nn;
    }

    /** The first test digits, including the first mistake (if any) so that one wrong guess is shown too. */
    private static List<Integer> pick(NeuralNetwork nn, DataSet test) {
        List<Integer> shown = new ArrayList<>();
        int mistake = -1;
        for (int i = 0; i < test.size() && mistake < 0; i++) {
            if (guess(nn, test, i) != test.label(i)) {
                mistake = i;
            }
        }
        for (int i = 0; shown.size() < (mistake < 0 ? SHOWN : SHOWN - 1) && i < test.size(); i++) {
            if (i != mistake) {
                shown.add(i);
            }
        }
        if (mistake >= 0) {
            shown.add(mistake);
        }
        return shown;
    }

    private static float[] input(DataSet d, int i) {
        float[] x = new float[d.inputSize()];
        System.arraycopy(d.inputs(), i * x.length, x, 0, x.length);
        return x;
    }

    private static int guess(NeuralNetwork nn, DataSet d, int i) {
        return TrainCommand.argmax(nn.predict(input(d, i)));
    }

    /** Draws the digits side by side, each pixel as two characters, with the guess under each. */
    static void draw(PrintStream out, NeuralNetwork nn, DataSet test, List<Integer> indices) {
        int side = 8;
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < side; y++) {
            sb.append("  ");
            for (int i : indices) {
                float[] x = input(test, i);
                for (int px = 0; px < side; px++) {
                    float v = Math.max(0, Math.min(1, x[y * side + px]));
                    char c = RAMP.charAt(Math.min(RAMP.length() - 1, (int) (v * RAMP.length())));
                    sb.append(c).append(c);
                }
                sb.append("    ");
            }
            sb.append('\n');
        }
        sb.append("  ");
        for (int i : indices) {
            float[] y = nn.predict(input(test, i));
            int g = TrainCommand.argmax(y);
            String cell = String.format(Locale.ROOT, "→ %s %.0f%% %s", test.classNames().get(g), 100 * y[g],
                    g == test.label(i) ? "✓" : "✗ (" + test.classNames().get(test.label(i)) + ")");
            sb.append(String.format(Locale.ROOT, "%-" + (2 * side + 4) + "s", cell));
        }
        out.println(sb.toString().stripTrailing());
    }
}
