package toynn.cli.plots;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Decodes PNG files and measures how much is drawn on them. */
final class PngChecks {
    private PngChecks() {
    }

    /** Decodes a PNG file, failing when it does not decode. */
    static BufferedImage decode(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " does not decode as an image");
        return img;
    }

    /** Fraction of pixels that differ from the most common colour (the background). */
    static double inkFraction(BufferedImage img) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                counts.merge(img.getRGB(x, y), 1, Integer::sum);
            }
        }
        int background = counts.values().stream().max(Integer::compare).orElse(0);
        return 1.0 - (double) background / (img.getWidth() * img.getHeight());
    }

    /** Number of distinct colours. */
    static int colours(BufferedImage img) {
        java.util.Set<Integer> set = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                set.add(img.getRGB(x, y));
            }
        }
        return set.size();
    }
}
