package toynn.cli.input;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import toynn.InputShape;
import toynn.NeuralNetwork;
import toynn.cli.CliException;

/**
 * Turns an image file into network inputs the way the image data sets look: grayscale, scaled to
 * the model's image size (28×28 for Fashion-MNIST, 8×8 for the digits) by area averaging, values in [0, 1],
 * ink bright on a dark background (images with a light background are inverted).
 */
public final class ImageInput {
    /**
     * The most pixels an input image may have (50 megapixels, e.g. 8660×5773): more than any phone
     * photo of a drawing needs, while decoding it stays within a few hundred megabytes. The size is
     * read from the file's header and checked before the pixels are decoded, so a small file that
     * declares a huge image is refused without allocating it.
     */
    public static final long MAX_PIXELS = 50_000_000L;

    /** Whether to invert the gray values (1 − v). */
    public enum Invert {
        /** Invert when the border is mostly light (a dark drawing on white paper). */
        auto,
        /** Always invert. */
        yes,
        /** Never invert. */
        no
    }

    private ImageInput() {
    }

    /**
     * The image size a network takes: the one its model file records; for files that record nothing
     * (Toy-NN-JS, TensorFlow.js, networks never fitted on a data set) a square of its input count.
     *
     * @param model names the model in messages
     * @throws CliException when the network was trained on plain values, or records nothing and its input
     *                      count is not a square
     */
    public static InputShape shapeFor(NeuralNetwork nn, String model) {
        InputShape shape = nn.inputShape();
        if (shape != null && !shape.isImage()) {
            throw new CliException(model + " was trained on plain values (" + nn.inputSize() + " per example), not on "
                    + "images; give its inputs with --input or --csv");
        }
        if (shape != null) {
            return shape;
        }
        int side = side(nn.inputSize());
        return InputShape.image(side, side);
    }

    /**
     * Reads {@code path} and returns {@code shape.width() × shape.height()} gray values, row by row.
     *
     * @throws CliException when the file is not an image
     */
    public static double[] read(Path path, InputShape shape, Invert invert) throws IOException {
        if (!shape.isImage()) {
            throw new IllegalArgumentException("not an image shape: " + shape);
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        BufferedImage img;
        try {
            img = decode(path);
        } catch (IOException e) {
            throw new CliException(path + ": cannot decode the image (" + e.getMessage() + "); give a PNG, JPEG, GIF or BMP file", e);
        }
        if (img == null) {
            throw new CliException(path + " is not an image this Java can read; give a PNG, JPEG, GIF or BMP file");
        }
        double[] gray = grayscale(img);
        double[] scaled = resize(gray, img.getWidth(), img.getHeight(), shape.width(), shape.height());
        boolean flip = switch (invert) {
            case yes -> true;
            case no -> false;
            case auto -> borderMean(gray, img.getWidth(), img.getHeight()) > 0.5;
        };
        if (flip) {
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = 1 - scaled[i];
            }
        }
        return scaled;
    }

    /**
     * As {@code ImageIO.read}, but checks the size the header declares against {@link #MAX_PIXELS}
     * before any pixel is decoded (ImageIO would allocate the whole image first). Null when no reader
     * knows the format.
     */
    private static BufferedImage decode(Path path) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > MAX_PIXELS) {
                    throw new CliException(path + ": the image is " + w + "×" + h + " pixels (" + w * h + "), more than the "
                            + MAX_PIXELS + " (50 megapixels) an input image may have; give a smaller image");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The side of the square image a model with {@code inputSize} inputs takes when its file does not
     * record an image size, or 0 when {@code inputSize} is not a square.
     */
    public static int squareSide(int inputSize) {
        int side = (int) Math.round(Math.sqrt(inputSize));
        return side * side == inputSize ? side : 0;
    }

    /** The side of the square image a model with {@code inputSize} inputs takes. */
    static int side(int inputSize) {
        int side = squareSide(inputSize);
        if (side == 0) {
            throw new CliException("the model takes " + inputSize + " inputs, which is not a square image (like 64 = 8×8 "
                    + "or 784 = 28×28); give the inputs with --input or --csv instead");
        }
        return side;
    }

    /** Gray values in [0, 1], row-major: luminance (ITU-R BT.601) composited over white. */
    static double[] grayscale(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        double[] g = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                double a = (argb >>> 24) / 255.0;
                double lum = (0.299 * (argb >> 16 & 0xff) + 0.587 * (argb >> 8 & 0xff) + 0.114 * (argb & 0xff)) / 255.0;
                g[y * w + x] = a * lum + (1 - a);     // transparent counts as white paper
            }
        }
        return g;
    }

    /**
     * Resamples by area averaging: each target pixel is the mean of the source area it covers,
     * weighting partly covered source pixels by their covered fraction.
     */
    static double[] resize(double[] src, int sw, int sh, int tw, int th) {
        double[] out = new double[tw * th];
        double fx = (double) sw / tw;
        double fy = (double) sh / th;
        for (int ty = 0; ty < th; ty++) {
            double y0 = ty * fy;
            double y1 = y0 + fy;
            for (int tx = 0; tx < tw; tx++) {
                double x0 = tx * fx;
                double x1 = x0 + fx;
                double sum = 0;
                for (int sy = (int) Math.floor(y0); sy < Math.min(sh, Math.ceil(y1)); sy++) {
                    double cy = Math.min(y1, sy + 1) - Math.max(y0, sy);
                    for (int sx = (int) Math.floor(x0); sx < Math.min(sw, Math.ceil(x1)); sx++) {
                        double cx = Math.min(x1, sx + 1) - Math.max(x0, sx);
                        sum += cx * cy * src[sy * sw + sx];
                    }
                }
                out[ty * tw + tx] = sum / (fx * fy);
            }
        }
        return out;
    }

    private static double borderMean(double[] g, int w, int h) {
        double sum = 0;
        int n = 0;
        for (int x = 0; x < w; x++) {
            sum += g[x] + g[(h - 1) * w + x];
            n += 2;
        }
        for (int y = 1; y + 1 < h; y++) {
            sum += g[y * w] + g[y * w + w - 1];
            n += 2;
        }
        return sum / n;
    }
}
