package toynn.cli.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * {@code confusion.png}: the confusion matrix as a heat map with the count in every cell —
 * true class down the side (first class at the top), predicted class along the bottom.
 */
public final class ConfusionPlot {
    private ConfusionPlot() {
    }

    /** The image size for {@code classes} classes: room for every cell and its count. */
    public static int size(int classes) {
        return Math.max(520, 200 + 56 * classes);
    }

    /**
     * Draws {@code matrix[true][predicted]} with the class names on the axes.
     *
     * @throws IllegalArgumentException when the matrix is not square, has negative counts, or the names do not fit
     */
    public static BufferedImage render(int[][] matrix, List<String> classNames) {
        Plots.headless();
        int n = check(matrix, classNames);
        int size = size(n);
        HeatMapChart chart = new HeatMapChartBuilder().width(size).height(size)
                .title("Confusion matrix (rows: true class, columns: predicted)")
                .xAxisTitle("predicted").yAxisTitle("true").build();
        HeatMapStyler s = chart.getStyler();
        s.setShowValue(true);
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, n > 12 ? 9 : 13));
        s.setValueFontColor(Color.BLACK);
        s.setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 69, 148)});
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setHeatMapValueDecimalPattern("0");
        int max = 0;
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                max = Math.max(max, matrix[t][p]);
                cells.add(new Number[] {p, n - 1 - t, matrix[t][p]});   // y runs upwards: first class on top
            }
        }
        s.setMin(0);
        s.setMax(Math.max(1, max));
        List<String> yNames = new ArrayList<>(classNames);
        java.util.Collections.reverse(yNames);
        chart.addSeries("count", classNames, yNames, cells);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Draws into a PNG file, atomically. */
    public static void write(int[][] matrix, List<String> classNames, Path file) throws IOException {
        Plots.writePng(render(matrix, classNames), file);
    }

    private static int check(int[][] matrix, List<String> classNames) {
        if (matrix == null || matrix.length == 0) {
            throw new IllegalArgumentException("the confusion matrix is empty; expected one row per class");
        }
        int n = matrix.length;
        for (int i = 0; i < n; i++) {
            if (matrix[i] == null || matrix[i].length != n) {
                throw new IllegalArgumentException("confusion matrix row " + i + " has "
                        + (matrix[i] == null ? 0 : matrix[i].length) + " counts; expected " + n + " (a square matrix)");
            }
            for (int v : matrix[i]) {
                if (v < 0) {
                    throw new IllegalArgumentException("confusion matrix row " + i + " holds the negative count " + v);
                }
            }
        }
        if (classNames == null || classNames.size() != n) {
            throw new IllegalArgumentException((classNames == null ? 0 : classNames.size()) + " class names for a "
                    + n + "×" + n + " confusion matrix; expected " + n);
        }
        return n;
    }
}
