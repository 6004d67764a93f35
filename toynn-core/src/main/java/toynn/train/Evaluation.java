package toynn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a network does on a data set ({@code NeuralNetwork.evaluate}): the mean loss, and for
 * classification the accuracy, confusion matrix and per-class precision, recall and F1; for every
 * network MSE, MAE and R² over the outputs (see {@link Metrics} for the definitions).
 */
public final class Evaluation {
    private final int size;
    private final double loss;
    private final boolean classification;
    private final List<String> classNames;
    private final int[][] confusion;
    private final double accuracy;
    private final double mse;
    private final double mae;
    private final double r2;

    private Evaluation(int size, double loss, boolean classification, List<String> classNames, int[][] confusion,
                       double accuracy, double mse, double mae, double r2) {
        this.size = size;
        this.loss = loss;
        this.classification = classification;
        this.classNames = classNames;
        this.confusion = confusion;
        this.accuracy = accuracy;
        this.mse = mse;
        this.mae = mae;
        this.r2 = r2;
    }

    /**
     * Scores {@code outputs} against {@code targets}, both (rows, cols).
     *
     * @param classNames     one per class (empty or null: "0", "1", …); a single output column has two classes,
     *                       class 0's name then class 1's; ignored unless {@code classification}
     * @param classification whether to compute the classification scores
     * @param loss           the mean loss, as computed by the caller
     * @throws IllegalArgumentException if the sizes do not fit, or {@code classification} and the class names are
     *                                  neither one per class nor none
     */
    public static Evaluation of(float[] outputs, float[] targets, int rows, int cols, List<String> classNames,
                                boolean classification, double loss) {
        long n = (long) rows * cols;
        if (rows < 1 || cols < 1 || outputs == null || targets == null || outputs.length < n || targets.length < n) {
            throw new IllegalArgumentException("outputs and targets must hold " + rows + "×" + cols + " values, got "
                    + (outputs == null ? "null" : outputs.length) + " and " + (targets == null ? "null" : targets.length));
        }
        List<String> names = List.of();
        int[][] cm = new int[0][0];
        double acc = Double.NaN;
        if (classification) {
            int k = Metrics.classCount(cols);
            names = classNames == null || classNames.isEmpty() ? defaultNames(k) : checkNames(classNames, k, cols);
            cm = Metrics.confusionMatrix(outputs, targets, rows, cols);
            acc = Metrics.accuracy(outputs, targets, rows, cols);
        }
        return new Evaluation(rows, loss, classification, names, cm, acc, Metrics.mse(outputs, targets, rows, cols),
                Metrics.mae(outputs, targets, rows, cols), Metrics.r2(outputs, targets, rows, cols));
    }

    /** {@code names} when there is one per class, copied; refused otherwise (they would label the wrong classes). */
    private static List<String> checkNames(List<String> names, int k, int cols) {
        if (names.size() != k) {
            throw new IllegalArgumentException(names.size() + " class names " + names + " for " + k + " classes"
                    + (cols == 1 ? " (a single output column has two: class 0's name, then class 1's)"
                            : " (one per output column)")
                    + "; expected " + k + " names, or none for \"0\", \"1\", …");
        }
        for (int i = 0; i < k; i++) {
            if (names.get(i) == null) {
                throw new IllegalArgumentException("class name " + i + " is null; expected a name per class");
            }
        }
        return List.copyOf(names);
    }

    private static List<String> defaultNames(int k) {
        List<String> n = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            n.add(Integer.toString(i));
        }
        return List.copyOf(n);
    }

    /** The number of samples scored. */
    public int size() {
        return size;
    }

    /** The mean loss per sample (the network's loss, without weight decay). */
    public double loss() {
        return loss;
    }

    /** Whether the classification scores were computed. */
    public boolean isClassification() {
        return classification;
    }

    /** The fraction classified correctly; NaN for regression. */
    public double accuracy() {
        return accuracy;
    }

    /** The class names, in column order; empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** A copy of the confusion matrix, {@code [true class][predicted class]}; empty for regression. */
    public int[][] confusionMatrix() {
        int[][] c = new int[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    /** Precision of class {@code c}. */
    public double precision(int c) {
        return Metrics.precision(confusion, checkClass(c));
    }

    /** Recall of class {@code c}. */
    public double recall(int c) {
        return Metrics.recall(confusion, checkClass(c));
    }

    /** F1 score of class {@code c}. */
    public double f1(int c) {
        return Metrics.f1(confusion, checkClass(c));
    }

    /** The unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        double s = 0;
        for (int c = 0; c < confusion.length; c++) {
            s += f1(c);
        }
        return confusion.length == 0 ? Double.NaN : s / confusion.length;
    }

    /** Mean squared error over all output values. */
    public double mse() {
        return mse;
    }

    /** Mean absolute error over all output values. */
    public double mae() {
        return mae;
    }

    /** R², averaged over output columns. */
    public double r2() {
        return r2;
    }

    private int checkClass(int c) {
        if (!classification) {
            throw new IllegalStateException("per-class scores exist only for classification; this evaluation is regression");
        }
        if (c < 0 || c >= confusion.length) {
            throw new IllegalArgumentException("class " + c + " does not exist; classes are 0 to " + (confusion.length - 1));
        }
        return c;
    }

    /** A short report: loss, accuracy and a per-class table, or the regression scores. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d samples, loss %.4f", size, loss));
        if (classification) {
            sb.append(String.format(Locale.ROOT, ", accuracy %.4f%n", accuracy));
            sb.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s%n", "class", "precision", "recall", "f1"));
            for (int c = 0; c < confusion.length; c++) {
                sb.append(String.format(Locale.ROOT, "%-16s %9.4f %9.4f %9.4f%n", classNames.get(c), precision(c),
                        recall(c), f1(c)));
            }
        } else {
            sb.append(String.format(Locale.ROOT, ", MSE %.6g, MAE %.6g, R² %.4f%n", mse, mae, r2));
        }
        return sb.toString();
    }
}
