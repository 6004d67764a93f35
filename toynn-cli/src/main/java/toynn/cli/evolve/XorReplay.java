package toynn.cli.evolve;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import toynn.NeuralNetwork;
import toynn.evolve.env.XorTask;

/**
 * XOR has no game to play, so the replay shows evolution itself: each frame is one generation's best
 * network as a heat map of its output over the unit square, with the four truth-table points.
 */
final class XorReplay implements Replay {
    private static final int CELLS = 40;
    private final List<NeuralNetwork> generationBests;
    private int frame;

    XorReplay(List<NeuralNetwork> generationBests) {
        if (generationBests.isEmpty()) {
            throw new IllegalArgumentException("no generations to show");
        }
        this.generationBests = generationBests;
    }

    @Override
    public boolean advance() {
        if (frame + 1 >= generationBests.size()) {
            return false;
        }
        frame++;
        return true;
    }

    @Override
    public int frameMillis() {
        return 150;
    }

    @Override
    public void draw(Graphics2D g, int w, int h) {
        g.setColor(Palette.BACKGROUND);
        g.fillRect(0, 0, w, h);
        NeuralNetwork nn = generationBests.get(frame);
        int top = Math.max(24, h / 10);
        double side = Math.min(w - 20, h - top - 10);
        double ox = (w - side) / 2;
        double cell = side / CELLS;
        double[] in = new double[2];
        for (int i = 0; i < CELLS; i++) {
            for (int j = 0; j < CELLS; j++) {
                in[0] = (i + 0.5) / CELLS;
                in[1] = 1 - (j + 0.5) / CELLS;                      // y axis up
                g.setColor(Palette.ramp(nn.predict(in)[0]));
                g.fill(new Rectangle2D.Double(ox + i * cell, top + j * cell, cell + 1, cell + 1));
            }
        }
        double r = side / 30;
        for (int k = 0; k < 4; k++) {
            double px = ox + XorTask.INPUTS[k][0] * (side - 2 * r) + r;
            double py = top + (1 - XorTask.INPUTS[k][1]) * (side - 2 * r) + r;
            g.setColor(XorTask.TARGETS[k] > 0.5 ? java.awt.Color.WHITE : Palette.INK);
            g.fill(new Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r));
        }
        g.setColor(Palette.INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, h / 22)));
        g.drawString(String.format(Locale.ROOT, "XOR  generation %d   best 1−MSE %.4f", frame,
                new XorTask().fitness(nn)), 10, top - 6);
    }
}
