package toynn.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.NeuralNetwork;
import toynn.io.ModelFile;
import toynn.layers.Dense;
import toynn.train.FitOptions;

/**
 * A thread inside its own read of a network's weights: reading again works even with a writer waiting,
 * an update left pending meanwhile stays unapplied for it, and training or writing fails at once with a
 * message instead of waiting for itself forever. (Each of these hung before; the timeout fails them.)
 */
@Timeout(30)
class WeightsLockTest {
    private static final double[] X = {0.2, -0.4};
    private static final double[] T = {1.0};

    private static NeuralNetwork network() {
        return new NeuralNetwork(2, 3, 1);
    }

    @Test
    void trainingInsideOwnReadFailsWithMessage() {
        NeuralNetwork nn = network();
        double[] before = nn.predict(X);
        long stamp = nn.weightsLock().beginRead();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> nn.train(X, T));
            assertTrue(e.getMessage().contains("endRead"), e.getMessage());
            assertTrue(e.getMessage().contains("train"), e.getMessage());
            DataSet data = DataSet.of(new double[][] {X}, new double[][] {T});
            assertThrows(IllegalStateException.class, () -> nn.fit(data, FitOptions.create().epochs(1)));
            IllegalStateException w = assertThrows(IllegalStateException.class, () -> nn.mutate(1.0, 0.5));
            assertTrue(w.getMessage().contains("endRead"), w.getMessage());
            assertThrows(IllegalStateException.class, () -> nn.weightsLock().beginWrite());
            assertArrayEquals(before, nn.predict(X), "a refused call changed the weights");   // reading still works
        } finally {
            nn.weightsLock().endRead(stamp);
        }
        assertFalse(nn.weightsLock().isReadLockedByCurrentThread());
        nn.train(X, T);                                                   // after endRead: trains as usual
        assertNotEquals(before[0], nn.predict(X)[0]);
    }

    @Test
    void readingAgainWhileAWriterWaitsDoesNotDeadlock() throws Exception {
        NeuralNetwork nn = network();
        WeightsLock lock = nn.weightsLock();
        long outer = lock.beginRead();
        AtomicLong wrote = new AtomicLong();
        CountDownLatch started = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            started.countDown();
            long s = lock.beginWrite();                                    // queued behind the outer read
            wrote.set(System.nanoTime());
            lock.endWrite(s);
        }, "writer");
        writer.start();
        started.await();
        while (writer.getState() != Thread.State.WAITING && writer.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();                                           // until the writer is parked in the queue
        }
        try {
            long inner = lock.beginRead();                                 // a save or copy inside the read
            try {
                assertTrue(lock.isReadLockedByCurrentThread());
                String saved = ModelFile.write(nn);
                assertArrayEquals(nn.predict(X), ModelFile.read(saved).predict(X));
                assertEquals(3, nn.copy().layers().get(0).outputs());
            } finally {
                lock.endRead(inner);
            }
            assertTrue(lock.isReadLockedByCurrentThread(), "the outer read is still held");
            assertEquals(0, wrote.get(), "the writer ran while a read was held");
        } finally {
            lock.endRead(outer);
        }
        writer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(writer.isAlive(), "the writer never got the lock after the reads ended");
        assertTrue(wrote.get() != 0);
    }

    @Test
    void updateLeftPendingDuringAReadIsAppliedAfterIt() {
        Dense d = new Dense(3, 2, ActivationFunction.SIGMOID);
        float[] w0 = d.weights().clone();
        float[] g = {0.5f, -1f};
        float[] u = {1f, 2f, -3f};
        float rate = 0.25f;
        WeightsLock lock = new WeightsLock();
        long stamp = lock.beginRead();
        try {
            d.deferUpdate(rate, g, u, lock);                               // a training thread's step, meanwhile
            assertArrayEquals(w0, d.weights(), "a reader saw (or made) the pending update");
            assertTrue(d.hasPendingUpdate());
        } finally {
            lock.endRead(stamp);
        }
        float[] expected = w0.clone();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                expected[i * 3 + j] = w0[i * 3 + j] + rate * (g[i] * u[j]);
            }
        }
        assertArrayEquals(expected, d.weights(), 1e-6f);
        assertFalse(d.hasPendingUpdate());
    }

    @Test
    void readsOfOneNetworkDoNotBlockWritesOfAnother() {
        NeuralNetwork a = network();
        NeuralNetwork b = network();
        long stamp = a.weightsLock().beginRead();
        try {
            b.train(X, T);                                                 // another network's lock: no conflict
            assertFalse(b.weightsLock().isReadLockedByCurrentThread());
        } finally {
            a.weightsLock().endRead(stamp);
        }
    }
}
