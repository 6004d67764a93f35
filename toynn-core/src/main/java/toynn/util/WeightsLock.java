package toynn.util;

import java.util.ArrayList;
import java.util.concurrent.locks.StampedLock;
import java.util.function.BooleanSupplier;

/**
 * Lets one network predict on many threads while its weights change: code that updates weights in
 * place (optimizer steps, the lecture's {@code train}, {@code mutate}) holds the write lock for each
 * update; the forward pass of {@code predict} reads optimistically — no lock, no shared write — and
 * runs again under the read lock only if an update happened meanwhile. A prediction therefore always
 * sees the weights as they were between two updates, never half of one.
 *
 * <p>For custom training loops that write a network's weights in place:
 * <pre>{@code
 * long stamp = nn.weightsLock().beginWrite();
 * try { ... update nn.layers().get(l).weights() ... } finally { nn.weightsLock().endWrite(stamp); }
 * }</pre>
 * A thread may read again while it reads (a prediction or a save inside {@code beginRead} … {@code endRead}
 * works), but a lock held for reading cannot be upgraded, and the write lock is not reentrant: a thread
 * that holds the write lock must not predict with the same network, and a thread inside a read must not
 * train it — either throws {@link IllegalStateException} instead of waiting for itself forever.
 */
public final class WeightsLock {
    /** The locks each thread holds for reading (usually none or one): a thread cannot wait for its own reads to end. */
    private static final ThreadLocal<ArrayList<WeightsLock>> READING = ThreadLocal.withInitial(() -> new ArrayList<>(2));

    private final StampedLock lock = new StampedLock();
    private volatile Thread writer;
    private volatile BooleanSupplier pending;
    private volatile Runnable applyPending;

    /**
     * Declares writes that are due but not made yet — a network's per-sample training leaves each step's
     * weight update for the next step's forward pass (see {@code Dense.deferUpdate}). {@link #beginRead()}
     * applies them (under the write lock) before it takes the read lock, and returns only when none is
     * pending while it holds the read lock. A training thread may still leave a new one pending while the
     * read is held (it takes the write lock only to apply it); the reader then sees the weights without it —
     * a state between two steps — since a reader cannot write ({@link #isReadLockedByCurrentThread()}).
     */
    public void pendingWrites(BooleanSupplier pending, Runnable apply) {
        this.applyPending = apply;
        this.pending = pending;
    }

    /** True when the calling thread holds the write lock (it is inside {@link #beginWrite()} … {@link #endWrite}). */
    public boolean isWriteLockedByCurrentThread() {
        return writer == Thread.currentThread();
    }

    /** True when the calling thread is inside {@link #beginRead()} … {@link #endRead} of this lock. */
    public boolean isReadLockedByCurrentThread() {
        return READING.get().contains(this);
    }

    /**
     * Blocks until no prediction holds the read lock, then excludes them; returns the stamp for {@link #endWrite}.
     *
     * @throws IllegalStateException if the calling thread itself holds a read of this lock (it would wait forever)
     */
    public long beginWrite() {
        if (isReadLockedByCurrentThread()) {
            throw new IllegalStateException("this thread holds a read of the network's weights (weightsLock().beginRead() "
                    + "without endRead yet) and cannot update them: call endRead before training, mutating or "
                    + "changing the weights");
        }
        long stamp = lock.writeLock();
        writer = Thread.currentThread();
        return stamp;
    }

    /** Ends the update started by {@link #beginWrite()}. */
    public void endWrite(long stamp) {
        writer = null;
        lock.unlockWrite(stamp);
    }

    /** A stamp for an optimistic read, or 0 while an update is under way. */
    public long tryOptimisticRead() {
        return lock.tryOptimisticRead();
    }

    /** True when no update started since {@code stamp} was issued (so what was read is consistent). */
    public boolean validate(long stamp) {
        return lock.validate(stamp);
    }

    /**
     * Waits for the update under way, then holds off new ones until {@link #endRead}.
     *
     * @throws IllegalStateException if the calling thread itself holds the write lock
     */
    public long beginRead() {
        if (writer == Thread.currentThread()) {
            throw new IllegalStateException("this thread is updating the network's weights (inside a mutate function "
                    + "or a custom update) and cannot predict with the same network until the update ends");
        }
        ArrayList<WeightsLock> reading = READING.get();
        if (reading.contains(this)) {
            // Reading again inside a read: no update can be under way, and a writer queued meanwhile must not
            // make this thread wait behind it for its own read to end. Pending updates stay pending.
            long stamp = lock.tryReadLock();
            if (stamp != 0) {
                reading.add(this);
                return stamp;
            }
        }
        BooleanSupplier due = pending;
        while (true) {
            if (due != null && due.getAsBoolean()) {
                applyPending.run();
            }
            long stamp = lock.readLock();
            if (due == null || !due.getAsBoolean()) {     // no new update can be applied while it is held
                reading.add(this);
                return stamp;
            }
            lock.unlockRead(stamp);                       // one was left between the two: apply it too
        }
    }

    /** Ends a read started by {@link #beginRead()}. */
    public void endRead(long stamp) {
        lock.unlockRead(stamp);
        READING.get().remove(this);
    }
}
