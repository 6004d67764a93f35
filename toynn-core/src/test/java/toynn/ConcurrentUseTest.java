package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import toynn.io.ModelFile;
import toynn.train.Adam;
import toynn.train.BatchEvent;
import toynn.train.EpochEvent;
import toynn.train.FitOptions;
import toynn.train.TrainingListener;
import toynn.util.Rng;

/**
 * One network shared by threads: predictions (and saves) while another thread trains or mutates see
 * the weights between two updates — each result equals the result of some state that a
 * single-threaded run went through — and a second training thread is rejected with a clear message.
 */
@Timeout(60)
class ConcurrentUseTest {
    private static final int PREDICTORS = 8;

    @Test
    void predictionsAndSavesDuringFitSeeWholeSteps() throws Exception {
        DataSet data = data(256);
        FitOptions options = FitOptions.create().epochs(4).batchSize(4).seed(3);
        double[] probe = inputRow(data, 0);

        // Single-threaded reference: the probe's prediction after every step (and before the first).
        NeuralNetwork reference = network();
        Set<List<Double>> states = new HashSet<>();
        states.add(key(reference.predict(probe)));
        reference.fit(data, copyOf(options).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchEvent e) {
                states.add(key(reference.predict(probe)));
            }
        }));

        NeuralNetwork shared = network();
        AtomicBoolean training = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(PREDICTORS + 1);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < PREDICTORS; t++) {
                boolean saver = t == 0;                 // one thread saves and reloads instead of predicting
                readers.add(pool.submit(() -> {
                    int checked = 0;
                    do {
                        double[] got = saver ? ModelFile.read(ModelFile.write(shared)).predict(probe)
                                : shared.predict(probe);
                        assertTrue(states.contains(key(got)), "a prediction during training matches no state between "
                                + "two steps: " + Arrays.toString(got));
                        checked++;
                    } while (training.get());
                    return checked;
                }));
            }
            shared.fit(data, copyOf(options));
            training.set(false);
            int checked = 0;
            for (Future<Integer> f : readers) {
                checked += f.get(30, TimeUnit.SECONDS);
            }
            assertTrue(checked >= PREDICTORS, "every reader ran");
        } finally {
            training.set(false);
            pool.shutdownNow();
        }
        assertArrayEquals(reference.predict(probe), shared.predict(probe), "readers do not disturb training");
    }

    @Test
    void classifyFromManyThreadsMatchesOneThread() throws Exception {
        NeuralNetwork nn = network();
        nn.setClassNames(List.of("negative", "positive"));
        DataSet data = data(300);
        nn.setInputNormalizer(toynn.data.Normalizer.fitInputs(toynn.data.Normalizer.Method.Z_SCORE, data));
        double[][] inputs = new double[data.size()][];
        List<List<Classification>> expected = new ArrayList<>();
        for (int s = 0; s < inputs.length; s++) {
            inputs[s] = inputRow(data, s);
            expected.add(nn.classify(inputs[s]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PREDICTORS);
        try {
            List<Future<List<List<Classification>>>> results = new ArrayList<>();
            for (int t = 0; t < PREDICTORS; t++) {
                int offset = t * 37;
                results.add(pool.submit(() -> {
                    List<List<Classification>> got = new ArrayList<>(Collections.nCopies(inputs.length, null));
                    for (int round = 0; round < 10; round++) {
                        for (int k = 0; k < inputs.length; k++) {
                            int s = (k + offset) % inputs.length;    // each thread in its own order
                            got.set(s, nn.classify(inputs[s]));
                        }
                    }
                    return got;
                }));
            }
            for (Future<List<List<Classification>>> f : results) {
                assertEquals(expected, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void predictionsDuringMutationSeeWholeMutations() throws Exception {
        NeuralNetwork reference = network();
        double[] probe = inputRow(data(1), 0);
        Set<List<Double>> states = new HashSet<>();
        states.add(key(reference.predict(probe)));
        Rng a = new Rng(8);
        for (int i = 0; i < 300; i++) {
            reference.mutate(0.5, 0.1, a);
            states.add(key(reference.predict(probe)));
        }
        NeuralNetwork shared = network();
        AtomicBoolean mutating = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(PREDICTORS);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < PREDICTORS; t++) {
                readers.add(pool.submit(() -> {
                    do {
                        double[] got = shared.predict(probe);
                        assertTrue(states.contains(key(got)), "a prediction saw half a mutation: "
                                + Arrays.toString(got));
                    } while (mutating.get());
                    return null;
                }));
            }
            Rng b = new Rng(8);
            for (int i = 0; i < 300; i++) {
                shared.mutate(0.5, 0.1, b);
            }
            mutating.set(false);
            for (Future<?> f : readers) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            mutating.set(false);
            pool.shutdownNow();
        }
    }

    @Test
    void aSecondTrainingThreadIsRejectedWithAClearMessage() throws Exception {
        NeuralNetwork nn = network();
        DataSet data = data(64);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread trainer = new Thread(() -> nn.fit(data, FitOptions.create().epochs(1).batchSize(64).seed(1)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(BatchEvent e) {
                        inside.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })), "trainer-1");
        trainer.start();
        try {
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            double[] x = inputRow(data, 0);
            double[] t = targetRow(data, 0);
            List<Runnable> calls = List.of(
                    () -> nn.fit(data, FitOptions.create()),
                    () -> nn.partialFit(data),
                    () -> nn.evaluate(data),
                    () -> nn.train(x, t),
                    () -> nn.trainStep(x, t));
            for (Runnable call : calls) {
                IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
                assertTrue(e.getMessage().contains("while thread 'trainer-1' is training this network")
                        && e.getMessage().contains("nn.copy()"), e.getMessage());
            }
            assertEquals(2, nn.predict(x).length, "predicting is fine meanwhile");
            // so are the settings training reads: changing them mid-run would mix two settings in one run
            double lr = nn.getLearningRate();
            List<Runnable> settings = List.of(
                    () -> nn.setLearningRate(0.5),
                    () -> nn.setActivationFunction(toynn.ActivationFunction.TANH),
                    () -> nn.setActivationFunction(0, toynn.ActivationFunction.TANH),
                    () -> nn.setUpdateRule(UpdateRule.LECTURE),
                    () -> nn.setExactGradient(false),
                    () -> nn.setLoss(toynn.Loss.MSE),
                    () -> nn.setOptimizer(toynn.train.Sgd.of(0.5)),
                    () -> nn.setWeightDecay(0.1),
                    () -> nn.setDropout(0, 0.5),
                    () -> nn.setEpochsTrained(7),
                    () -> nn.setTrainingSeed(7),
                    () -> nn.setInputNormalizer(null),
                    () -> nn.setTargetNormalizer(null));
            for (Runnable call : settings) {
                IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
                assertTrue(e.getMessage().contains("while thread 'trainer-1' is training this network")
                        && e.getMessage().contains("between trainings"), e.getMessage());
            }
            assertEquals(lr, nn.getLearningRate(), "nothing changed");
        } finally {
            release.countDown();
            trainer.join(30_000);
        }
        nn.fit(data, FitOptions.create().epochs(1).seed(1));   // free again once the other thread is done
        nn.setLearningRate(0.05);                              // and settings can change
        assertEquals(0.05, nn.getLearningRate());
    }

    @Test
    void anotherThreadsEvaluateRefusesOnlyTheSettingsItReads() throws Exception {
        NeuralNetwork nn = network();
        DataSet data = data(64);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean blocked = new AtomicBoolean();
        // tanh that holds the evaluating thread inside its forward pass once, until released
        nn.setActivationFunction(0, ActivationFunction.of("held_tanh", v -> {
            if (Thread.currentThread().getName().equals("evaluator-1") && blocked.compareAndSet(false, true)) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return Math.tanh(v);
        }, y -> 1 - y * y));
        Thread evaluator = new Thread(() -> nn.evaluate(data), "evaluator-1");
        evaluator.start();
        try {
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            // evaluate reads no update setting: a UI thread may change them meanwhile, as before
            nn.setLearningRate(0.5);
            nn.setUpdateRule(UpdateRule.LECTURE);
            nn.setOptimizer(toynn.train.Sgd.of(0.5));
            nn.setWeightDecay(0.1);
            nn.setDropout(0, 0.5);
            nn.setEpochsTrained(7);
            nn.setTrainingSeed(7);
            assertEquals(0.5, nn.getLearningRate());
            // it does read the loss and the activations: those are still refused
            List<Runnable> read = List.of(
                    () -> nn.setLoss(Loss.MSE),
                    () -> nn.setActivationFunction(ActivationFunction.TANH),
                    () -> nn.setActivationFunction(1, ActivationFunction.SIGMOID));
            for (Runnable call : read) {
                IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
                assertTrue(e.getMessage().contains("while thread 'evaluator-1'"), e.getMessage());
            }
            assertThrows(IllegalStateException.class, () -> nn.fit(data, FitOptions.create()), "still one at a time");
        } finally {
            release.countDown();
            evaluator.join(30_000);
        }
        nn.setLoss(Loss.MSE);                                   // free once the evaluation is done
    }

    @Test
    void aListenerOnTheTrainingThreadMayChangeTheLearningRate() {
        NeuralNetwork nn = network();
        nn.fit(data(64), FitOptions.create().epochs(2).batchSize(32).seed(1).listener(new TrainingListener() {
            @Override
            public void onEpochEnd(toynn.train.EpochEvent e) {
                nn.setLearningRate(nn.getLearningRate() / 2);      // a hand-made schedule, as before
            }
        }));
        assertEquals(network().getLearningRate() / 4, nn.getLearningRate());
    }

    @Test
    void evaluatingFromAListenerOnTheTrainingThreadIsAllowedAndChangesNothing() {
        DataSet data = data(64);
        NeuralNetwork plain = network();
        NeuralNetwork watched = network();
        plain.fit(data, FitOptions.create().epochs(3).batchSize(8).seed(5));
        List<Double> accuracies = new ArrayList<>();
        watched.fit(data, FitOptions.create().epochs(3).batchSize(8).seed(5).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchEvent e) {
                watched.evaluate(data);
            }

            @Override
            public void onEpochEnd(EpochEvent e) {
                accuracies.add(watched.evaluate(data).accuracy());
            }
        }));
        assertEquals(3, accuracies.size());
        for (int l = 0; l < plain.layers().size(); l++) {
            assertArrayEquals(plain.layers().get(l).weights(), watched.layers().get(l).weights());
        }
    }

    @Test
    void predictingInsideAMutationFunctionSeesTheWeightsBeforeIt() {
        NeuralNetwork nn = network();
        double[] x = inputRow(data(1), 0);
        double[] before = nn.predict(x);
        nn.mutate(w -> {
            assertArrayEquals(before, nn.predict(x));      // the function runs before any weight changes
            return w * 0.5;
        });
        assertTrue(!Arrays.equals(before, nn.predict(x)), "the mutation took effect");
    }

    @Test
    void predictingWhileHoldingTheWriteLockFailsInsteadOfDeadlocking() {
        NeuralNetwork nn = network();
        double[] x = inputRow(data(1), 0);
        long stamp = nn.weightsLock().beginWrite();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> nn.predict(x));
            assertTrue(e.getMessage().contains("cannot predict with the same network"), e.getMessage());
        } finally {
            nn.weightsLock().endWrite(stamp);
        }
        assertEquals(2, nn.predict(x).length, "the lock was released");
    }

    private static NeuralNetwork network() {
        return NeuralNetwork.builder().inputs(12).dense(48, ActivationFunction.TANH)
                .dense(2, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Adam.of(0.01)).seed(21).build();
    }

    /** Two classes: is the sum of the inputs positive? */
    private static DataSet data(int n) {
        Rng rng = new Rng(17);
        double[][] x = new double[n][12];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < 12; j++) {
                x[i][j] = rng.uniform(-1, 1);
                sum += x[i][j];
            }
            y[i][sum > 0 ? 1 : 0] = 1;
        }
        return DataSet.of(x, y);
    }

    private static double[] inputRow(DataSet d, int i) {
        return row(d.inputs(), i, d.inputSize());
    }

    private static double[] targetRow(DataSet d, int i) {
        return row(d.targets(), i, d.targetSize());
    }

    private static double[] row(float[] values, int i, int cols) {
        double[] r = new double[cols];
        for (int j = 0; j < cols; j++) {
            r[j] = values[i * cols + j];
        }
        return r;
    }

    private static FitOptions copyOf(FitOptions o) {
        return FitOptions.create().epochs(o.epochs()).batchSize(o.batchSize()).seed(o.seed());
    }

    private static List<Double> key(double[] v) {
        List<Double> k = new ArrayList<>(v.length);
        for (double d : v) {
            k.add(d);
        }
        return k;
    }
}
