package toynn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Once HotSpot has compiled them, the batch product routes allocate nothing per call on the path this
 * JVM runs — on the Vector API path that means every vector stayed in registers. (The dot tiles once
 * grew past C2's inlining budget and boxed a vector on every step of {@code k}: ~74 kB per call of
 * a 256 × 128 × 10 forward pass on Java 17, and the matrix–vector rows 1.5 kB per 64 × 784 call: their
 * lane sums are now folded together, see {@code VectorBackend.combine}.)
 */
class KernelAllocationTest {
    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @CsvSource({
        "1, 784, 64",      // matrix–vector rows: one sample through a hidden layer
        "1, 64, 10",       // and through a small output layer
        "10, 40, 40",      // dot tiles
        "256, 128, 10",    // dot tiles: a narrow output layer
        "40, 100, 64",     // transposed tiles on the Vector API path
        "100, 40, 40",     // packed register tiles
    })
    void aCompiledProductAllocatesNothing(int m, int k, int n) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "this JVM does not count allocated bytes per thread; skipping");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(bean.isThreadAllocatedMemorySupported(), "allocation counting unsupported; skipping");
        bean.setThreadAllocatedMemoryEnabled(true);
        float[] x = new float[m * k];
        float[] w = new float[n * k];
        float[] b = new float[n];
        float[] z = new float[m * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) * 0.125f;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 5) * 0.25f - 0.5f;
        }
        long id = Thread.currentThread().getId();
        long perRound = -1;
        // Until C2 has compiled every kernel on the route, its vectors are heap objects. With a long compile
        // queue (the other tests' kernels, the Vector API's own methods) a kernel called once per product
        // can wait for C2 longer than 400 rounds of 200 calls (seen: biasActivate still at C1 after
        // 80,000 calls, one boxed zero vector per call): wait up to 30 s for a round that allocates nothing.
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int round = 0; perRound != 0 && (round < 400 || System.nanoTime() < deadline); round++) {
            long before = bean.getThreadAllocatedBytes(id);
            for (int call = 0; call < 200; call++) {
                Kernels.denseForward(x, w, b, z, z, m, k, n, FusedActivation.RELU);
            }
            perRound = bean.getThreadAllocatedBytes(id) - before;
        }
        assertEquals(0, perRound, Kernels.path() + " path: 200 compiled calls allocated " + perRound + " bytes");
    }
}
