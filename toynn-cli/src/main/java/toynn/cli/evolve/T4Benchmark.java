package toynn.cli.evolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import toynn.NeuralNetwork;
import toynn.util.Rng;

/**
 * Benchmark T4 of GUIDE.md §3 (a runner, not a test): 1,000 networks 5-8-2 sigmoid, each with its own
 * input, 100 generations; between generations new inputs and a Gaussian mutation (not timed). Reports
 * forward passes per second for the per-network loop on one thread — what NumPy's
 * {@code t4_neuroevo.py --peer numpy --mode loop} measures — and for the same loop split over threads,
 * as {@code Population} evaluates fitness.
 *
 * <pre>
 * java -cp toynn-cli/target/toynn.jar toynn.cli.evolve.T4Benchmark [--pop 1000] [--gens 100] [--threads 2] [--reps 3]
 * </pre>
 */
public final class T4Benchmark {
    private T4Benchmark() {
    }

    /** Runs the benchmark and prints one line per mode and repetition, then the medians. */
    public static void main(String[] args) throws Exception {
        int pop = 1000;
        int gens = 100;
        int threads = 2;
        int reps = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--pop" -> pop = v;
                case "--gens" -> gens = v;
                case "--threads" -> threads = v;
                case "--reps" -> reps = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --pop, --gens, --threads, --reps");
            }
        }
        System.out.printf(Locale.ROOT, "T4: %d networks 5-8-2 sigmoid, %d generations, Java %s%n", pop, gens,
                System.getProperty("java.version"));
        run(pop, 20, 1, null);                                 // warm-up: let the JIT compile predict
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            run(pop, 20, threads, pool);
            double[] loop = new double[reps];
            double[] par = new double[reps];
            for (int r = 0; r < reps; r++) {
                loop[r] = run(pop, gens, 1, null);
                par[r] = run(pop, gens, threads, pool);
                System.out.printf(Locale.ROOT, "  rep %d: loop 1 thread %,.0f forwards/s; %d threads %,.0f forwards/s%n",
                        r + 1, loop[r], threads, par[r]);
            }
            System.out.printf(Locale.ROOT, "median: loop 1 thread %,.0f forwards/s (%.3f µs each); %d threads %,.0f forwards/s%n",
                    median(loop), 1e6 / median(loop), threads, median(par));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Forward passes per second over {@code gens} generations, timing only the forward passes. */
    private static double run(int pop, int gens, int threads, ExecutorService pool) throws Exception {
        List<NeuralNetwork> nets = new ArrayList<>(pop);
        for (int i = 0; i < pop; i++) {
            nets.add(NeuralNetwork.seeded(42 + i, 5, 8, 2));
        }
        float[][] inputs = new float[pop][5];
        Rng rng = new Rng(42);
        long forwardNanos = 0;
        double checksum = 0;
        for (int g = 0; g < gens; g++) {
            for (float[] x : inputs) {                             // each agent's observation this frame
                for (int j = 0; j < x.length; j++) {
                    x[j] = (float) rng.nextDouble();
                }
            }
            long t0 = System.nanoTime();
            if (threads == 1) {
                for (int k = 0; k < pop; k++) {
                    checksum += nets.get(k).predict(inputs[k])[0];
                }
            } else {
                List<Future<Double>> parts = new ArrayList<>(threads);
                int chunk = (pop + threads - 1) / threads;
                for (int t = 0; t < threads; t++) {
                    int from = t * chunk;
                    int to = Math.min(pop, from + chunk);
                    parts.add(pool.submit(() -> {
                        double s = 0;
                        for (int k = from; k < to; k++) {
                            s += nets.get(k).predict(inputs[k])[0];
                        }
                        return s;
                    }));
                }
                for (Future<Double> f : parts) {
                    checksum += f.get();
                }
            }
            forwardNanos += System.nanoTime() - t0;
            for (NeuralNetwork nn : nets) {                         // evolve (not timed)
                nn.mutate(1.0, 0.02, rng);
            }
        }
        if (Double.isNaN(checksum)) {
            throw new IllegalStateException("checksum is NaN");
        }
        return (double) pop * gens / (forwardNanos / 1e9);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
