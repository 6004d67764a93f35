package toynn.cli.bench;

import java.util.Random;
import toynn.kernels.Kernels;

/** Square float32 matrix product {@code C = A·B}: GFLOP/s, best of a few runs after warm-up. */
public final class GemmTask {
    private GemmTask() {
    }

    /** Runs an {@code n × n} product {@code reps} times. */
    public static BenchResult run(int n, int reps) {
        Random r = new Random(42);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat();
            b[i] = r.nextFloat();
        }
        double flops = 2.0 * n * n * n;
        double best = 0;
        double[] all = new double[reps];
        for (int rep = -3; rep < reps; rep++) {                  // three warm-up runs
            long t = System.nanoTime();
            Kernels.gemmAB(a, b, c, n, n, n, 1f, 0f);            // C = A·B   (n, n)
            double s = (System.nanoTime() - t) / 1e9;
            if (rep >= 0) {
                all[rep] = flops / s / 1e9;
                best = Math.max(best, all[rep]);
            }
        }
        java.util.Arrays.sort(all);
        return new BenchResult("gemm")
                .put("gflops", BenchResult.round(best, 1))
                .put("median_gflops", BenchResult.round(all[reps / 2], 1))
                .put("n", n);
    }
}
