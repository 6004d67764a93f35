package toynn;

/**
 * What one input row of a network is, when known: an image of {@code width × height} gray pixels (row
 * by row) or plain values (table columns, sensor readings, game state). {@link NeuralNetwork#fit}
 * records it from the training data ({@link DataSet#isImage()}) and the model file keeps it, so a
 * tool given a picture for a network trained on table rows can say so instead of guessing.
 *
 * @param width  pixels per image row; 0 for plain values
 * @param height image rows; 0 for plain values
 */
public record InputShape(int width, int height) {
    /** Checks the sizes: both positive (an image) or both 0 (values). */
    public InputShape {
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException("an input shape is width × height pixels, both positive, or 0 × 0 for "
                    + "plain values; got " + width + " × " + height);
        }
    }

    /** Plain values, not an image. */
    public static InputShape values() {
        return new InputShape(0, 0);
    }

    /** An image of {@code width × height} pixels. */
    public static InputShape image(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("an image is at least 1 × 1 pixels; got " + width + " × " + height);
        }
        return new InputShape(width, height);
    }

    /** The shape of {@code data}'s input rows. */
    public static InputShape of(DataSet data) {
        return data.isImage() ? image(data.imageWidth(), data.imageHeight()) : values();
    }

    /**
     * Checks that this shape can describe rows of {@code inputs} values: an image's {@code width × height}
     * must be that many; plain values fit any count.
     *
     * @param whose the rows' owner in the message, e.g. {@code "the network has"}
     * @throws IllegalArgumentException naming both counts
     */
    public void requireInputs(int inputs, String whose) {
        if (isImage() && (long) width * height != inputs) {
            throw new IllegalArgumentException("a " + this + " has " + (long) width * height + " pixels but " + whose
                    + " " + inputs + " inputs; expected width × height = " + inputs);
        }
    }

    /** True for an image. */
    public boolean isImage() {
        return width > 0;
    }

    @Override
    public String toString() {
        return isImage() ? width + "×" + height + " image" : "plain values";
    }
}
