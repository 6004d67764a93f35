package toynn.cli.evolve;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;

/**
 * A Swing window that plays a {@link Replay} in real time and starts it again a second after it
 * ends, until the window is closed. Only for machines with a display.
 */
public final class WatchWindow {
    private WatchWindow() {
    }

    /** Opens the window and blocks until the user closes it. */
    public static void showAndWait(String title, Supplier<Replay> replays, int width, int height)
            throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        SwingUtilities.invokeLater(() -> {
            Replay[] current = {replays.get()};
            JPanel panel = new JPanel() {
                @Override
                protected void paintComponent(Graphics g) {
                    super.paintComponent(g);
                    Graphics2D g2 = (Graphics2D) g;
                    g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    current[0].draw(g2, getWidth(), getHeight());
                }
            };
            panel.setPreferredSize(new Dimension(width, height));
            JFrame frame = new JFrame(title);
            frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
            frame.add(panel);
            frame.pack();
            frame.setLocationRelativeTo(null);
            int[] pause = {0};
            Timer timer = new Timer(current[0].frameMillis(), e -> {
                if (pause[0] > 0) {
                    if (--pause[0] == 0) {
                        current[0] = replays.get();         // play it again
                    }
                } else if (!current[0].advance()) {
                    pause[0] = Math.max(1, 1000 / current[0].frameMillis());
                }
                panel.repaint();
            });
            frame.addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    timer.stop();
                    closed.countDown();
                }
            });
            frame.setVisible(true);
            timer.start();
        });
        closed.await();
    }
}
