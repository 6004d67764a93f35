package toynn.cli.plots;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code training.png}: loss per epoch (left) and accuracy per epoch (right), training and
 * validation. Without accuracy (regression) only the loss is drawn.
 */
public final class TrainingPlot {
    /** Width of one chart in pixels. */
    public static final int CHART_WIDTH = 600;
    /** Height in pixels. */
    public static final int HEIGHT = 420;

    private TrainingPlot() {
    }

    /**
     * Draws the curves.
     *
     * @throws IllegalArgumentException when there are no epochs or no finite training loss
     */
    public static BufferedImage render(List<EpochPoint> epochs) {
        Plots.headless();
        if (epochs == null || epochs.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot; train for at least one epoch");
        }
        XYChart loss = chart("Loss per epoch", "loss");
        boolean any = add(loss, "training", epochs, EpochPoint::trainLoss, Plots.TRAIN)
                | add(loss, "validation", epochs, EpochPoint::valLoss, Plots.VALIDATION);
        if (!any) {
            throw new IllegalArgumentException("every loss value is NaN or infinite; nothing to plot");
        }
        List<XYChart> charts = new ArrayList<>(List.of(loss));
        XYChart acc = chart("Accuracy per epoch", "accuracy");
        if (add(acc, "training", epochs, EpochPoint::trainAccuracy, Plots.TRAIN)
                | add(acc, "validation", epochs, EpochPoint::valAccuracy, Plots.VALIDATION)) {
            acc.getStyler().setYAxisDecimalPattern("0.0%");
            acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);   // accuracy rises: keep the legend low
            charts.add(acc);
        }
        BufferedImage out = new BufferedImage(CHART_WIDTH * charts.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), i * CHART_WIDTH, 0, null);
        }
        g.dispose();
        return out;
    }

    /** Draws the curves into a PNG file, atomically. */
    public static void write(List<EpochPoint> epochs, Path file) throws IOException {
        Plots.writePng(render(epochs), file);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(CHART_WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        Styler s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setMarkerSize(6);
        return c;
    }

    /** Adds the finite values of one curve; false when it has none. */
    private static boolean add(XYChart c, String name, List<EpochPoint> epochs, ToDoubleFunction<EpochPoint> value,
                               java.awt.Color color) {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochPoint p : epochs) {
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v)) {
                x.add(p.epoch());
                y.add(v);
            }
        }
        if (x.isEmpty()) {
            return false;
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
        return true;
    }
}
