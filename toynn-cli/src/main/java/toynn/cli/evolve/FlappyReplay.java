package toynn.cli.evolve;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import toynn.NeuralNetwork;
import toynn.evolve.env.Flappy;

/** The best bird flying through the pipes of one seed, one frame per game frame (60 a second). */
final class FlappyReplay implements Replay {
    private final Flappy game;
    private final int maxFrames;

    FlappyReplay(NeuralNetwork brain, long seed, int maxFrames) {
        this.game = new Flappy(seed, List.of(brain));
        this.maxFrames = maxFrames;
    }

    @Override
    public boolean advance() {
        return game.frame() < maxFrames && game.step();
    }

    @Override
    public int frameMillis() {
        return 17;
    }

    @Override
    public void draw(Graphics2D g, int w, int h) {
        double sx = w / Flappy.WIDTH;
        double sy = h / Flappy.HEIGHT;
        g.setColor(Palette.SKY);
        g.fillRect(0, 0, w, h);
        for (Flappy.Pipe p : game.pipes()) {
            g.setColor(Palette.PIPE);
            g.fill(new Rectangle2D.Double(p.x() * sx, 0, Flappy.PIPE_WIDTH * sx, p.top() * sy));
            g.fill(new Rectangle2D.Double(p.x() * sx, p.bottom() * sy, Flappy.PIPE_WIDTH * sx, h - p.bottom() * sy));
            g.setColor(Palette.PIPE_EDGE);
            g.draw(new Rectangle2D.Double(p.x() * sx, 0, Flappy.PIPE_WIDTH * sx, p.top() * sy));
            g.draw(new Rectangle2D.Double(p.x() * sx, p.bottom() * sy, Flappy.PIPE_WIDTH * sx, h - p.bottom() * sy));
        }
        Flappy.Bird bird = game.birds().get(0);
        double r = 16 * Math.min(sx, sy);
        g.setColor(bird.alive() ? Palette.BIRD : Palette.FAIL);
        g.fill(new Ellipse2D.Double(Flappy.BIRD_X * sx - r, bird.y() * sy - r, 2 * r, 2 * r));
        g.setColor(Palette.INK);
        g.draw(new Ellipse2D.Double(Flappy.BIRD_X * sx - r, bird.y() * sy - r, 2 * r, 2 * r));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, h / 22)));
        g.drawString(String.format(Locale.ROOT, "frame %d   pipes %d%s", bird.frames(), bird.pipesPassed(),
                bird.alive() ? "" : "  (crashed)"), 10, Math.max(16, h / 14));
    }
}
