package toynn;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import toynn.util.Rng;

/**
 * The matrix of the Coding Train's Toy-Neural-Network-JS, in Java: a {@code rows × cols} grid of
 * numbers with the operations the lecture uses. It is the teaching type — {@link TrainingStep}
 * reports the lecture's quantities as matrices — while the network itself computes on float32
 * arrays (see {@link toynn.layers.Dense}).
 *
 * <p>As in Toy-NN-JS, instance methods change this matrix and return it (so calls chain), and the
 * static methods {@link #subtract}, {@link #transpose}, {@link #multiply(Matrix, Matrix)} and
 * {@link #map(Matrix, MatrixFunction)} return a new one. {@code map} takes {@code (value, row, col) -> …}
 * or, like the lecture's {@code map(sigmoid)}, a function of the value alone. A shape mismatch throws an
 * {@link IllegalArgumentException} that names both shapes.
 */
public final class Matrix {
    /** A function of one entry and its position, for {@link #map(MatrixFunction)}. */
    @FunctionalInterface
    public interface MatrixFunction {
        /** The new value of the entry at {@code (row, col)} whose value is {@code value}. */
        double apply(double value, int row, int col);
    }

    private final int rows;
    private final int cols;
    private final double[] data; // (rows, cols) row-major

    /** A {@code rows × cols} matrix of zeros. */
    public Matrix(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("a matrix needs at least 1 row and 1 column, got " + rows + "×" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix is too large for one array");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = new double[rows * cols];
    }

    /** A matrix with the given rows (copied); all rows must have the same length. */
    public static Matrix of(double[][] values) {
        Objects.requireNonNull(values, "values must not be null");
        if (values.length == 0 || values[0] == null || values[0].length == 0) {
            throw new IllegalArgumentException("a matrix needs at least 1 row and 1 column");
        }
        Matrix m = new Matrix(values.length, values[0].length);
        for (int r = 0; r < m.rows; r++) {
            if (values[r] == null || values[r].length != m.cols) {
                throw new IllegalArgumentException("row " + r + " has " + (values[r] == null ? "no" : values[r].length)
                        + " values; expected " + m.cols + " like row 0");
            }
            System.arraycopy(values[r], 0, m.data, r * m.cols, m.cols);
        }
        return m;
    }

    /** A column vector ({@code n × 1}) holding {@code values}: how the lecture turns inputs into a matrix. */
    public static Matrix fromArray(double[] values) {
        Objects.requireNonNull(values, "values must not be null");
        Matrix m = new Matrix(values.length, 1);
        System.arraycopy(values, 0, m.data, 0, values.length);
        return m;
    }

    /** A column vector from float32 values. */
    public static Matrix fromArray(float[] values) {
        Objects.requireNonNull(values, "values must not be null");
        Matrix m = new Matrix(values.length, 1);
        for (int i = 0; i < values.length; i++) {
            m.data[i] = values[i];
        }
        return m;
    }

    /** A {@code rows × cols} matrix from row-major float32 values (copied). */
    public static Matrix fromRowMajor(float[] values, int rows, int cols) {
        Objects.requireNonNull(values, "values must not be null");
        Matrix m = new Matrix(rows, cols);
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows * cols + " values for a " + rows + "×" + cols
                    + " matrix, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            m.data[i] = values[i];
        }
        return m;
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int cols() {
        return cols;
    }

    /** The entry at {@code (row, col)}. */
    public double get(int row, int col) {
        checkIndex(row, col);
        return data[row * cols + col];
    }

    /** Sets the entry at {@code (row, col)}; returns this matrix. */
    public Matrix set(int row, int col, double value) {
        checkIndex(row, col);
        data[row * cols + col] = value;
        return this;
    }

    /** A deep copy. */
    public Matrix copy() {
        Matrix m = new Matrix(rows, cols);
        System.arraycopy(data, 0, m.data, 0, data.length);
        return m;
    }

    /** All entries, row by row (a column vector gives its values in order). */
    public double[] toArray() {
        return data.clone();
    }

    /** The entries as an array of rows. */
    public double[][] toArray2D() {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, r * cols, out[r], 0, cols);
        }
        return out;
    }

    /** Fills every entry uniformly in [−1, 1), as Toy-NN-JS does, from {@link Math#random()}. */
    public Matrix randomize() {
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.random() * 2 - 1;
        }
        return this;
    }

    /** Fills every entry uniformly in [−1, 1) from a seeded generator: reproducible. */
    public Matrix randomize(Rng rng) {
        Objects.requireNonNull(rng, "rng must not be null (or call randomize() for Math.random)");
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.uniform(-1, 1);
        }
        return this;
    }

    /** Adds {@code n} to every entry; returns this matrix. */
    public Matrix add(double n) {
        for (int i = 0; i < data.length; i++) {
            data[i] += n;
        }
        return this;
    }

    /** Adds {@code other} entry by entry; returns this matrix. */
    public Matrix add(Matrix other) {
        requireSameShape("add", other);
        for (int i = 0; i < data.length; i++) {
            data[i] += other.data[i];
        }
        return this;
    }

    /** Subtracts {@code other} entry by entry, in place; returns this matrix. */
    public Matrix sub(Matrix other) {
        requireSameShape("subtract", other);
        for (int i = 0; i < data.length; i++) {
            data[i] -= other.data[i];
        }
        return this;
    }

    /** {@code a − b}, entry by entry, as a new matrix (the lecture's {@code E = target − output}). */
    public static Matrix subtract(Matrix a, Matrix b) {
        return Objects.requireNonNull(a, "matrix a must not be null").copy().sub(b);
    }

    /** {@code mᵀ} as a new matrix. */
    public static Matrix transpose(Matrix m) {
        Objects.requireNonNull(m, "matrix must not be null");
        Matrix t = new Matrix(m.cols, m.rows);
        for (int r = 0; r < m.rows; r++) {
            for (int c = 0; c < m.cols; c++) {
                t.data[c * m.rows + r] = m.data[r * m.cols + c];
            }
        }
        return t;
    }

    /** The matrix product {@code a · b} as a new matrix; {@code a.cols} must equal {@code b.rows}. */
    public static Matrix multiply(Matrix a, Matrix b) {
        Objects.requireNonNull(a, "matrix a must not be null");
        Objects.requireNonNull(b, "matrix b must not be null");
        if (a.cols != b.rows) {
            throw new IllegalArgumentException("matrix product needs columns of A = rows of B, but A is "
                    + a.shape() + " and B is " + b.shape());
        }
        Matrix c = new Matrix(a.rows, b.cols);
        for (int i = 0; i < a.rows; i++) {
            for (int p = 0; p < a.cols; p++) {
                double av = a.data[i * a.cols + p];
                for (int j = 0; j < b.cols; j++) {
                    c.data[i * b.cols + j] += av * b.data[p * b.cols + j];
                }
            }
        }
        return c;
    }

    /** Element-wise (Hadamard) product with {@code other}, in place; returns this matrix. */
    public Matrix multiply(Matrix other) {
        requireSameShape("multiply element-wise", other);
        for (int i = 0; i < data.length; i++) {
            data[i] *= other.data[i];
        }
        return this;
    }

    /** Multiplies every entry by {@code n}; returns this matrix. */
    public Matrix multiply(double n) {
        for (int i = 0; i < data.length; i++) {
            data[i] *= n;
        }
        return this;
    }

    /** Replaces every entry by {@code fn(value, row, col)}; returns this matrix. */
    public Matrix map(MatrixFunction fn) {
        Objects.requireNonNull(fn, "function must not be null");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                data[i] = fn.apply(data[i], r, c);
            }
        }
        return this;
    }

    /** {@code fn} applied to every entry of {@code m}, as a new matrix. */
    public static Matrix map(Matrix m, MatrixFunction fn) {
        return Objects.requireNonNull(m, "matrix must not be null").copy().map(fn);
    }

    /**
     * Replaces every entry by {@code fn(value)}; returns this matrix — the lecture's
     * {@code hidden.map(sigmoid)} with a one-argument function, e.g. {@code m.map(x -> 1 / (1 + Math.exp(-x)))}.
     */
    public Matrix map(DoubleUnaryOperator fn) {
        Objects.requireNonNull(fn, "function must not be null");
        return map((value, row, col) -> fn.applyAsDouble(value));
    }

    /** {@code fn} applied to every entry of {@code m}, as a new matrix (the one-argument form). */
    public static Matrix map(Matrix m, DoubleUnaryOperator fn) {
        return Objects.requireNonNull(m, "matrix must not be null").copy().map(fn);
    }

    /** The shape as text, e.g. {@code "2×3"}. */
    public String shape() {
        return rows + "×" + cols;
    }

    /** Prints the matrix to standard output, like Toy-NN-JS's {@code print()}; returns this matrix. */
    public Matrix print() {
        System.out.println(this);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix ").append(shape()).append('\n');
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "[[" : " [");
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    sb.append(", ");
                }
                sb.append(String.format(java.util.Locale.ROOT, "%9.5f", data[r * cols + c]));
            }
            sb.append(r == rows - 1 ? "]]" : "]\n");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    private void requireSameShape(String op, Matrix other) {
        Objects.requireNonNull(other, "the other matrix must not be null");
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("cannot " + op + ": shapes differ, " + shape() + " and " + other.shape()
                    + " (both must have the same rows and columns)");
        }
    }

    private void checkIndex(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside a " + shape() + " matrix");
        }
    }
}
