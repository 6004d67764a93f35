package toynn.cli.plots;

/**
 * One misclassified image for {@link MistakesPlot}.
 *
 * @param pixels    gray values, row-major, {@code width × height}; any range (each image is scaled to its own min..max)
 * @param width     image width
 * @param height    image height
 * @param truth     the true label
 * @param predicted the network's label
 */
public record Mistake(float[] pixels, int width, int height, String truth, String predicted) {
    /** Checks the sizes. */
    public Mistake {
        if (width <= 0 || height <= 0 || pixels == null || pixels.length != width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " image needs " + width * height
                    + " pixels, got " + (pixels == null ? 0 : pixels.length));
        }
    }
}
