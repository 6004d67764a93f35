package toynn.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A small fixed pool that runs the parts {@code 0..parts−1} of one kernel call, allocating
 * nothing per call. The caller and the workers claim parts one at a time, so on a busy machine a
 * worker that is not scheduled in time simply gets no part and the caller does the work. Workers
 * are daemon threads that spin briefly after a job (kernels come in quick bursts during training)
 * and then park, so an idle library costs no CPU; spinning threads yield now and then, so they never
 * keep a runnable thread (the JIT compiler, the application's own) off a core.
 *
 * <p>Claiming: each call has a generation number {@code G}, published together with its part count
 * in one volatile {@code long}. Part {@code p} is claimed by moving its stamp from below {@code G}
 * to {@code G}; a worker that wakes late, after its call finished, finds every stamp at {@code G}
 * or above and claims nothing.
 *
 * <p>Determinism does not depend on the pool: a caller partitions the output, each part is
 * computed by exactly one thread, and the kernels compute every output element the same way
 * whichever part it falls in.
 */
final class KernelThreads {
    private static final long SPIN_NANOS = 100_000;      // ~ the gap between kernels in a training step
    private static final int YIELD_EVERY = 64;           // spins per yield: 64 pauses and clock reads ≈ one yield (~1 µs)

    private final Worker[] workers;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLongArray claims;                // generation that claimed part p
    private final AtomicInteger finished = new AtomicInteger();
    private volatile long job;                           // generation << 24 | parts (parts < 2^24)
    private IntConsumer body;                            // written before job, read after claiming
    private volatile Thread caller;
    private volatile Throwable failure;
    private long generation;                             // 2^40 calls before it could wrap

    KernelThreads(int threads) {
        workers = new Worker[threads - 1];
        claims = new AtomicLongArray(threads * KernelEngine.PARTS_PER_THREAD);
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    /** Total threads, the caller included. */
    int size() {
        return workers.length + 1;
    }

    /** Takes the pool for one call; false when another thread holds it (or this is a worker). */
    boolean tryAcquire() {
        return !(Thread.currentThread() instanceof Worker) && busy.compareAndSet(0, 1);
    }

    /** Gives the pool back after {@link #runAcquired}. */
    void release() {
        busy.set(0);
    }

    /** Runs {@code task(p)} for every {@code p < parts ≤ PARTS_PER_THREAD·size()}, each exactly once; the pool must be held. */
    void runAcquired(int parts, IntConsumer task) {
        long g = publish(parts, task, parts - 1);
        await(g, parts);
    }

    /**
     * Hands the parts of {@code task} to the workers and returns at once, the pool held: the caller goes
     * on with other work and then calls {@link #awaitStarted}, which runs whatever parts no worker has
     * claimed and waits for the rest. A worker that is not scheduled meanwhile costs nothing but the
     * caller doing its parts.
     */
    void start(int parts, IntConsumer task) {
        startedGeneration = publish(parts, task, parts);
        startedParts = parts;
    }

    /** Finishes the call {@link #start} began (on the thread that began it). */
    void awaitStarted() {
        await(startedGeneration, startedParts);
    }

    private long startedGeneration;
    private int startedParts;

    /** Publishes a call of {@code parts} parts and wakes {@code helpers} workers; its generation. */
    private long publish(int parts, IntConsumer task, int helpers) {
        body = task;
        failure = null;
        caller = Thread.currentThread();
        finished.set(0);
        long g = ++generation;
        job = (g << 24) | parts;                         // publishes body and the reset counters
        for (int w = 0; w < Math.min(helpers, workers.length); w++) {
            workers[w].wake();
        }
        return g;
    }

    /** Runs the unclaimed parts of generation {@code g} here, waits for the others, rethrows a part's failure. */
    private void await(long g, int parts) {
        work(g, parts);
        long t0 = System.nanoTime();
        for (int spins = 0; finished.get() < parts; spins++) {
            if (System.nanoTime() - t0 < SPIN_NANOS) {
                pause(spins);
            } else {
                LockSupport.parkNanos(this, 50_000);
            }
        }
        body = null;
        Throwable f = failure;
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        } else if (f instanceof Error) {
            throw (Error) f;
        }
    }

    /**
     * One step of a spin-wait: a CPU pause, and every {@link #YIELD_EVERY}th time a {@link Thread#yield()},
     * which returns at once on an idle machine but lets a runnable thread have this core — above all
     * HotSpot's compiler threads while training warms up: on two cores, a worker spinning between jobs
     * and a caller spinning for parts had kept C2 from the CPU it needs to compile the training loop
     * (T2 batch 32's first epoch 0.37–0.48 → 0.28–0.32 s, and the whole run ~0.2 s shorter; README).
     */
    private static void pause(int spins) {
        if (spins % YIELD_EVERY == YIELD_EVERY - 1) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    /** Claims and runs parts of generation {@code g} until none are left. */
    private void work(long g, int parts) {
        for (int p = 0; p < parts; p++) {
            long stamp = claims.get(p);
            if (stamp < g && claims.compareAndSet(p, stamp, g)) {
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
                for (int spins = 0; (r = requested.get()) == served && !stopped; spins++) {
                    if (System.nanoTime() - t0 < SPIN_NANOS) {
                        pause(spins);
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (stopped) {
                    return;
                }
                served = r;
                long j = job;
                work(j >>> 24, (int) (j & 0xFFFFFF));
            }
        }
    }
}
