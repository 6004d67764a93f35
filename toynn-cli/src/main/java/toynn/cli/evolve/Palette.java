package toynn.cli.evolve;

import java.awt.Color;

/** The few colours the replays draw with (a GIF frame holds at most 256, so the set is fixed). */
final class Palette {
    static final Color BACKGROUND = new Color(245, 245, 240);
    static final Color INK = new Color(30, 30, 30);
    static final Color GRID = new Color(190, 190, 185);
    static final Color SKY = new Color(120, 190, 230);
    static final Color PIPE = new Color(60, 160, 70);
    static final Color PIPE_EDGE = new Color(30, 100, 40);
    static final Color BIRD = new Color(250, 210, 40);
    static final Color CART = new Color(70, 90, 140);
    static final Color POLE = new Color(200, 120, 50);
    static final Color FAIL = new Color(200, 40, 40);
    /** Fixed colours, in palette order. */
    static final Color[] FIXED = {BACKGROUND, INK, GRID, SKY, PIPE, PIPE_EDGE, BIRD, CART, POLE, FAIL, Color.WHITE};
    /** Steps of the heat-map ramp from 0 to 1. */
    static final int RAMP_STEPS = 32;

    private Palette() {
    }

    /** The heat-map colour of {@code v ∈ [0, 1]}: dark blue (0) through teal to yellow (1). */
    static Color ramp(double v) {
        int i = (int) Math.round(Math.max(0, Math.min(1, v)) * (RAMP_STEPS - 1));
        return rampStep(i);
    }

    static Color rampStep(int i) {
        double t = (double) i / (RAMP_STEPS - 1);
        int r = (int) Math.round(40 + t * (250 - 40));
        int g = (int) Math.round(30 + t * (220 - 30));
        int b = (int) Math.round(110 + t * (40 - 110));
        return new Color(r, g, b);
    }
}
