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
import toynn.kernels.FusedActivation;
import toynn.kernels.Kernels;

/**
 * The kernels at the sizes that matter: a 1024² product, the three products of one training step
 * of 784-128-10 at batch 32 and 256 ({@code Z = X·Wᵀ}, {@code dW = dZᵀ·X}, {@code dX = dZ·W}), and
 * one sample's matrix–vector products. Forked JVMs get {@code --add-modules jdk.incubator.vector}
 * (the Vector API path); run with {@code -jvmArgsAppend -Dtoynn.kernels=scalar} for the plain path
 * and {@code -p threads=1} for one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmarks {
    private static final int IN = 784;
    private static final int HIDDEN = 128;

    /** Threads for large products. */
    @Param({"2"})
    public int threads;

    /** Training batch size. */
    @Param({"32", "256"})
    public int batch;

    private float[] a1024;
    private float[] b1024;
    private float[] c1024;
    private float[] x;          // (batch, 784)
    private float[] w;          // (128, 784)
    private float[] z;          // (batch, 128)
    private float[] dw;         // (128, 784)
    private float[] dx;         // (batch, 784)
    private float[] x1;         // (784)
    private float[] z1;         // (128)
    private float[] g1;         // (128): the previous sample's row factors
    private float[] u1;         // (784): the previous sample's input
    private float[] bias1;      // (128)

    /** Random inputs; sets the thread count. */
    @Setup
    public void setUp() {
        Kernels.setThreads(threads);
        Random r = new Random(1);
        a1024 = random(r, 1024 * 1024);
        b1024 = random(r, 1024 * 1024);
        c1024 = new float[1024 * 1024];
        x = random(r, batch * IN);
        w = random(r, HIDDEN * IN);
        z = random(r, batch * HIDDEN);
        dw = new float[HIDDEN * IN];
        dx = new float[batch * IN];
        x1 = random(r, IN);
        z1 = new float[HIDDEN];
        g1 = random(r, HIDDEN);
        u1 = random(r, IN);
        bias1 = random(r, HIDDEN);
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() - 0.5f;
        }
        return v;
    }

    /** {@code C = A·B}, 1024² (report ÷ 2.147 GFLOP for the rate). */
    @Benchmark
    public float[] gemm1024() {
        Kernels.gemmAB(a1024, b1024, c1024, 1024, 1024, 1024, 1f, 0f);
        return c1024;
    }

    /** Forward {@code Z = X·Wᵀ}: (batch, 784)·(128, 784)ᵀ. */
    @Benchmark
    public float[] forwardXWt() {
        Kernels.gemmABt(x, w, z, batch, IN, HIDDEN, 1f, 0f);
        return z;
    }

    /** Weight gradient {@code dW = dZᵀ·X / n}: (batch, 128)ᵀ·(batch, 784). */
    @Benchmark
    public float[] gradientDZtX() {
        Kernels.gemmAtB(z, x, dw, HIDDEN, batch, IN, 1f / batch, 0f);
        return dw;
    }

    /** Error passed back {@code dX = dZ·W}: (batch, 128)·(128, 784). */
    @Benchmark
    public float[] backDZW() {
        Kernels.gemmAB(z, w, dx, batch, HIDDEN, IN, 1f, 0f);
        return dx;
    }

    /** One sample forward {@code z = W·x}: (128, 784)·(784). */
    @Benchmark
    public float[] matvec() {
        Kernels.matvec(w, x1, z1, HIDDEN, IN, 1f, 0f);
        return z1;
    }

    /** One sample's weight delta {@code W += g·xᵀ}: 128×784 rank-1 update. */
    @Benchmark
    public float[] rank1() {
        Kernels.rank1Update(w, z1, x1, HIDDEN, IN, 1e-9f);
        return w;
    }

    /** Per-sample training's weight traffic, two sweeps: the last step's rank-1 update, then the forward pass. */
    @Benchmark
    public float[] perSampleUpdateThenForward() {
        Kernels.rank1Update(w, g1, u1, HIDDEN, IN, 1e-9f);
        Kernels.denseForward(x1, w, bias1, null, z1, 1, IN, HIDDEN, FusedActivation.SIGMOID);
        return z1;
    }

    /** The same in one sweep over W ({@code Kernels.denseForwardUpdating}, what {@code NeuralNetwork.train} runs). */
    @Benchmark
    public float[] perSampleUpdateInForward() {
        Kernels.denseForwardUpdating(x1, w, bias1, null, z1, IN, HIDDEN, FusedActivation.SIGMOID, 1e-9f, g1, u1);
        return z1;
    }
}
