package toynn.cli.evolve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import toynn.evolve.GenerationStats;
import toynn.io.AtomicFiles;

/** {@code fitness.png}: best and mean fitness per generation, drawn with XChart (works headless). */
public final class FitnessChart {
    private FitnessChart() {
    }

    /** Writes the chart as PNG to {@code file} (atomically). */
    public static void write(List<GenerationStats> history, String title, Path file, int width, int height)
            throws IOException {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no generations to plot");
        }
        int n = history.size();
        double[] gen = new double[n];
        double[] best = new double[n];
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            GenerationStats s = history.get(i);
            gen[i] = s.generation();
            best[i] = s.best();
            mean[i] = s.mean();
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("generation").yAxisTitle("fitness").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        XYSeries b = chart.addSeries("best", gen, best);
        b.setMarker(n > 1 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        XYSeries m = chart.addSeries("mean", gen, mean);
        m.setMarker(n > 1 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, png.toByteArray());
    }
}
