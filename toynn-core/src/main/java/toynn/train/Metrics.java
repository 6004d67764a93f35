package toynn.train;

import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;

/**
 * Scores of outputs against targets, both (rows, cols) row-major (arrays may be longer: the first
 * {@code rows·cols} values count; fewer, or {@code rows} or {@code cols} below 1, is an
 * {@link IllegalArgumentException}). For classification a row's class is
 * the column of its largest value, or — with a single column — 1 when the value is ≥ 0.5, else 0.
 * Regression scores follow scikit-learn: {@link #mse} and {@link #mae} average over every value,
 * {@link #r2} averages the per-column R² (its {@code multioutput="uniform_average"}).
 */
public final class Metrics {
    private Metrics() {
    }

    /** The class of row {@code row}: arg max over the columns, or the 0.5 threshold for one column. */
    public static int classOf(float[] values, int row, int cols) {
        if (values == null || cols < 1) {
            throw new IllegalArgumentException("classOf needs values and cols ≥ 1, got "
                    + (values == null ? "null values" : "cols " + cols));
        }
        if (row < 0 || ((long) row + 1) * cols > values.length) {           // long before + 1: row may be 2^31 − 1
            throw new IllegalArgumentException("row " + row + " does not exist: " + values.length + " values of " + cols
                    + " columns hold rows 0 to " + (values.length / cols - 1));
        }
        return classOfRow(values, row, cols);
    }

    private static int classOfRow(float[] values, int row, int cols) {
        int o = row * cols;
        if (cols == 1) {
            return values[o] >= 0.5f ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < cols; j++) {
            if (values[o + j] > values[o + best]) {
                best = j;
            }
        }
        return best;
    }

    /** The number of classes a (rows, cols) output encodes: {@code cols}, or 2 for a single column. */
    public static int classCount(int cols) {
        return cols == 1 ? 2 : cols;
    }

