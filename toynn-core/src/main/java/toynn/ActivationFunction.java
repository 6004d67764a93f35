package toynn;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import toynn.kernels.FusedActivation;

/**
 * An activation function {@code y = f(x)} together with its derivative written from the
 * output, {@code f′ = g(y)} — the way the lecture writes sigmoid's derivative as {@code y(1−y)}.
 *
 * <p>Built in: {@link #SIGMOID}, {@link #TANH}, {@link #RELU}, {@link #LEAKY_RELU} (slope 0.01),
 * {@link #ELU} (α = 1), {@link #LINEAR} and {@link #SOFTMAX} (output layer only; it couples a
 * row's values, so its "derivative" is applied as a Jacobian–vector product). Custom functions come
 * from {@link #of(DoubleUnaryOperator, DoubleUnaryOperator)}; they work everywhere but cannot be
 * saved to a file, because a file holds data, not code.
 *
 * <p>The array methods work on row-major float32 blocks of {@code rows × cols} values.
 */
public abstract class ActivationFunction {
    /** {@code σ(x) = 1/(1+e^(−x))}, {@code σ′ = y(1−y)}. */
    public static final ActivationFunction SIGMOID = new Sigmoid();
    /** {@code tanh(x)}, derivative {@code 1 − y²}. */
    public static final ActivationFunction TANH = new Tanh();
    /** {@code max(0, x)}, derivative {@code 1} where {@code y > 0}, else {@code 0}. */
    public static final ActivationFunction RELU = new Relu();
    /** {@code x} for {@code x > 0}, else {@code 0.01·x}; derivative {@code 1} or {@code 0.01}. */
    public static final ActivationFunction LEAKY_RELU = new LeakyRelu();
    /** Exponential linear unit (Clevert et al. 2015), α = 1: {@code x} or {@code e^x − 1}; derivative {@code 1} or {@code y + 1}. */
    public static final ActivationFunction ELU = new Elu();
    /** The identity; derivative {@code 1}. For regression outputs. */
    public static final ActivationFunction LINEAR = new Linear();
    /** Softmax over each row: {@code y_i = e^(x_i − max) / Σ_j e^(x_j − max)}. Output layers only. */
    public static final ActivationFunction SOFTMAX = new Softmax();

    private static final List<ActivationFunction> BUILT_IN =
            List.of(SIGMOID, TANH, RELU, LEAKY_RELU, ELU, LINEAR, SOFTMAX);

    private final String name;
    private final Optional<FusedActivation> fused;

    ActivationFunction(String name) {
        this(name, null);
    }

    ActivationFunction(String name, FusedActivation fused) {
        this.name = name;
        this.fused = Optional.ofNullable(fused);
    }

    /**
     * A custom activation: {@code f} maps the weighted sum to the output, {@code derivativeFromOutput}
     * maps the output {@code y} to {@code f′} (e.g. {@code y -> y * (1 - y)} for sigmoid).
     */
    public static ActivationFunction of(DoubleUnaryOperator f, DoubleUnaryOperator derivativeFromOutput) {
        return new Custom(null, f, derivativeFromOutput);
    }

    /** A custom activation with a display name (it still cannot be saved: the file cannot hold code). */
    public static ActivationFunction of(String name, DoubleUnaryOperator f, DoubleUnaryOperator derivativeFromOutput) {
        return new Custom(Objects.requireNonNull(name, "name"), f, derivativeFromOutput);
    }

