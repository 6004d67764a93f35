package toynn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import toynn.DataSet;
import toynn.NeuralNetwork;

/**
 * fit reuses its workspaces: ten more epochs (200 more batches, with dropout, Adam, validation and a
 * listener) may allocate only per-epoch bookkeeping, far less than one batch's activations.
 */
class NoAllocationPerBatchTest {
    @Test
    void moreBatchesDoNotAllocateMore() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread; skipping");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(bean.isThreadAllocatedMemorySupported(), "allocation counting unsupported; skipping");
        bean.setThreadAllocatedMemoryEnabled(true);
        DataSet d = FitTest.blobs(220, 1);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatchEnd(BatchEvent e) {
            }
        };
        for (int warm = 0; warm < 3; warm++) {     // let the JIT settle (and escape analysis apply)
            fit(d, 30, listener);
        }
        long shortRun = allocated(bean, d, 2, listener);
        long longRun = allocated(bean, d, 12, listener);
        long perBatch = (longRun - shortRun) / 200;
        // per-epoch bookkeeping (an EpochEvent, list growth) is ~5 bytes per batch here; the smallest Java
        // object allocated per batch would add 16, one batch's activations 10 × (8 + 3) floats = 44
        assertTrue(perBatch < 12, "fit allocates about " + perBatch + " bytes per batch (" + shortRun + " bytes for "
                + "2 epochs, " + longRun + " for 12)");
    }

    private static long allocated(com.sun.management.ThreadMXBean bean, DataSet d, int epochs, TrainingListener l) {
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        fit(d, epochs, l);
        return bean.getThreadAllocatedBytes(id) - before;
    }

    private static void fit(DataSet d, int epochs, TrainingListener l) {
        NeuralNetwork nn = FitTest.classifier(3, Adam.of(0.01));
        nn.fit(d, FitOptions.create().epochs(epochs).batchSize(10).validationSplit(0.1).listener(l));
    }
}
