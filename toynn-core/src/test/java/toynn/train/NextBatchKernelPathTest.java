package toynn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.kernels.Kernels;
import toynn.layers.Dense;

/**
 * {@code fit} copies the next batch on the kernel threads while a step runs (batches of 32 images of
 * 784 values: a copy large enough to split). The model must be the very one a single thread trains,
 * where nothing is copied ahead: with plain SGD and with Adam, when a listener evaluates on the training
 * thread after every batch (it reuses fit's buffers, and a larger evaluation set regrows them), and when a
 * listener stops training in the middle of an epoch. The name ends in {@code KernelPathTest}, so it runs
 * in every surefire pass.
 */
class NextBatchKernelPathTest {
    private static final int IN = 784;
    private static final int OUT = 3;
    private static final int SIZE = 330;       // ten full batches and a last one of 10
    private static final int BATCH = 32;

    private static DataSet data(int size, long seed) {
        Random r = new Random(seed);
        float[] x = new float[size * IN];
        float[] t = new float[size * OUT];
        for (int i = 0; i < size; i++) {
            int c = i % OUT;
            for (int j = 0; j < IN; j++) {
                x[i * IN + j] = (float) (r.nextGaussian() * 0.3 + (j % OUT == c ? 0.5 : 0));
            }
            t[i * OUT + c] = 1f;
        }
        return DataSet.of(x, t, size, IN, OUT);
    }

    private static NeuralNetwork network(Optimizer opt) {
        return NeuralNetwork.builder().inputs(IN).dense(16, ActivationFunction.RELU)
                .dense(OUT, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(opt).seed(3).build();
    }

    /** Trains with {@code threads} kernel threads; the weights and the history's losses. */
    private static float[][] train(int threads, Supplier<Optimizer> opt, TrainingListener listener) {
        return train(threads, opt, listener, false);
    }

    /** As above; with {@code again}, a second {@code fit} of two epochs follows on the same network. */
    private static float[][] train(int threads, Supplier<Optimizer> opt, TrainingListener listener, boolean again) {
        int before = Kernels.threads();
        Kernels.setThreads(threads);
        try {
            NeuralNetwork nn = network(opt.get());
            FitOptions o = FitOptions.create().epochs(3).batchSize(BATCH).shuffle(true).seed(7);
            if (listener != null) {
                o.listener(listener);
            }
            History h = nn.fit(data(SIZE, 1), o);
            if (again) {
                h = nn.fit(data(SIZE, 1), FitOptions.create().epochs(2).batchSize(BATCH).shuffle(true).seed(8));
            }
            float[][] out = new float[5][];
            for (int l = 0; l < 2; l++) {
                Dense d = nn.layers().get(l);
                out[2 * l] = d.weights();
                out[2 * l + 1] = d.bias();
            }
            out[4] = new float[h.epochs().size()];
            for (int e = 0; e < out[4].length; e++) {
                out[4][e] = (float) h.epochs().get(e).trainLoss();
            }
            return out;
        } finally {
            Kernels.setThreads(before);
        }
    }

    private static void assertSameModel(float[][] want, float[][] got, String what) {
        assertEquals(want[4].length, got[4].length, what + ": epochs");
        for (int p = 0; p < want.length; p++) {
            assertArrayEquals(want[p], got[p], what + ": array " + p + " (W0, b0, W1, b1, losses)");
        }
    }

    @Test
    void sameModelAsOneThreadWithSgdAndAdam() {
        assertSameModel(train(1, () -> Sgd.of(0.05), null), train(2, () -> Sgd.of(0.05), null), "SGD");
        assertSameModel(train(1, () -> Adam.of(0.001), null), train(3, () -> Adam.of(0.001), null), "Adam");
    }

    @Test
    void aListenerEvaluatingOnTheTrainingThreadChangesNothing() {
        DataSet big = data(600, 2);                          // more rows than a batch: fit's buffers regrow
        DataSet small = data(20, 3);
        NeuralNetwork[] holder = new NeuralNetwork[1];
        float[][] plain = train(2, () -> Sgd.of(0.05), null);
        for (DataSet d : new DataSet[] {small, big}) {
            TrainingListener evaluate = new TrainingListener() {
                @Override
                public void onBatchEnd(BatchEvent e) {
                    if (holder[0] != null) {
                        holder[0].evaluate(d);
                    }
                }
            };
            int before = Kernels.threads();
            Kernels.setThreads(2);
            try {
                NeuralNetwork nn = network(Sgd.of(0.05));
                holder[0] = nn;
                nn.fit(data(SIZE, 1), FitOptions.create().epochs(3).batchSize(BATCH).shuffle(true).seed(7).listener(evaluate));
                assertArrayEquals(plain[0], nn.layers().get(0).weights(), "W0 with evaluate(" + d.size() + " rows) after each batch");
                assertArrayEquals(plain[2], nn.layers().get(1).weights(), "W1 with evaluate(" + d.size() + " rows) after each batch");
            } finally {
                Kernels.setThreads(before);
            }
        }
    }

    /**
     * Two threads fitting two networks at once share the kernel threads: one's copy in flight holds them,
     * the other's calls then run on their own thread. Each must still get the model it gets alone.
     */
    @Test
    void twoNetworksFittedAtOnceOnTwoThreadsEachGetTheirOwnModel() throws Exception {
        float[][] sgdAlone = train(2, () -> Sgd.of(0.05), null);
        float[][] adamAlone = train(2, () -> Adam.of(0.001), null);
        int before = Kernels.threads();
        Kernels.setThreads(2);
        try {
            for (int round = 0; round < 3; round++) {
                NeuralNetwork a = network(Sgd.of(0.05));
                NeuralNetwork b = network(Adam.of(0.001));
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    Future<?> fa = pool.submit(() -> {
                        go.await();
                        return a.fit(data(SIZE, 1), FitOptions.create().epochs(3).batchSize(BATCH).shuffle(true).seed(7));
                    });
                    Future<?> fb = pool.submit(() -> {
                        go.await();
                        return b.fit(data(SIZE, 1), FitOptions.create().epochs(3).batchSize(BATCH).shuffle(true).seed(7));
                    });
                    go.countDown();
                    fa.get(60, TimeUnit.SECONDS);
                    fb.get(60, TimeUnit.SECONDS);
                } finally {
                    pool.shutdownNow();
                }
                assertArrayEquals(sgdAlone[0], a.layers().get(0).weights(), "SGD's W0 beside an Adam fit, round " + round);
                assertArrayEquals(sgdAlone[2], a.layers().get(1).weights(), "SGD's W1 beside an Adam fit, round " + round);
                assertArrayEquals(adamAlone[0], b.layers().get(0).weights(), "Adam's W0 beside an SGD fit, round " + round);
                assertArrayEquals(adamAlone[2], b.layers().get(1).weights(), "Adam's W1 beside an SGD fit, round " + round);
            }
        } finally {
            Kernels.setThreads(before);
        }
    }

    @Test
    void stoppingInTheMiddleOfAnEpochThenTrainingAgain() {
        Supplier<TrainingListener> stopper = () -> new TrainingListener() {
            @Override
            public void onBatchEnd(BatchEvent e) {
                if (e.epoch() == 2 && e.batch() == 4) {
                    e.stop();
                }
            }
        };
        assertSameModel(train(1, () -> Sgd.of(0.05), stopper.get(), true), train(2, () -> Sgd.of(0.05), stopper.get(), true),
                "stopped at epoch 2, batch 4, then two more epochs");
    }
}
