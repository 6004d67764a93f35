package toynn.cli.progress;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The interactive view: a progress bar per epoch (batches done, loss, accuracy, samples/s), then a
 * summary line per finished epoch. Drawn on stderr so stdout keeps only results.
 */
public final class EpochProgressBar implements TrainingReporter {
    private final PrintStream stream;
    private final boolean animated;
    private ProgressBar bar;
    private int barEpoch = -1;

    /**
     * Draws on {@code stream}; {@code animated} false (output to a file or pipe) prints only the line
     * per epoch, without the redrawn bar.
     */
    public EpochProgressBar(PrintStream stream, boolean animated) {
        this.stream = stream;
        this.animated = animated;
    }

    /** Whether this process talks to a terminal (else bars would litter a log with redraws). */
    public static boolean terminal() {
        return System.console() != null;
    }

    /**
     * Shows batch {@code batch} of {@code batches}; loss and accuracy are the epoch's running means so far.
     */
    @Override
    public void batch(int epoch, int epochs, int batch, int batches, double loss, double accuracy, double sps) {
        if (!animated) {
            return;
        }
        if (bar == null || barEpoch != epoch) {
            closeBar();
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "Epoch %d/%d", epoch, epochs))
                    .setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setMaxRenderedLength(110)
                    .setConsumer(new ConsoleProgressBarConsumer(stream, 110))
                    .clearDisplayOnFinish()
                    .build();
            barEpoch = epoch;
        }
        bar.stepTo(batch);
        bar.setExtraMessage(metrics(loss, accuracy) + String.format(Locale.ROOT, " %,.0f samples/s", sps));
    }

    @Override
    public void epoch(EpochSummary s) {
        closeBar();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d  %s", s.epoch(), s.epochs(),
                metrics(s.loss(), s.accuracy())));
        if (Double.isFinite(s.valLoss())) {
            line.append("  val ").append(metrics(s.valLoss(), s.valAccuracy()));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f samples/s  %.1f s", s.samplesPerSecond(), s.seconds()));
        stream.println(line);
        stream.flush();
    }

    /** {@code loss 0.1234 acc 95.2%} (accuracy left out when NaN). */
    static String metrics(double loss, double accuracy) {
        String s = String.format(Locale.ROOT, "loss %.4f", loss);
        return Double.isFinite(accuracy) ? s + String.format(Locale.ROOT, " acc %.1f%%", 100 * accuracy) : s;
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        closeBar();
        stream.flush();
    }
}