    /** How many rows have the same class in outputs and targets. */
    public static int countCorrect(float[] outputs, float[] targets, int rows, int cols) {
        checkShape(outputs, targets, rows, cols);
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            if (classOfRow(outputs, r, cols) == classOfRow(targets, r, cols)) {
                correct++;
            }
        }
        return correct;
    }

    /** The fraction of rows classified correctly. */
    public static double accuracy(float[] outputs, float[] targets, int rows, int cols) {
        return (double) countCorrect(outputs, targets, rows, cols) / rows;
    }

    /** {@code cm[true class][predicted class]} counts (scikit-learn's orientation). */
    public static int[][] confusionMatrix(float[] outputs, float[] targets, int rows, int cols) {
        checkShape(outputs, targets, rows, cols);
        int k = classCount(cols);
        int[][] cm = new int[k][k];
        for (int r = 0; r < rows; r++) {
            cm[classOfRow(targets, r, cols)][classOfRow(outputs, r, cols)]++;
        }
        return cm;
    }

    /**
     * Precision of class {@code c}: {@code TP / (TP + FP)}, 0 when nothing was predicted as {@code c}.
     *
     * @param cm a square confusion matrix, {@code cm[true class][predicted class]}; not modified
     * @throws IllegalArgumentException unless {@code cm} is square and {@code c} is one of its classes
     */
    public static double precision(int[][] cm, int c) {
        checkClass(cm, c);
        long predicted = 0;
        for (int[] row : cm) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) cm[c][c] / predicted;
    }

    /**
     * Recall of class {@code c}: {@code TP / (TP + FN)}, 0 when {@code c} never occurs.
     *
     * @param cm a square confusion matrix, {@code cm[true class][predicted class]}; not modified
     * @throws IllegalArgumentException unless {@code cm} is square and {@code c} is one of its classes
     */
    public static double recall(int[][] cm, int c) {
        checkClass(cm, c);
        long actual = 0;
        for (int v : cm[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) cm[c][c] / actual;
    }

    /** F1 of class {@code c}: the harmonic mean {@code 2PR/(P + R)}, 0 when both are 0. */
    public static double f1(int[][] cm, int c) {
        double p = precision(cm, c);
        double r = recall(cm, c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Mean squared error over all values: {@code Σ(t − o)² / (rows·cols)}. */
    public static double mse(float[] outputs, float[] targets, int rows, int cols) {
        checkShape(outputs, targets, rows, cols);
        double s = 0;
        for (int i = 0; i < rows * cols; i++) {
            double e = (double) targets[i] - outputs[i];
            s += e * e;
        }
        return s / ((double) rows * cols);
    }

    /** Mean absolute error over all values: {@code Σ|t − o| / (rows·cols)}. */
    public static double mae(float[] outputs, float[] targets, int rows, int cols) {
        checkShape(outputs, targets, rows, cols);
        double s = 0;
        for (int i = 0; i < rows * cols; i++) {
            s += Math.abs((double) targets[i] - outputs[i]);
        }
        return s / ((double) rows * cols);
    }

    /**
     * Coefficient of determination, averaged over columns: per column {@code 1 − SS_res / SS_tot} with
     * {@code SS_tot = Σ(t − mean t)²}; a constant column scores 1 if predicted exactly, else 0.
     */
    public static double r2(float[] outputs, float[] targets, int rows, int cols) {
        checkShape(outputs, targets, rows, cols);
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += targets[r * cols + j];
            }
            mean /= rows;
            double ssRes = 0;
            double ssTot = 0;
            for (int r = 0; r < rows; r++) {
                double t = targets[r * cols + j];
                double e = t - outputs[r * cols + j];
                ssRes += e * e;
                ssTot += (t - mean) * (t - mean);
            }
            sum += ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
        }
        return sum / cols;
    }

    /** Outputs and targets hold at least (rows, cols) values each, with rows, cols ≥ 1. */
    private static void checkShape(float[] outputs, float[] targets, int rows, int cols) {
        long n = (long) rows * cols;
        if (rows < 1 || cols < 1 || outputs == null || targets == null || outputs.length < n || targets.length < n) {
            throw new IllegalArgumentException("outputs and targets must each hold " + rows + "×" + cols
                    + " values (at least 1×1), got " + (outputs == null ? "null" : outputs.length) + " and "
                    + (targets == null ? "null" : targets.length));
        }
    }

    /** {@code c} is a class of {@code cm}, and {@code cm} is square (the sums read a whole row and a whole column). */
    private static void checkClass(int[][] cm, int c) {
        if (cm == null || c < 0 || c >= cm.length) {
            throw new IllegalArgumentException("class " + c + " does not exist; the confusion matrix has classes 0 to "
                    + (cm == null ? "? (it is null)" : cm.length - 1));
        }
        for (int i = 0; i < cm.length; i++) {
            if (cm[i] == null || cm[i].length != cm.length) {
                throw new IllegalArgumentException("the confusion matrix must be square, " + cm.length + "×" + cm.length
                        + " (cm[true class][predicted class]), but row " + i + " has "
                        + (cm[i] == null ? "no array" : cm[i].length + " values"));
            }
        }
    }

    /**
     * Whether training on {@code data} with this loss and output activation is classification: the data
     * names classes, or the loss is a cross-entropy, or the output is softmax, or every target row is a
     * class label (one-hot rows, or a single 0/1 column).
     */
    public static boolean isClassification(DataSet data, Loss loss, ActivationFunction output) {
        java.util.Objects.requireNonNull(data, "data must not be null");
        if (data.isClassification() || loss != Loss.MSE || output == ActivationFunction.SOFTMAX) {
            return true;
        }
        float[] t = data.targets();
        int cols = data.targetSize();
        for (int r = 0; r < data.size(); r++) {
            int ones = 0;
            for (int j = 0; j < cols; j++) {
                float v = t[r * cols + j];
                if (v == 1f) {
                    ones++;
                } else if (v != 0f) {
                    return false;
                }
            }
            if (cols > 1 && ones != 1) {
                return false;
            }
        }
        return true;
    }
}
