package toynn.fuzz;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract every reader is fuzzed against: on any input it either returns a result or throws
 * one of its documented exceptions with a message — never another exception, never an
 * {@link OutOfMemoryError} or {@link StackOverflowError}, and it allocates no more than the input
 * can justify ({@link #allocationBudget}), so a 100-byte file cannot ask for gigabytes.
 */
final class ReaderContract {
    /** Fixed allowance: parser buffers, messages, the small network a valid file describes. */
    static final long BASE_BUDGET = 8L << 20;
    /** Per input byte: a JSON parse tree or a decoded array costs some tens of bytes per input byte. */
    static final long BUDGET_PER_BYTE = 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A reader under test. */
    @FunctionalInterface
    interface Reader<T> {
        /** Reads the input; may throw the documented exceptions. */
        T read() throws Exception;
    }

    private ReaderContract() {
    }

    /** Bytes a reader may allocate for an input of {@code inputBytes} bytes. */
    static long allocationBudget(long inputBytes) {
        return BASE_BUDGET + BUDGET_PER_BYTE * inputBytes;
    }

    /**
     * Runs {@code reader}; returns its result, or {@code null} when it threw one of the
     * {@code documented} exceptions (with a non-blank message).
     *
     * @throws AssertionError when the contract is broken, naming how
     */
    @SafeVarargs
    static <T> T check(String what, long inputBytes, Reader<T> reader, Class<? extends Exception>... documented) {
        long budget = allocationBudget(inputBytes);
        long before = allocatedBytes();
        T result = null;
        Throwable thrown = null;
        try {
            result = reader.read();
        } catch (OutOfMemoryError e) {
            throw new AssertionError(what + " ran out of memory on a " + inputBytes + "-byte input", e);
        } catch (StackOverflowError e) {
            throw new AssertionError(what + " overflowed the stack on a " + inputBytes + "-byte input", e);
        } catch (Exception e) {
            thrown = e;
        }
        long allocated = allocatedBytes() - before;
        if (allocated > budget) {
            allocated = allocationOfSecondRun(reader);           // the first run may have loaded classes
        }
        if (allocated > budget) {
            throw new AssertionError(what + " allocated " + allocated + " bytes for a " + inputBytes
                    + "-byte input; the budget is " + budget + " (sizes must be checked against the bytes present)",
                    thrown);
        }
        if (thrown == null) {
            return result;
        }
        for (Class<? extends Exception> ok : documented) {
            if (ok.isInstance(thrown)) {
                String message = thrown.getMessage();
                if (message == null || message.isBlank()) {
                    throw new AssertionError(what + " threw " + thrown.getClass().getName() + " without a message",
                            thrown);
                }
                return null;
            }
        }
        List<String> names = new ArrayList<>();
        for (Class<? extends Exception> ok : documented) {                 // (the array itself is not handed on)
            names.add(ok.getSimpleName());
        }
        throw new AssertionError(what + " threw " + thrown.getClass().getName() + ", which is not one of its documented "
                + "exceptions " + names, thrown);
    }

    /** Allocation of one more run, with every class it needs already loaded and initialised. */
    private static long allocationOfSecondRun(Reader<?> reader) {
        long before = allocatedBytes();
        try {
            reader.read();
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            // the first run already showed what it throws; here only the allocation counts
        }
        return allocatedBytes() - before;
    }

    /** Bytes allocated so far by the calling thread (HotSpot's per-thread TLAB accounting). */
    static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
