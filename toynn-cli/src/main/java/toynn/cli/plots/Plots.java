package toynn.cli.plots;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import toynn.io.AtomicFiles;

/** What the plots share: off-screen drawing and atomic PNG writing. */
public final class Plots {
    static final Color TRAIN = new Color(31, 119, 180);
    static final Color VALIDATION = new Color(255, 127, 14);

    static {
        headless();
    }

    private Plots() {
    }

    /** Makes AWT draw off-screen (no display needed), unless the program chose otherwise. */
    public static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Writes {@code image} as a PNG file, atomically (a failure leaves an existing file as it was). */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
