package toynn.cli.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
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
    void hugeDeclaredSizeIsRefusedBeforeDecoding() throws Exception {
        // A 100-byte PNG whose header declares 23000×23000 RGB pixels: decoding first would allocate ~1.6 GB.
        Path png = Files.write(dir.resolve("bomb.png"), png(23000, 23000));
        CliException e = assertThrows(CliException.class, () -> ImageInput.read(png, InputShape.image(28, 28), ImageInput.Invert.no));
        assertEquals(png + ": the image is 23000×23000 pixels (529000000), more than the 50000000 (50 megapixels) an input "
                + "image may have; give a smaller image", e.getMessage());
        // The hand-made file is a real PNG: at a small declared size it decodes.
        Path small = Files.write(dir.resolve("small.png"), png(2, 2));
        assertEquals(2, ImageIO.read(small.toFile()).getWidth());
    }

    /** A PNG of {@code w × h} black 8-bit RGB pixels whose image data holds only the first row (enough for the header). */
    private static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0});        // 8 bits, RGB, deflate, no filter method, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        byte[] rows = new byte[Math.min(h, 2) * (1 + 3 * Math.min(w, 2))];   // filter byte + pixels, all zero
        Deflater z = new Deflater();
        z.setInput(rows);
        z.finish();
        byte[] idat = new byte[64];
        int n = z.deflate(idat);
        z.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    @Test
    void nonSquareInputsAreRefused() {
        assertEquals(28, ImageInput.side(784));
        assertThrows(CliException.class, () -> ImageInput.side(10));
    }
}
