package toynn.cli.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.InputShape;
import toynn.cli.CliException;

class ImageInputTest {
    @TempDir
    Path dir;

    @Test
    void resizeAveragesCoveredAreas() {
        // 3×1 → 2×1: target pixel 0 covers source 0 fully and half of source 1.
        double[] out = ImageInput.resize(new double[] {0.0, 0.6, 0.9}, 3, 1, 2, 1);
        assertEquals((0.0 + 0.5 * 0.6) / 1.5, out[0], 1e-12);
        assertEquals((0.5 * 0.6 + 0.9) / 1.5, out[1], 1e-12);
        // Up-scaling repeats pixels.
        assertArrayEquals(new double[] {0.2, 0.2, 0.8, 0.8}, ImageInput.resize(new double[] {0.2, 0.8}, 2, 1, 4, 1), 1e-12);
        // Averaging keeps the mean.
        double[] src = new double[28 * 28];
        double sum = 0;
        for (int i = 0; i < src.length; i++) {
            src[i] = (i * 7919 % 255) / 255.0;
            sum += src[i];
        }
        double[] small = ImageInput.resize(src, 28, 28, 8, 8);
        double smallSum = 0;
        for (double v : small) {
            smallSum += v;
        }
        assertEquals(sum / src.length, smallSum / small.length, 1e-9);
    }

    @Test
    void lightBackgroundsAreInvertedSoInkIsBright() throws Exception {
        BufferedImage bi = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                bi.setRGB(x, y, x == 3 ? 0x000000 : 0xffffff);    // a black stroke on white paper
            }
        }
        Path png = dir.resolve("stroke.png");
        ImageIO.write(bi, "png", png.toFile());
        double[] auto = ImageInput.read(png, InputShape.image(8, 8), ImageInput.Invert.auto);
        assertEquals(1.0, auto[3], 1e-12);
        assertEquals(0.0, auto[4], 1e-12);
        double[] never = ImageInput.read(png, InputShape.image(8, 8), ImageInput.Invert.no);
        assertEquals(0.0, never[3], 1e-12);
        assertEquals(1.0, never[4], 1e-12);
    }

    @Test
    void colourBecomesLuminance() {
        BufferedImage bi = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        bi.setRGB(0, 0, 0x336699);
        assertEquals((0.299 * 0x33 + 0.587 * 0x66 + 0.114 * 0x99) / 255, ImageInput.grayscale(bi)[0], 1e-12);
    }

    @Test
    void nonSquareInputsAreRefused() {
        assertEquals(28, ImageInput.side(784));
        assertThrows(CliException.class, () -> ImageInput.side(10));
    }
}