    /**
     * The built-in activation with this name ({@code sigmoid, tanh, relu, leaky_relu, elu, linear,
     * softmax}; case-insensitive, {@code -} and {@code _} alike).
     *
     * @throws IllegalArgumentException naming the valid names when there is no such activation
     */
    public static ActivationFunction byName(String name) {
        if (name != null) {
            String key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (key.equals("leakyrelu")) {
                key = "leaky_relu";
            }
            for (ActivationFunction f : BUILT_IN) {
                if (f.name.equals(key)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of " + builtInNames());
    }

    /** The names {@link #byName(String)} accepts. */
    public static List<String> builtInNames() {
        return BUILT_IN.stream().map(f -> f.name).toList();
    }

    /** The name, e.g. {@code "sigmoid"}; for custom functions the given display name or {@code "custom"}. */
    public String name() {
        return name == null ? "custom" : name;
    }

    /** True for the built-in functions, which can be saved by name. */
    public boolean isBuiltIn() {
        return !(this instanceof Custom);
    }

    /** True when the function treats each value on its own (all but softmax). */
    public boolean isElementWise() {
        return true;
    }

    /**
     * The kernel code for this function when the dense forward pass can apply it in the matrix
     * product's epilogue ({@link toynn.kernels.Kernels#denseForward}), giving the same bits as
     * {@link #forward}: present for sigmoid, tanh, ReLU, leaky ReLU, ELU and linear; empty for softmax
     * (it couples a row) and custom functions, which are applied after the product.
     */
    public Optional<FusedActivation> fusedForm() {
        return fused;
    }

    /** {@code f(x)} for one value. */
    public abstract double apply(double x);

    /** {@code f′} written from the output {@code y = f(x)}. */
    public abstract double derivativeFromOutput(double y);

    /** {@code a = f(z)} over {@code rows × cols} values; {@code a} may be {@code z}. */
    public void forward(float[] z, float[] a, int rows, int cols) {
        int n = rows * cols;
        for (int i = 0; i < n; i++) {
            a[i] = (float) apply(z[i]);
        }
    }

    /**
     * {@code dZ = dA ⊙ f′(A)}, with {@code f′} from the outputs {@code a}; {@code dZ} may be {@code dA}.
     * Softmax overrides this with its Jacobian–vector product per row.
     */
    public void backward(float[] a, float[] dA, float[] dZ, int rows, int cols) {
        int n = rows * cols;
        for (int i = 0; i < n; i++) {
            dZ[i] = (float) (dA[i] * derivativeFromOutput(a[i]));
        }
    }

    @Override
    public String toString() {
        return name();
    }

    private static final class Sigmoid extends ActivationFunction {
        Sigmoid() {
            super("sigmoid", FusedActivation.SIGMOID);
        }

        @Override
        public double apply(double x) {
            return 1.0 / (1.0 + Math.exp(-x));
        }

        @Override
        public double derivativeFromOutput(double y) {
            return y * (1 - y);
        }

        @Override
        public void forward(float[] z, float[] a, int rows, int cols) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                a[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
            }
        }

        @Override
        public void backward(float[] a, float[] dA, float[] dZ, int rows, int cols) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float y = a[i];
                dZ[i] = dA[i] * y * (1f - y);
            }
        }
    }

    private static final class Tanh extends ActivationFunction {
        Tanh() {
            super("tanh", FusedActivation.TANH);
        }

