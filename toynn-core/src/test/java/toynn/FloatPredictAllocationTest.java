package toynn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import toynn.data.Normalizer;

/**
 * {@code predict(float[])} with a target normalizer allocates its result and nothing more per call: the
 * check that an output maps back within float32 reads the forward pass's own buffer. (It cloned the
 * outputs on every call to compare with, doubling what a sketch's draw loop allocates.)
 */
class FloatPredictAllocationTest {
    private static final int OUTPUTS = 4096;          // so that a second copy of the outputs stands out

    @Test
    void aCompiledCallAllocatesOnlyItsResult() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "this JVM does not count allocated bytes per thread; skipping");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(bean.isThreadAllocatedMemorySupported(), "allocation counting unsupported; skipping");
        bean.setThreadAllocatedMemoryEnabled(true);
        NeuralNetwork nn = NeuralNetwork.builder().inputs(2).dense(OUTPUTS, ActivationFunction.LINEAR).seed(1).build();
        double[] min = new double[OUTPUTS];
        double[] max = new double[OUTPUTS];
        java.util.Arrays.fill(max, 10);
        nn.setTargetNormalizer(Normalizer.minMax(min, max));
        float[] x = {0.5f, -0.25f};
        long result = 16 + 4L * OUTPUTS;                  // header and floats of the returned array
        long id = Thread.currentThread().getId();
        long perCall = Long.MAX_VALUE;
        // Until C2 has compiled the route its kernels box vectors on the heap: wait up to 30 s for a round
        // that shows the steady state, as KernelAllocationTest does. A copy per call shows in every round.
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int round = 0; perCall >= result + result / 2 && (round < 50 || System.nanoTime() < deadline); round++) {
            long before = bean.getThreadAllocatedBytes(id);
            for (int call = 0; call < 100; call++) {
                nn.predict(x);
            }
            perCall = (bean.getThreadAllocatedBytes(id) - before) / 100;
        }
        assertTrue(perCall < result + result / 2, "predict(float[]) allocated " + perCall + " bytes a call; its result"
                + " takes " + result);
    }
}
