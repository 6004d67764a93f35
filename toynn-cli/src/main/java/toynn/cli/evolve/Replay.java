package toynn.cli.evolve;

import java.awt.Graphics2D;

/**
 * A run of the best network, frame by frame, that can be drawn: shown in a window by
 * {@link WatchWindow} or written as an animated GIF by {@link GifWriter}.
 */
public interface Replay {
    /** Advances one frame; false when the run is over (the current frame is then the last). */
    boolean advance();

    /** Draws the current frame into a {@code width × height} area at the origin. */
    void draw(Graphics2D g, int width, int height);

    /** How long a frame lasts in real time (ms). */
    int frameMillis();
}
