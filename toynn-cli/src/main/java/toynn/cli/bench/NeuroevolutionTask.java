package toynn.cli.bench;

import java.util.ArrayList;
import java.util.List;
import toynn.NeuralNetwork;
import toynn.kernels.Kernels;
import toynn.util.Rng;

/**
 * T4, neuroevolution: 1,000 networks 5-8-2 sigmoid, each on its own input, 100 generations
 * (between generations: new inputs and a Gaussian weight mutation, not timed). The population is
 * stored interleaved — network index innermost — so {@link Kernels#denseInterleaved} evaluates eight
 * networks per vector instruction; that is the reported {@code forwards_per_s}, the median of five
 * timed 100-generation runs after half a second of warm-up (the JIT compiles the vector code). For comparison the
 * same population is also run one {@link NeuralNetwork#predict(float[])} call at a time
 * ({@code loop_forwards_per_s}), as a game loop over agents would.
 */
public final class NeuroevolutionTask {
    private static final int IN = 5;
    private static final int HIDDEN = 8;
    private static final int OUT = 2;
    private static final long WARMUP_NANOS = 500_000_000L;
    private static final int RUNS = 5;

    private NeuroevolutionTask() {
    }

    /** Runs T4. */
    public static BenchResult run(int population, int generations, long seed) {
        int p = population;
        Rng rng = new Rng(seed);
        float[] w1 = new float[HIDDEN * IN * p];    // [(h·IN + i)·p + net]
        float[] b1 = new float[HIDDEN * p];
        float[] w2 = new float[OUT * HIDDEN * p];
        float[] b2 = new float[OUT * p];
        gaussian(rng, w1, 1 / Math.sqrt(IN));
        gaussian(rng, w2, 1 / Math.sqrt(HIDDEN));
        float[] x = new float[IN * p];              // [i·p + net]
        float[] h = new float[HIDDEN * p];
        float[] y = new float[OUT * p];

        Rng warmRng = new Rng(~seed);                                      // warm-up (JIT) on copies, so the timed
        float[] w1w = w1.clone();                                           // runs do not depend on how many rounds
        float[] w2w = w2.clone();                                           // fit in the warm-up time
        long warm = System.nanoTime();
        do {
            evolve(warmRng, generations, p, w1w, b1, w2w, b2, x, h, y, null);
        } while (System.nanoTime() - warm < WARMUP_NANOS);
        double[] outSum = new double[1];
        double[] runs = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            runs[r] = evolve(rng, generations, p, w1, b1, w2, b2, x, h, y, outSum);
        }
        java.util.Arrays.sort(runs);
        double seconds = runs[RUNS / 2];                                    // the median run

        // The same networks as NeuralNetwork objects, one predict per network.
        List<NeuralNetwork> nets = new ArrayList<>(p);
        for (int net = 0; net < p; net++) {
            NeuralNetwork nn = NeuralNetwork.seeded(seed, IN, HIDDEN, OUT);
            unpack(w1, b1, nn.layers().get(0).weights(), nn.layers().get(0).bias(), IN, HIDDEN, p, net);
            unpack(w2, b2, nn.layers().get(1).weights(), nn.layers().get(1).bias(), HIDDEN, OUT, p, net);
            nets.add(nn);
        }
        Kernels.denseInterleaved(w1, b1, x, h, IN, HIDDEN, p);              // the batched outputs for the current
        Kernels.sigmoid(h, h, h.length);                                    // weights and inputs, to check the loop
        Kernels.denseInterleaved(w2, b2, h, y, HIDDEN, OUT, p);
        Kernels.sigmoid(y, y, y.length);
        double maxDifference = 0;
        float[] xi = new float[IN];
        for (int net = 0; net < p; net++) {
            for (int i = 0; i < IN; i++) {
                xi[i] = x[i * p + net];
            }
            float[] out = nets.get(net).predict(xi);
            for (int o = 0; o < OUT; o++) {
                maxDifference = Math.max(maxDifference, Math.abs(out[o] - y[o * p + net]));
            }
        }
        double loopSeconds = 0;
        for (int round = 0; round < 3; round++) {                           // rounds 0 and 1 warm up
            long t = System.nanoTime();
            for (int g = 0; g < generations; g++) {
                for (int net = 0; net < p; net++) {
                    for (int i = 0; i < IN; i++) {
                        xi[i] = x[i * p + net];
                    }
                    nets.get(net).predict(xi);
                }
            }
            loopSeconds = (System.nanoTime() - t) / 1e9;
        }
        long forwards = (long) p * generations;
        return new BenchResult("t4")
                .put("forwards_per_s", Math.round(forwards / seconds))
                .put("forward_s", BenchResult.round(seconds, 5))
                .put("runs", RUNS)
                .put("loop_forwards_per_s", Math.round(forwards / loopSeconds))
                .put("max_loop_difference", maxDifference)
                .put("population", p)
                .put("generations", generations)
                .put("checksum", BenchResult.round(outSum[0], 3));
    }

    private static double evolve(Rng rng, int generations, int p, float[] w1, float[] b1, float[] w2, float[] b2,
                                 float[] x, float[] h, float[] y, double[] outSum) {
        long nanos = 0;
        double sum = 0;
        for (int g = 0; g < generations; g++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextDouble();                            // each agent's observation
            }
            long t = System.nanoTime();
            Kernels.denseInterleaved(w1, b1, x, h, IN, HIDDEN, p);          // Z1 = W1·x + b1   per net
            Kernels.sigmoid(h, h, h.length);                                // H = σ(Z1)
            Kernels.denseInterleaved(w2, b2, h, y, HIDDEN, OUT, p);         // Z2 = W2·H + b2
            Kernels.sigmoid(y, y, y.length);                                // Y = σ(Z2)
            nanos += System.nanoTime() - t;
            for (float v : y) {
                sum += v;
            }
            mutate(rng, w1, 0.02);
            mutate(rng, w2, 0.02);
        }
        if (outSum != null) {
            outSum[0] = sum;
        }
        return nanos / 1e9;
    }

    private static void gaussian(Rng rng, float[] a, double sd) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rng.nextGaussian() * sd);
        }
    }

    private static void mutate(Rng rng, float[] a, double sd) {
        for (int i = 0; i < a.length; i++) {
            a[i] += (float) (rng.nextGaussian() * sd);
        }
    }

    /** Copies network {@code net}'s (out, in) weights and biases out of the interleaved arrays. */
    private static void unpack(float[] w, float[] b, float[] wOut, float[] bOut, int in, int out, int p, int net) {
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                wOut[o * in + i] = w[(o * in + i) * p + net];
            }
            bOut[o] = b[o * p + net];
        }
    }
}
