package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import toynn.io.ModelFile;
import toynn.layers.Dense;
import toynn.util.Rng;

/**
 * {@code train} leaves each step's weight update pending and the next step's forward pass applies it
 * in the same sweep over the weights (Dense.deferUpdate). Nothing outside may notice: the weights,
 * predictions, saved files and concurrent readers are exactly those of applying every update at once
 * ({@code trainStep} does), and no reader or writer that holds the network's lock deadlocks on it.
 * (Only the Vector API path defers; on the plain path the same assertions hold with nothing pending.)
 */
class DeferredUpdateTest {
    private static final boolean DEFERS = toynn.kernels.Kernels.path().equals("vector");
    private static final int IN = 70;         // not a multiple of a vector width, more than one

    private static NeuralNetwork lecture() {
        NeuralNetwork nn = NeuralNetwork.seeded(5, IN, 37, 6);
        nn.setLearningRate(0.2);
        return nn;
    }

    private static NeuralNetwork modern() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(IN).dense(33, ActivationFunction.RELU)
                .dense(9, ActivationFunction.TANH).dense(4, ActivationFunction.SOFTMAX).seed(9).build();   // softmax: not fused
        nn.setLearningRate(0.05);
        nn.setExactGradient(true);
        return nn;
    }

    private static double[][] samples(int n, int width, long seed) {
        Rng rng = new Rng(seed);
        double[][] s = new double[n][width];
        for (double[] row : s) {
            for (int j = 0; j < width; j++) {
                row[j] = rng.uniform(0, 1);
            }
        }
        return s;
    }

    private static void assertSameWeights(NeuralNetwork want, NeuralNetwork got, String what) {
        for (int l = 0; l < want.layers().size(); l++) {
            assertArrayEquals(want.layers().get(l).weights(), got.layers().get(l).weights(), what + ": W of layer " + l);
            assertArrayEquals(want.layers().get(l).bias(), got.layers().get(l).bias(), what + ": b of layer " + l);
        }
    }

    @Test
    void trainGivesTheBitsOfUpdatingAtOnce() {
        for (boolean modernNet : new boolean[] {false, true}) {
            NeuralNetwork deferred = modernNet ? modern() : lecture();
            NeuralNetwork immediate = modernNet ? modern() : lecture();
            int outs = deferred.outputSize();
            double[][] x = samples(300, IN, 1);
            double[][] t = samples(300, outs, 2);
            for (int s = 0; s < x.length; s++) {
                deferred.train(x[s], t[s]);
                immediate.trainStep(x[s], t[s]);        // applies its update before returning
                if (s % 50 == 25) {                     // now and then a read in between: it applies the update
                    assertArrayEquals(immediate.predict(x[0]), deferred.predict(x[0]), "prediction after step " + s);
                }
            }
            assertEquals(DEFERS, deferred.layers().get(0).hasPendingUpdate(), "the last step's update is still pending");
            assertArrayEquals(immediate.predict(x[1]), deferred.predict(x[1]), "prediction at the end");
            assertFalse(deferred.layers().get(0).hasPendingUpdate(), "a prediction applies it");
            assertSameWeights(immediate, deferred, modernNet ? "relu/tanh/softmax network" : "lecture network");
        }
    }

    @Test
    void everyWayOfReadingTheWeightsAppliesThePendingUpdate() {
        NeuralNetwork immediate = lecture();
        double[][] x = samples(3, IN, 3);
        double[][] t = samples(3, 6, 4);
        for (int s = 0; s < 3; s++) {
            immediate.trainStep(x[s], t[s]);
        }
        List<java.util.function.Function<NeuralNetwork, NeuralNetwork>> readers = List.of(
                nn -> nn,                                                          // weights() itself
                NeuralNetwork::copy,
                nn -> ModelFile.read(ModelFile.write(nn)),
                nn -> {
                    Dense d = nn.layers().get(0);                                  // a layer's own one-sample forward
                    d.forward(new float[IN], 1, new float[d.outputs()]);
                    return nn;
                },
                nn -> {
                    nn.evaluate(DataSet.of(new float[2 * IN], new float[12], 2, IN, 6, List.of(), List.of()));
                    return nn;                                                     // a batch forward pass
                });
        for (int i = 0; i < readers.size(); i++) {
            NeuralNetwork deferred = lecture();
            Dense first = deferred.layers().get(0);
            float[] held = first.weights();
            for (int s = 0; s < 3; s++) {
                deferred.train(x[s], t[s]);
            }
            assertEquals(DEFERS, first.hasPendingUpdate());
            assertSameWeights(immediate, readers.get(i).apply(deferred), "reader " + i);
            assertArrayEquals(immediate.layers().get(0).weights(), held, "the held array caught up, reader " + i);
        }
    }

    @Test
    void lockHoldersReadThePendingUpdateWithoutDeadlock() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            double[][] x = samples(2, IN, 5);
            double[][] t = samples(2, 6, 6);
            NeuralNetwork immediate = lecture();
            immediate.trainStep(x[0], t[0]);
            immediate.trainStep(x[1], t[1]);

            NeuralNetwork reader = trainedTwice(x, t);
            long stamp = reader.weightsLock().beginRead();           // a custom reader: the lock applies it first
            try {
                assertArrayEquals(immediate.layers().get(0).weights(), reader.layers().get(0).weights());
            } finally {
                reader.weightsLock().endRead(stamp);
            }

            NeuralNetwork writer = trainedTwice(x, t);
            stamp = writer.weightsLock().beginWrite();               // a custom update: applied in place, no re-locking
            try {
                assertArrayEquals(immediate.layers().get(0).weights(), writer.layers().get(0).weights());
            } finally {
                writer.weightsLock().endWrite(stamp);
            }

            NeuralNetwork other = trainedTwice(x, t);
            Thread th = new Thread(() -> other.predict(x[0]));        // another thread applies it under the lock
            th.start();
            th.join();
            assertFalse(other.layers().get(0).hasPendingUpdate());
            assertSameWeights(immediate, other, "applied by another thread");
        });
    }

    @Test
    void predictionsAndSavesDuringTrainSeeWholeSteps() throws Exception {
        double[][] x = samples(400, IN, 7);
        double[][] t = samples(400, 6, 8);
        double[] probe = x[0];
        NeuralNetwork reference = lecture();
        Set<List<Double>> states = new HashSet<>();
        states.add(key(reference.predict(probe)));
        for (int s = 0; s < x.length; s++) {
            reference.trainStep(x[s], t[s]);
            states.add(key(reference.predict(probe)));
        }
        NeuralNetwork shared = lecture();
        AtomicBoolean training = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                boolean saver = r == 0;
                readers.add(pool.submit(() -> {
                    int checked = 0;
                    do {
                        double[] got = saver ? ModelFile.read(ModelFile.write(shared)).predict(probe) : shared.predict(probe);
                        assertTrue(states.contains(key(got)), "a prediction during train matches no state between two "
                                + "steps: " + Arrays.toString(got));
                        checked++;
                    } while (training.get());
                    return checked;
                }));
            }
            for (int s = 0; s < x.length; s++) {
                shared.train(x[s], t[s]);
            }
            training.set(false);
            for (Future<Integer> f : readers) {
                assertTrue(f.get(30, TimeUnit.SECONDS) > 0);
            }
        } finally {
            training.set(false);
            pool.shutdownNow();
        }
        assertSameWeights(reference, shared, "readers do not disturb training");
    }

    /** A lecture network after two {@code train} steps: the second step's update is left pending. */
    private static NeuralNetwork trainedTwice(double[][] x, double[][] t) {
        NeuralNetwork nn = lecture();
        nn.train(x[0], t[0]);
        nn.train(x[1], t[1]);
        return nn;
    }

    private static List<Double> key(double[] v) {
        List<Double> k = new ArrayList<>(v.length);
        for (double d : v) {
            k.add(d);
        }
        return k;
    }
}
