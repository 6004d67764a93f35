package toynn.cli.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path dir;

    /** Copies a plot to the folder named by the TOYNN_KEEP_PLOTS environment variable, for looking at it. */
    private static void keep(Path file) throws java.io.IOException {
        String keep = System.getenv("TOYNN_KEEP_PLOTS");
        if (keep != null) {
            Files.copy(file, Path.of(keep).resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<EpochPoint> history(int epochs, boolean accuracy, boolean validation) {
        List<EpochPoint> h = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double loss = 2.0 / e;
            double acc = 1 - 0.5 / e;
            h.add(new EpochPoint(e, loss, validation ? loss * 1.1 : Double.NaN,
                    accuracy ? acc : Double.NaN, accuracy && validation ? acc - 0.02 : Double.NaN));
        }
        return h;
    }

    @Test
    void trainingPlotHasLossAndAccuracyCharts() throws Exception {
        Path file = dir.resolve("training.png");
        TrainingPlot.write(history(10, true, true), file);
        keep(file);
        BufferedImage img = PngChecks.decode(file);
        assertEquals(2 * TrainingPlot.CHART_WIDTH, img.getWidth());
        assertEquals(TrainingPlot.HEIGHT, img.getHeight());
        assertTrue(PngChecks.inkFraction(img) > 0.02, "the plot is almost blank: " + PngChecks.inkFraction(img));
        // Both halves carry a chart of their own.
        assertTrue(PngChecks.inkFraction(img.getSubimage(0, 0, TrainingPlot.CHART_WIDTH, img.getHeight())) > 0.02);
        assertTrue(PngChecks.inkFraction(img.getSubimage(TrainingPlot.CHART_WIDTH, 0, TrainingPlot.CHART_WIDTH,
                img.getHeight())) > 0.02);
    }

    @Test
    void regressionPlotHasOnlyTheLossChart() throws Exception {
        Path file = dir.resolve("training.png");
        TrainingPlot.write(history(5, false, false), file);
        BufferedImage img = PngChecks.decode(file);
        assertEquals(TrainingPlot.CHART_WIDTH, img.getWidth());
        assertTrue(PngChecks.inkFraction(img) > 0.02);
    }

    @Test
    void oneEpochStillPlots() throws Exception {
        BufferedImage img = TrainingPlot.render(history(1, true, false));
        assertTrue(PngChecks.inkFraction(img) > 0.02);
    }

    @Test
    void differentCurvesGiveDifferentImages() {
        BufferedImage a = TrainingPlot.render(history(6, true, true));
        List<EpochPoint> other = new ArrayList<>();
        for (EpochPoint p : history(6, true, true)) {
            other.add(new EpochPoint(p.epoch(), p.trainLoss() * p.epoch() % 1.3, p.valLoss(), p.trainAccuracy(), p.valAccuracy()));
        }
        BufferedImage b = TrainingPlot.render(other);
        boolean differ = false;
        for (int y = 0; y < a.getHeight() && !differ; y++) {
            for (int x = 0; x < TrainingPlot.CHART_WIDTH && !differ; x++) {
                differ = a.getRGB(x, y) != b.getRGB(x, y);
            }
        }
        assertTrue(differ, "the loss chart does not depend on the loss values");
    }

    @Test
    void trainingPlotRefusesNothingToDraw() {
        assertThrows(IllegalArgumentException.class, () -> TrainingPlot.render(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TrainingPlot.render(
                List.of(new EpochPoint(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN))));
    }

    @Test
    void confusionPlotDrawsTheMatrixWithCounts() throws Exception {
        int[][] m = {{50, 2, 0}, {3, 40, 7}, {0, 5, 45}};
        Path file = dir.resolve("confusion.png");
        ConfusionPlot.write(m, List.of("setosa", "versicolor", "virginica"), file);
        keep(file);
        BufferedImage img = PngChecks.decode(file);
        assertEquals(ConfusionPlot.size(3), img.getWidth());
        assertEquals(ConfusionPlot.size(3), img.getHeight());
        assertTrue(PngChecks.inkFraction(img) > 0.05, "almost blank: " + PngChecks.inkFraction(img));
        assertTrue(PngChecks.colours(img) > 5, "a heat map has several shades");
    }

    @Test
    void confusionPlotGrowsWithTheClasses() {
        int n = 20;
        int[][] m = new int[n][n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            m[i][i] = 10 + i;
            m[i][(i + 1) % n] = i % 3;
            names.add("class " + i);
        }
        BufferedImage img = ConfusionPlot.render(m, names);
        assertEquals(ConfusionPlot.size(n), img.getWidth());
        assertTrue(ConfusionPlot.size(n) > ConfusionPlot.size(3));
        assertTrue(PngChecks.inkFraction(img) > 0.05);
    }

    @Test
    void confusionPlotRejectsBadMatrices() {
        assertThrows(IllegalArgumentException.class, () -> ConfusionPlot.render(new int[][] {{1, 2}}, List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> ConfusionPlot.render(new int[][] {{1, 2}, {3, 4}}, List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> ConfusionPlot.render(new int[][] {{1, -2}, {3, 4}}, List.of("a", "b")));
    }

    @Test
    void mistakesPlotDrawsEachImageInItsCell() throws Exception {
        List<Mistake> ms = new ArrayList<>();
        for (int k = 0; k < 11; k++) {
            float[] px = new float[8 * 8];
            px[k % 8] = 16f;                       // one ink pixel in the top row, at column k % 8
            ms.add(new Mistake(px, 8, 8, String.valueOf(k % 10), String.valueOf((k + 3) % 10)));
        }
        Path file = dir.resolve("mistakes.png");
        MistakesPlot.write(ms, 42, file);
        keep(file);
        BufferedImage img = PngChecks.decode(file);
        assertEquals(MistakesPlot.GAP + MistakesPlot.COLUMNS * (MistakesPlot.CELL + MistakesPlot.GAP), img.getWidth());
        assertEquals(MistakesPlot.TITLE + 2 * (MistakesPlot.CELL + MistakesPlot.CAPTION + MistakesPlot.GAP), img.getHeight());
        int scale = MistakesPlot.CELL / 8;
        for (int k = 0; k < 11; k++) {
            int inkX = MistakesPlot.cellX(k) + (k % 8) * scale + scale / 2;
            int inkY = MistakesPlot.cellY(k) + scale / 2;
            assertEquals(0x000000, img.getRGB(inkX, inkY) & 0xffffff, "ink pixel of image " + k + " is not black");
            int paperX = MistakesPlot.cellX(k) + ((k % 8 + 4) % 8) * scale + scale / 2;
            int paperY = MistakesPlot.cellY(k) + 5 * scale;
            assertEquals(0xffffff, img.getRGB(paperX, paperY) & 0xffffff, "background of image " + k + " is not white");
        }
    }

    @Test
    void mistakesPlotWithoutMistakesSaysSo() throws Exception {
        BufferedImage img = MistakesPlot.render(List.of(), 0);
        assertTrue(PngChecks.inkFraction(img) > 0.001, "the 'no mistakes' message is missing");
        assertFalse(img.getWidth() < 100);
    }

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("training.png");
        TrainingPlot.write(history(3, true, true), file);
        TrainingPlot.write(history(4, true, true), file);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
