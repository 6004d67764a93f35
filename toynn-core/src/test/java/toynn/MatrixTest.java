package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toynn.Messages.assertMessage;

import org.junit.jupiter.api.Test;
import toynn.util.Rng;

/** The Toy-NN-JS matrix operations, each with its values checked, and shape errors naming both shapes. */
class MatrixTest {
    private static final double[][] A = {{1, 2, 3}, {4, 5, 6}};        // 2×3
    private static final double[][] B = {{-1, 0.5, 2}, {3, -2, 0.25}}; // 2×3

    @Test
    void constructorMakesZerosOfTheGivenShape() {
        Matrix m = new Matrix(3, 2);
        assertEquals(3, m.rows());
        assertEquals(2, m.cols());
        assertEquals("3×2", m.shape());
        assertArrayEquals(new double[6], m.toArray());
    }

    @Test
    void badShapesAndIndices() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Matrix(0, 3)), "at least 1 row", "0×3");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Matrix(2, -1)), "2×-1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Matrix(100_000, 100_000)), "too large");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1, 2}, {3}})),
                "row 1 has 1 values; expected 2");
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> Matrix.of(A).get(2, 0)),
                "(2, 0) is outside a 2×3 matrix");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Matrix.fromArray(new double[0])),
                "at least 1 row");
    }

    @Test
    void fromArrayMakesAColumnAndToArrayReadsRowByRow() {
        Matrix col = Matrix.fromArray(new double[] {7, 8, 9});
        assertEquals("3×1", col.shape());
        assertEquals(8, col.get(1, 0));
        assertArrayEquals(new double[] {7, 8, 9}, col.toArray());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Matrix.of(A).toArray());
        assertArrayEquals(A, Matrix.of(A).toArray2D());
        Matrix f = Matrix.fromArray(new float[] {0.5f, -1.25f});
        assertArrayEquals(new double[] {0.5, -1.25}, f.toArray());
        Matrix rm = Matrix.fromRowMajor(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertEquals(6, rm.get(2, 1));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Matrix.fromRowMajor(new float[5], 3, 2)),
                "expected 6 values for a 3×2 matrix, got 5");
    }

    @Test
    void copyIsDeep() {
        Matrix m = Matrix.of(A);
        Matrix c = m.copy();
        assertNotSame(m, c);
        assertEquals(m, c);
        c.set(0, 0, 100);
        assertEquals(1, m.get(0, 0));
        double[] arr = m.toArray();
        arr[0] = -5;
        assertEquals(1, m.get(0, 0), "toArray returns a copy");
    }

    @Test
    void randomizeFillsMinusOneToOne() {
        Matrix m = new Matrix(20, 30).randomize();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : m.toArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= -1 && max < 1, "range [" + min + ", " + max + "]");
        assertTrue(min < -0.9 && max > 0.9, "600 uniform draws should come near both ends");
        Matrix a = new Matrix(4, 4).randomize(new Rng(5));
        Matrix b = new Matrix(4, 4).randomize(new Rng(5));
        assertEquals(a, b, "same seed, same matrix");
        assertNotEquals(a, new Matrix(4, 4).randomize(new Rng(6)));
    }

    @Test
    void addScalarAndElementWise() {
        Matrix m = Matrix.of(A);
        assertSame(m, m.add(10));
        assertArrayEquals(new double[] {11, 12, 13, 14, 15, 16}, m.toArray());
        Matrix s = Matrix.of(A).add(Matrix.of(B));
        assertArrayEquals(new double[] {0, 2.5, 5, 7, 3, 6.25}, s.toArray());
    }

    @Test
    void subtractIsANewMatrix() {
        Matrix a = Matrix.of(A);
        Matrix d = Matrix.subtract(a, Matrix.of(B));
        assertArrayEquals(new double[] {2, 1.5, 1, 1, 7, 5.75}, d.toArray());
        assertEquals(Matrix.of(A), a, "subtract leaves its arguments alone");
        assertArrayEquals(new double[] {2, 1.5, 1, 1, 7, 5.75}, Matrix.of(A).sub(Matrix.of(B)).toArray());
    }

    @Test
    void transpose() {
        Matrix t = Matrix.transpose(Matrix.of(A));
        assertEquals("3×2", t.shape());
        assertArrayEquals(new double[][] {{1, 4}, {2, 5}, {3, 6}}, t.toArray2D());
    }

    @Test
    void matrixProduct() {
        Matrix c = Matrix.multiply(Matrix.of(A), Matrix.transpose(Matrix.of(B)));  // (2×3)·(3×2)
        // Row i of A dotted with row j of B, by hand.
        assertArrayEquals(new double[][] {{1 * -1 + 2 * 0.5 + 3 * 2, 1 * 3 + 2 * -2 + 3 * 0.25},
                                          {4 * -1 + 5 * 0.5 + 6 * 2, 4 * 3 + 5 * -2 + 6 * 0.25}}, c.toArray2D());
        Matrix v = Matrix.multiply(Matrix.of(A), Matrix.fromArray(new double[] {1, 0, -1}));
        assertArrayEquals(new double[] {-2, -2}, v.toArray());
    }

    @Test
    void elementWiseAndScalarMultiply() {
        Matrix h = Matrix.of(A).multiply(Matrix.of(B));
        assertArrayEquals(new double[] {-1, 1, 6, 12, -10, 1.5}, h.toArray());
        Matrix s = Matrix.of(A).multiply(0.5);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.5, 3}, s.toArray());
    }

    @Test
    void mapSeesValueRowAndColumn() {
        Matrix m = Matrix.of(A).map((v, r, c) -> v * 100 + r * 10 + c);
        assertArrayEquals(new double[][] {{100, 201, 302}, {410, 511, 612}}, m.toArray2D());
        Matrix src = Matrix.of(A);
        Matrix sq = Matrix.map(src, (v, r, c) -> v * v);
        assertArrayEquals(new double[] {1, 4, 9, 16, 25, 36}, sq.toArray());
        assertEquals(Matrix.of(A), src, "static map returns a new matrix");
    }

    /** The lecture maps with a one-argument function (hidden.map(sigmoid)); only (v, r, c) compiled before. */
    @Test
    void mapTakesAFunctionOfTheValueAlone() {
        Matrix m = Matrix.of(A);
        assertSame(m, m.map(x -> x * x), "instance map changes this matrix and returns it");
        assertArrayEquals(new double[] {1, 4, 9, 16, 25, 36}, m.toArray());
        Matrix src = Matrix.of(A);
        Matrix sig = Matrix.map(src, x -> 1 / (1 + Math.exp(-x)));
        assertEquals(1 / (1 + Math.exp(-6)), sig.get(1, 2), 0);
        assertEquals(Matrix.of(A), src, "static map returns a new matrix");
        assertMessage(assertThrows(NullPointerException.class,
                () -> src.map((java.util.function.DoubleUnaryOperator) null)), "function must not be null");
    }

    @Test
    void toStringShowsShapeAndValues() {
        String s = Matrix.of(new double[][] {{1, -0.5}, {0.25, 2}}).toString();
        assertEquals("Matrix 2×2\n[[  1.00000,  -0.50000]\n [  0.25000,   2.00000]]", s);
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        Matrix a = Matrix.of(A);                       // 2×3
        Matrix other = new Matrix(3, 2);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.copy().add(other)), "2×3", "3×2", "add");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Matrix.subtract(a, other)), "2×3", "3×2");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.copy().multiply(other)),
                "2×3", "3×2", "element-wise");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Matrix.multiply(a, a)),
                "A is 2×3 and B is 2×3", "columns of A = rows of B");
        assertMessage(assertThrows(NullPointerException.class, () -> a.add((Matrix) null)), "must not be null");
    }

    /** The static operations and randomize(Rng) failed on null with the JVM's "Cannot read field" instead. */
    @Test
    void nullMatricesAreNamed() {
        Matrix m = new Matrix(1, 1);
        assertMessage(assertThrows(NullPointerException.class, () -> Matrix.multiply(null, m)), "matrix a must not be null");
        assertMessage(assertThrows(NullPointerException.class, () -> Matrix.multiply(m, null)), "matrix b must not be null");
        assertMessage(assertThrows(NullPointerException.class, () -> Matrix.subtract(null, m)), "matrix a must not be null");
        assertMessage(assertThrows(NullPointerException.class, () -> Matrix.transpose(null)), "matrix must not be null");
        assertMessage(assertThrows(NullPointerException.class, () -> Matrix.map(null, (v, r, c) -> v)),
                "matrix must not be null");
        assertMessage(assertThrows(NullPointerException.class, () -> m.randomize(null)), "rng must not be null");
    }
}
