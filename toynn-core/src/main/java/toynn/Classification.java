package toynn;

/**
 * One class and how sure the network is of it, as {@link NeuralNetwork#classify(double[])} returns
 * them (best first). With a softmax output layer the confidences are probabilities that add up to 1;
 * a network with a single output gives two classes, "1" with its output {@code p} and "0" with {@code 1 − p}.
 *
 * @param label      the class name (or its index as text when the network has no class names)
 * @param confidence the network's output for this class ({@code 1 − p} for class 0 of a single output)
 */
public record Classification(String label, double confidence) {
    @Override
    public String toString() {
        return label + " (" + String.format(java.util.Locale.ROOT, "%.3f", confidence) + ")";
    }
}
