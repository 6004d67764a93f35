package toynn.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A small fixed pool that runs the parts {@code 0..parts−1} of one kernel call, part 0 on the
 * calling thread. Workers are daemon threads that spin briefly after a job (kernels come in quick
 * bursts during training) and then park, so an idle library costs no CPU.
 *
 * <p>Determinism does not depend on the pool: a caller partitions the output, each part is
 * computed by exactly one thread in a fixed order, and no reduction is split across parts. When
 * the pool is busy (another thread is inside a parallel kernel) or the caller is itself a worker,
 * the parts run one after another on the caller — same partition, same results.
 */
final class KernelThreads {
    private static final long SPIN_NANOS = 100_000;      // ~ the gap between kernels in a training step

    private final Worker[] workers;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile IntConsumer job;
    private volatile Thread caller;
    private volatile Throwable failure;

    KernelThreads(int threads) {
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    /** Total threads, the caller included. */
    int size() {
        return workers.length + 1;
    }

    /** Runs {@code body(p)} for every {@code p < parts}; {@code parts ≤ size()}. */
    void run(int parts, IntConsumer body) {
        if (parts <= 1 || Thread.currentThread() instanceof Worker || !busy.compareAndSet(0, 1)) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        try {
            failure = null;
            caller = Thread.currentThread();
            job = body;
            remaining.set(parts - 1);
            for (int w = 0; w < parts - 1; w++) {
                workers[w].submit();
            }
            body.accept(0);
            long t0 = System.nanoTime();
            while (remaining.get() > 0) {
                if (System.nanoTime() - t0 < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 50_000);
                }
            }
            Throwable f = failure;
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            } else if (f instanceof Error) {
                throw (Error) f;
            }
        } finally {
            job = null;
            busy.set(0);
        }
    }

    /** Stops the workers (they finish any part in hand first). */
    void shutdown() {
        for (Worker w : workers) {
            w.stopped = true;
            LockSupport.unpark(w);
        }
    }

    private void done() {
        if (remaining.decrementAndGet() == 0) {
            LockSupport.unpark(caller);
        }
    }

    private final class Worker extends Thread {
        private final int part;
        private volatile int requested;
        private int served;
        volatile boolean stopped;

        Worker(int part) {
            super("toynn-kernel-" + part);
            this.part = part;
            setDaemon(true);
        }

        void submit() {
            requested++;                                   // only the (single) caller writes this
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (!stopped) {
                long t0 = System.nanoTime();
                while (requested == served && !stopped) {
                    if (System.nanoTime() - t0 < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (stopped) {
                    return;
                }
                served++;
                try {
                    job.accept(part);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    done();
                }
            }
        }
    }
}
