package toynn.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * The backends this JVM can run (scalar always; the Vector API one when the module is present) and
 * engines made for a test class, remembered so the class can stop their threads when it is done.
 */
final class TestEngines {
    private final List<KernelEngine> made = new ArrayList<>();

    /** Scalar always, plus the Vector API backend when this JVM has the module. */
    static List<Backend> backends() {
        List<Backend> list = new ArrayList<>();
        list.add(new ScalarBackend());
        Kernels.vectorBackend().ifPresent(list::add);
        return list;
    }

    /** A new engine on {@code b} with {@code threads} threads; stopped by {@link #shutdown()}. */
    KernelEngine engine(Backend b, int threads) {
        KernelEngine e = new KernelEngine(b, threads);
        synchronized (made) {
            made.add(e);
        }
        return e;
    }

    /** Stops the threads of every engine made here. */
    void shutdown() {
        synchronized (made) {
            made.forEach(KernelEngine::shutdown);
            made.clear();
        }
    }
}
