package toynn.util;

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
 * Not reentrant: a thread that holds the write lock must not predict with the same network (that
 * throws {@link IllegalStateException} instead of waiting for itself forever).
 */
public final class WeightsLock {
    private final StampedLock lock = new StampedLock();
    private volatile Thread writer;
    private volatile BooleanSupplier pending;
    private volatile Runnable applyPending;

    /**
     * Declares writes that are due but not made yet — a network's per-sample training leaves each step's
     * weight update for the next step's forward pass (see {@code Dense.deferUpdate}). {@link #beginRead()}
     * applies them (under the write lock) before it takes the read lock, and returns only when none is
     * pending while it holds the read lock, so no reader ever has to make a write while it reads.
     */
    public void pendingWrites(BooleanSupplier pending, Runnable apply) {
        this.applyPending = apply;
        this.pending = pending;
    }

    /** True when the calling thread holds the write lock (it is inside {@link #beginWrite()} … {@link #endWrite}). */
    public boolean isWriteLockedByCurrentThread() {
        return writer == Thread.currentThread();
    }

    /** Blocks until no prediction holds the read lock, then excludes them; returns the stamp for {@link #endWrite}. */
    public long beginWrite() {
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
        BooleanSupplier due = pending;
        while (true) {
            if (due != null && due.getAsBoolean()) {
                applyPending.run();
            }
            long stamp = lock.readLock();
            if (due == null || !due.getAsBoolean()) {     // no new update can be left pending while it is held
                return stamp;
            }
            lock.unlockRead(stamp);                       // one was left between the two: apply it too
        }
    }

    /** Ends a read started by {@link #beginRead()}. */
    public void endRead(long stamp) {
        lock.unlockRead(stamp);
    }
}
