package toynn.cli.evolve;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import toynn.NeuralNetwork;
import toynn.evolve.env.CartPole;

/** The best network balancing the pole, one frame per 0.02 s step (real time). */
final class CartPoleReplay implements Replay {
    private final NeuralNetwork brain;
    private final CartPole env;

    CartPoleReplay(NeuralNetwork brain, long seed) {
        this.brain = brain;
        this.env = new CartPole(seed);
    }

    @Override
    public boolean advance() {
        if (env.isDone()) {
            return false;
        }
        return !env.step(CartPole.pushRight(brain, env.state()));
    }

    @Override
    public int frameMillis() {
        return (int) Math.round(CartPole.TAU * 1000);
    }

    @Override
    public void draw(Graphics2D g, int w, int h) {
        g.setColor(Palette.BACKGROUND);
        g.fillRect(0, 0, w, h);
        double scale = w / (2 * CartPole.X_THRESHOLD + 1.0);       // px per metre; ±2.4 m plus a margin
        double cx = w / 2.0;
        double trackY = h * 0.72;
        g.setColor(Palette.GRID);
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(cx - CartPole.X_THRESHOLD * scale, trackY, cx + CartPole.X_THRESHOLD * scale, trackY));
        for (double edge : new double[] {-CartPole.X_THRESHOLD, CartPole.X_THRESHOLD}) {
            g.draw(new Line2D.Double(cx + edge * scale, trackY - 8, cx + edge * scale, trackY + 8));
        }
        double cartW = 0.5 * scale;
        double cartH = 0.3 * scale;
        double x = cx + env.x() * scale;
        g.setColor(Palette.CART);
        g.fill(new Rectangle2D.Double(x - cartW / 2, trackY - cartH, cartW, cartH));
        double poleLen = 2 * CartPole.LENGTH * scale;                // the constant is half the pole
        double topX = x + poleLen * Math.sin(env.theta());
        double topY = trackY - cartH - poleLen * Math.cos(env.theta());
        g.setColor(env.isTerminated() ? Palette.FAIL : Palette.POLE);
        g.setStroke(new BasicStroke((float) Math.max(3, 0.06 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x, trackY - cartH, topX, topY));
        g.setColor(Palette.INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, h / 22)));
        g.drawString(String.format(Locale.ROOT, "cart-pole  step %d / %d%s", env.steps(), CartPole.MAX_STEPS,
                env.isTerminated() ? "  (fell)" : ""), 10, Math.max(16, h / 14));
    }
}
