package toynn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import toynn.DataSet;
import toynn.NeuralNetwork;
import toynn.util.Checks;

/**
 * Examples gathered one at a time, as a sketch's {@code addData} does: each with either a class
 * label or a row of target numbers (not both kinds in one collection). Labels become classes in
 * the order they first appear, unless the class names were fixed up front. A network with a single
 * output is a binary classifier: it takes two labels, the first class as target 0 and the second as
 * target 1 (one label alone is kept as before: a one-hot column of ones). Stored as growing
 * float32 arrays; {@link #toDataSet()} copies them into a {@link DataSet}.
 */
public final class DataCollector {
    private final int inputSize;
    private final int outputSize;
    private final List<String> classNames;
    private final boolean fixedClasses;
    private float[] inputs = new float[0];      // (capacity, inputSize)
    private float[] targets = new float[0];     // (capacity, outputSize) for targets; (capacity) class indices for labels
    private int size;
    private Boolean labelled;                   // null until the first example

    /**
     * An empty collection for a network with {@code inputSize} inputs and {@code outputSize} outputs.
     *
     * @param classNames the classes in output order, or an empty list to take labels as they come
     */
    public DataCollector(int inputSize, int outputSize, List<String> classNames) {
        if (inputSize <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException("sizes must be positive, got " + inputSize + " inputs and " + outputSize + " outputs");
        }
        Objects.requireNonNull(classNames, "classNames must not be null (use an empty list)");
        if (!classNames.isEmpty() && !NeuralNetwork.classNamesFit(classNames.size(), outputSize)) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + outputSize + " outputs; expected one per output"
                    + (outputSize == 1 ? " (or two: a single output is a binary classifier)" : ""));
        }
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.classNames = new ArrayList<>(classNames);
        this.fixedClasses = !classNames.isEmpty();
    }

    /**
     * Adds an example with a class label.
     *
     * @throws IllegalArgumentException for a wrong input length, non-finite values, a blank label, an
     *                                  unknown label when the classes are fixed, more labels than outputs,
     *                                  or when earlier examples had target numbers
     */
    public void add(double[] input, String label) {
        Checks.vector(input, inputSize, "input");
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must be a non-blank text, got " + (label == null ? "null" : "\"" + label + "\""));
        }
        kind(true);
        int c = classNames.indexOf(label);
        if (c < 0) {
            if (fixedClasses) {
                throw new IllegalArgumentException("unknown label \"" + label + "\"; expected one of " + classNames);
            }
            if (classNames.size() == maxClasses()) {
                throw new IllegalArgumentException("label \"" + label + "\" would be class " + (classNames.size() + 1)
                        + ", but the network has " + outputSize + (outputSize == 1 ? " output, a binary classifier of two"
                        + " classes" : " outputs, one per class") + "; the labels so far are " + classNames);
            }
            classNames.add(label);
            c = classNames.size() - 1;
        }
        grow();
        copyInput(input);
        targets[size] = c;
        size++;
    }

    /**
     * Adds an example with target numbers (one per output).
     *
     * @throws IllegalArgumentException for wrong lengths, non-finite values, or when earlier examples had labels
     */
    public void add(double[] input, double[] target) {
        Checks.vector(input, inputSize, "input");
        Checks.vector(target, outputSize, "target");
        kind(false);
        grow();
        copyInput(input);
        for (int j = 0; j < outputSize; j++) {
            targets[size * outputSize + j] = (float) target[j];
        }
        size++;
    }

    /** Classes the network can tell apart: one per output, or two for a single output (binary). */
    private int maxClasses() {
        return outputSize == 1 ? 2 : outputSize;
    }

    private void kind(boolean withLabel) {
        if (labelled != null && labelled != withLabel) {
            throw new IllegalArgumentException("this data has " + (labelled ? "labels" : "target numbers")
                    + "; add every example the same way (a label for classification, numbers for regression)");
        }
        labelled = withLabel;
    }

    private void copyInput(double[] input) {
        for (int j = 0; j < inputSize; j++) {
            inputs[size * inputSize + j] = (float) input[j];
        }
    }

    private void grow() {
        if (size * inputSize == inputs.length) {
            int cap = Math.max(16, size * 2);
            inputs = Arrays.copyOf(inputs, Math.multiplyExact(cap, inputSize));
            targets = Arrays.copyOf(targets, Math.multiplyExact(cap, outputSize));
        }
    }

    /** Number of examples added. */
    public int size() {
        return size;
    }

    /** True when examples came with labels, false with target numbers, and false when empty. */
    public boolean isClassification() {
        return Boolean.TRUE.equals(labelled);
    }

    /** The classes so far, in output order (a copy). */
    public List<String> classNames() {
        return List.copyOf(classNames);
    }

    /** Forgets every example (fixed class names stay). */
    public void clear() {
        size = 0;
        labelled = null;
        inputs = new float[0];
        targets = new float[0];
        if (!fixedClasses) {
            classNames.clear();
        }
    }

    /**
     * The examples as a data set (copied). Labelled data gets one-hot targets over all
     * {@code outputSize} outputs and the class names; with two classes for a single output, the
     * targets are one column of 0s and 1s (the class index) and the data set names no classes (it
     * names one class per column; {@link #classNames()} has them).
     *
     * @throws IllegalStateException when nothing was added, or labelled data has fewer classes than outputs
     *                               (than two, for a single output)
     */
    public DataSet toDataSet() {
        if (size == 0) {
            throw new IllegalStateException("no data yet; add examples with addData(inputs, label or targets) first");
        }
        float[] x = Arrays.copyOf(inputs, size * inputSize);
        if (!isClassification()) {
            return DataSet.of(x, Arrays.copyOf(targets, size * outputSize), size, inputSize, outputSize);
        }
        if (outputSize == 1 && classNames.size() == 2) {
            return DataSet.of(x, Arrays.copyOf(targets, size), size, inputSize, 1);   // the index is the 0/1 target
        }
        if (outputSize == 1) {                  // one class would be trained as 1, and flip to 0 once a second came
            throw new IllegalStateException("the network has one output, a binary classifier, but the data has one "
                    + "label " + classNames + "; add examples of the other class too");
        }
        if (classNames.size() != outputSize) {
            throw new IllegalStateException("the network has " + outputSize + " outputs, one per class, but the data has "
                    + classNames.size() + " labels " + classNames + "; add examples of every class");
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = (int) targets[i];
        }
        DataSet ds = DataSet.ofLabels(x, inputSize, labels, classNames);
        return ds;
    }
}
