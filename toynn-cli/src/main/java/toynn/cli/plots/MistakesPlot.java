package toynn.cli.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mistakes.png}: a grid of misclassified test images, each captioned with its true and
 * predicted label. Ink is drawn dark on white, each image scaled to its own gray range.
 */
public final class MistakesPlot {
    /** Images per row. */
    public static final int COLUMNS = 8;
    /** Side of one drawn image in pixels. */
    public static final int CELL = 84;
    /** Height of the caption under each image. */
    public static final int CAPTION = 22;
    /** Margin around and between cells. */
    public static final int GAP = 10;
    /** Height of the title bar. */
    public static final int TITLE = 36;

    private MistakesPlot() {
    }

    /** Left x of cell {@code i}'s image. */
    public static int cellX(int i) {
        return GAP + (i % COLUMNS) * (CELL + GAP);
    }

    /** Top y of cell {@code i}'s image. */
    public static int cellY(int i) {
        return TITLE + (i / COLUMNS) * (CELL + CAPTION + GAP);
    }

    /**
     * Draws the grid; {@code total} is how many mistakes there were in all (the title says how many are shown).
     * With no mistakes, the image says so.
     */
    public static BufferedImage render(List<Mistake> mistakes, int total) {
        Plots.headless();
        int n = mistakes.size();
        int cols = Math.max(1, Math.min(COLUMNS, n));
        int rows = Math.max(1, (n + COLUMNS - 1) / COLUMNS);
        int width = Math.max(420, GAP + cols * (CELL + GAP));
        int height = TITLE + rows * (CELL + CAPTION + GAP);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        String title = n == 0 ? "No misclassified test images"
                : "Misclassified test images (" + n + " of " + total + "): true → predicted";
        g.drawString(title, GAP, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            Mistake m = mistakes.get(i);
            int x0 = cellX(i);
            int y0 = cellY(i);
            drawImage(img, m, x0, y0);
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(x0 - 1, y0 - 1, CELL + 1, CELL + 1);
            String caption = m.truth() + " → " + m.predicted();
            g.setColor(new Color(180, 30, 30));
            g.drawString(caption, x0 + (CELL - fm.stringWidth(caption)) / 2, y0 + CELL + fm.getAscent() + 3);
        }
        g.dispose();
        return img;
    }

    /** Draws into a PNG file, atomically. */
    public static void write(List<Mistake> mistakes, int total, Path file) throws IOException {
        Plots.writePng(render(mistakes, total), file);
    }

    /** Nearest-neighbour scaling into a CELL×CELL square; value max = black ink, min = white. */
    private static void drawImage(BufferedImage img, Mistake m, int x0, int y0) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : m.pixels()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float range = hi > lo ? hi - lo : 1;
        for (int y = 0; y < CELL; y++) {
            int sy = y * m.height() / CELL;
            for (int x = 0; x < CELL; x++) {
                int sx = x * m.width() / CELL;
                float v = (m.pixels()[sy * m.width() + sx] - lo) / range;
                int gray = 255 - Math.round(255 * Math.max(0, Math.min(1, v)));
                img.setRGB(x0 + x, y0 + y, gray << 16 | gray << 8 | gray);
            }
        }
    }
}