        @Override
        public double apply(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivativeFromOutput(double y) {
            return 1 - y * y;
        }

        @Override
        public void backward(float[] a, float[] dA, float[] dZ, int rows, int cols) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float y = a[i];
                dZ[i] = dA[i] * (1f - y * y);
            }
        }
    }

    private static final class Relu extends ActivationFunction {
        Relu() {
            super("relu", FusedActivation.RELU);
        }

        @Override
        public double apply(double x) {
            return x > 0 ? x : 0;
        }

        @Override
        public double derivativeFromOutput(double y) {
            return y > 0 ? 1 : 0;
        }

        @Override
        public void forward(float[] z, float[] a, int rows, int cols) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                a[i] = Math.max(z[i], 0f);
            }
        }

        /**
         * {@code dZ = a > 0 ? dA : 0}, written without a branch: the sign pattern of a hidden layer is
         * random, so a branch mispredicts half the time (10× slower); the bit mask vectorises. {@code a}
         * is in (0, +∞] exactly when its bits {@code b} satisfy {@code 1 ≤ b ≤ 0x7F800000} (as a signed
         * int), i.e. when neither {@code b − 1} nor {@code 0x7F800000 − b} is negative — the same result
         * as the comparison for every input, −0, ∞ and NaN included.
         */
        @Override
        public void backward(float[] a, float[] dA, float[] dZ, int rows, int cols) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                int b = Float.floatToRawIntBits(a[i]);
                int drop = ((b - 1) | (0x7F800000 - b)) >> 31;                  // −1 unless a > 0
                dZ[i] = Float.intBitsToFloat(Float.floatToRawIntBits(dA[i]) & ~drop);
            }
        }
    }

    private static final class LeakyRelu extends ActivationFunction {
        static final double SLOPE = 0.01;

        LeakyRelu() {
            super("leaky_relu", FusedActivation.LEAKY_RELU);
        }

        @Override
        public double apply(double x) {
            return x > 0 ? x : SLOPE * x;
        }

        @Override
        public double derivativeFromOutput(double y) {
            return y > 0 ? 1 : SLOPE;
        }
    }

    private static final class Elu extends ActivationFunction {
        Elu() {
            super("elu", FusedActivation.ELU);
        }

        @Override
        public double apply(double x) {
            return x > 0 ? x : Math.expm1(x);
        }

        @Override
        public double derivativeFromOutput(double y) {
            return y > 0 ? 1 : y + 1;
        }
    }

    private static final class Linear extends ActivationFunction {
        Linear() {
            super("linear", FusedActivation.IDENTITY);
        }

        @Override
        public double apply(double x) {
            return x;
        }

        @Override
        public double derivativeFromOutput(double y) {
            return 1;
        }

        @Override
        public void forward(float[] z, float[] a, int rows, int cols) {
            if (a != z) {
                System.arraycopy(z, 0, a, 0, rows * cols);
            }
        }

        @Override
        public void backward(float[] a, float[] dA, float[] dZ, int rows, int cols) {
            if (dZ != dA) {
                System.arraycopy(dA, 0, dZ, 0, rows * cols);
            }
        }
    }

    private static final class Softmax extends ActivationFunction {
        Softmax() {
            super("softmax");
        }

        @Override
        public boolean isElementWise() {
            return false;
        }

        @Override
        public double apply(double x) {
            throw new UnsupportedOperationException("softmax needs a whole row of values, not one value");
        }

        @Override
        public double derivativeFromOutput(double y) {
            throw new UnsupportedOperationException("softmax's derivative is a Jacobian, not one value per output");
        }

        @Override
        public void forward(float[] z, float[] a, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    max = Math.max(max, z[o + j]);
                }
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    float e = (float) Math.exp(z[o + j] - max); // shift by the max: no overflow
                    a[o + j] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int j = 0; j < cols; j++) {
                    a[o + j] *= inv;
                }
            }
        }

        /** {@code dZ_i = y_i (dA_i − Σ_j dA_j y_j)}: the softmax Jacobian times {@code dA}. */
        @Override
        public void backward(float[] a, float[] dA, float[] dZ, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                double dot = 0;
                for (int j = 0; j < cols; j++) {
                    dot += dA[o + j] * a[o + j];
                }
                for (int j = 0; j < cols; j++) {
                    dZ[o + j] = (float) (a[o + j] * (dA[o + j] - dot));
                }
            }
        }
    }

    private static final class Custom extends ActivationFunction {
        private final DoubleUnaryOperator f;
        private final DoubleUnaryOperator df;

        Custom(String name, DoubleUnaryOperator f, DoubleUnaryOperator df) {
            super(name);
            this.f = Objects.requireNonNull(f, "activation function f must not be null");
            this.df = Objects.requireNonNull(df, "derivative (from the output) must not be null");
        }

        @Override
        public double apply(double x) {
            return f.applyAsDouble(x);
        }

        @Override
        public double derivativeFromOutput(double y) {
            return df.applyAsDouble(y);
        }
    }
}
