package toynn.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import toynn.ActivationFunction;
import toynn.kernels.FusedActivation;
import toynn.kernels.Kernels;

/**
 * A dense layer's forward pass {@code A = ReLU(X·Wᵀ + b)}, 784 → 128, at the protocol's sizes (T2's
 * batches of 32 and 256, T3's 10,000-sample batch): bias and activation fused into the product's
 * epilogue ({@link Kernels#denseForward}) against the three passes one after another (product, bias,
 * activation). Forked JVMs get {@code --add-modules jdk.incubator.vector}; {@code -p threads=1} for one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DenseForwardBenchmarks {
    private static final int IN = 784;
    private static final int OUT = 128;

    /** Threads for large products. */
    @Param({"2"})
    public int threads;

    /** Samples per forward pass. */
    @Param({"32", "256", "10000"})
    public int batch;

    private float[] x;          // (batch, 784)
    private float[] w;          // (128, 784)
    private float[] b;          // (128)
    private float[] a;          // (batch, 128)

    /** Random inputs; sets the thread count. */
    @Setup
    public void setUp() {
        Kernels.setThreads(threads);
        Random r = new Random(1);
        x = random(r, batch * IN);
        w = random(r, OUT * IN);
        b = random(r, OUT);
        a = new float[batch * OUT];
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() - 0.5f;
        }
        return v;
    }

    /** {@code A = ReLU(X·Wᵀ + b)} in one sweep (a hidden layer: Z not kept). */
    @Benchmark
    public float[] fused() {
        Kernels.denseForward(x, w, b, null, a, batch, IN, OUT, FusedActivation.RELU);
        return a;
    }

    /** The same as three passes: {@code Z = X·Wᵀ}, {@code Z += b}, {@code A = ReLU(Z)} (in place). */
    @Benchmark
    public float[] unfused() {
        Kernels.gemmABt(x, w, a, batch, IN, OUT, 1f, 0f);
        Kernels.addRowVector(a, b, batch, OUT);
        ActivationFunction.RELU.forward(a, a, batch, OUT);
        return a;
    }
}
