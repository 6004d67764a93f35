package toynn.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A small fixed pool that runs the parts {@code 0..parts−1} of one kernel call. The caller and the
 * workers take parts from a shared counter, so on a busy machine a worker that is not scheduled in
 * time simply gets no part and the caller does the work. Workers are daemon threads that spin
 * briefly after a job (kernels come in quick bursts during training) and then park, so an idle
 * library costs no CPU.
 *
 * <p>Determinism does not depend on the pool: a caller partitions the output, each part is
 * computed by exactly one thread, and the kernels compute every output element the same way
 * whichever part it falls in. When the pool is busy (another thread is inside a parallel kernel)
 * or the caller is itself a worker, the parts run one after another on the caller.
 */
final class KernelThreads {
    private static final long SPIN_NANOS = 100_000;      // ~ the gap between kernels in a training step

    /** One call: its parts, the next part to take and how many are finished. */
    private static final class Job {
        final IntConsumer body;
        final int parts;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile Throwable failure;

        Job(IntConsumer body, int parts, Thread caller) {
            this.body = body;
            this.parts = parts;
            this.caller = caller;
        }

        /** Takes and runs parts until none are left. */
        void work() {
            int p;
            while ((p = next.getAndIncrement()) < parts) {
                try {
                    body.accept(p);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    if (finished.incrementAndGet() == parts) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }
    }

    private final Worker[] workers;
    private final AtomicInteger busy = new AtomicInteger();
    private volatile Job current;

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

    /** Runs {@code body(p)} for every {@code p < parts}, each exactly once. */
    void run(int parts, IntConsumer body) {
        if (parts <= 1 || Thread.currentThread() instanceof Worker || !busy.compareAndSet(0, 1)) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        try {
            Job job = new Job(body, parts, Thread.currentThread());
            current = job;
            for (int w = 0; w < Math.min(parts - 1, workers.length); w++) {
                workers[w].wake();
            }
            job.work();
            long t0 = System.nanoTime();
            while (job.finished.get() < parts) {
                if (System.nanoTime() - t0 < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 50_000);
                }
            }
            Throwable f = job.failure;
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            } else if (f instanceof Error) {
                throw (Error) f;
            }
        } finally {
            current = null;
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

    private final class Worker extends Thread {
        private final AtomicInteger requested = new AtomicInteger();
        private int served;
        volatile boolean stopped;

        Worker(int index) {
            super("toynn-kernel-" + index);
            setDaemon(true);
        }

        void wake() {
            requested.incrementAndGet();
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (!stopped) {
                long t0 = System.nanoTime();
                int r;
                while ((r = requested.get()) == served && !stopped) {
                    if (System.nanoTime() - t0 < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (stopped) {
                    return;
                }
                served = r;
                Job job = current;              // null or a later job if this worker woke late: both are fine
                if (job != null) {
                    job.work();
                }
            }
        }
    }
}
