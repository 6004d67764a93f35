package toynn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import toynn.cli.bench.BenchData;
import toynn.kernels.Kernels;

/** {@code toynn bench}: options, JSON fields (a contract), errors. Speed is never asserted. */
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs through {@link Main#run}, as the command line does (its error handler included). */
    private int run(String... args) {
        Cli.Result r = Cli.run(args);
        out.write(r.out());
        err.write(r.err());
        return r.exitCode();
    }

    private List<JsonObject> jsonLines() {
        List<JsonObject> list = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                list.add(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        return list;
    }

    @Test
    void gemmAndNeuroevolutionPrintOneJsonObjectEach() {
        int threadsBefore = Kernels.threads();
        assertEquals(0, run("bench", "--task", "gemm", "--gemm-size", "96", "--threads", "1", "--json"));
        assertEquals(0, run("bench", "--task", "t4", "--json"));
        List<JsonObject> rows = jsonLines();
        assertEquals(2, rows.size(), out.toString());
        assertEquals("gemm", rows.get(0).get("task").getAsString());
        assertTrue(rows.get(0).get("gflops").getAsDouble() > 0);
        assertEquals(1, rows.get(0).get("threads").getAsInt());
        assertEquals("t4", rows.get(1).get("task").getAsString());
        assertTrue(rows.get(1).get("forwards_per_s").getAsDouble() > 0);
        assertEquals(threadsBefore, Kernels.threads(), "--threads applies to the run only");
    }

    @Test
    void tableHasAHeaderDescribingTheMachine() {
        assertEquals(0, run("bench", "--task", "gemm", "--gemm-size", "64"));
        String text = out.toString();
        assertTrue(text.startsWith("# "), text);
        assertTrue(text.contains("cores") && text.contains("kernels: " + Kernels.path()), text);
        assertTrue(text.contains("GFLOP/s"), text);
    }

    @Test
    void missingDataIsOneLineNamingTheDebianPackage() {
        assertEquals(2, run("bench", "--task", "t1", "--data-dir", "/nonexistent/fmnist"));
        String e = err.toString().trim();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("apt-get install dataset-fashion-mnist") && e.contains("/nonexistent/fmnist"), e);
    }

    @Test
    void badOptionsAreRejected() {
        assertEquals(2, run("bench", "--threads", "0"));
        assertTrue(err.toString().contains("--threads must be from 1 to 1024, got 0"), err.toString());
        assertEquals(2, run("bench", "--threads", "100000"));      // refused before any thread starts
        assertTrue(err.toString().contains("--threads must be from 1 to 1024, got 100000"), err.toString());
        assertTrue(run("bench", "--task", "t9") != 0);
        assertTrue(err.toString().contains("t9"), err.toString());
    }

    @Test
    void protocolTasksOnFashionMnistReportTheContractFields() {
        Assumptions.assumeTrue(BenchData.isPresent(BenchData.DEFAULT_DIR),
                "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist); skipping");
        assertEquals(0, run("bench", "--task", "t1", "--samples", "600", "--json"));
        assertEquals(0, run("bench", "--task", "t2", "--batch", "64", "--samples", "600", "--epochs", "1", "--json"));
        List<JsonObject> rows = jsonLines();
        JsonObject t1 = rows.get(0);
        assertEquals("t1", t1.get("task").getAsString());
        for (String key : new String[] {"samples_per_s", "train_s", "test_accuracy"}) {
            assertTrue(t1.has(key), key + " in " + t1);
        }
        assertTrue(t1.get("test_accuracy").getAsDouble() > 0.3, "600 samples already beat chance: " + t1);
        JsonObject t2 = rows.get(1);
        assertEquals("t2", t2.get("task").getAsString());
        assertEquals(64, t2.get("batch").getAsInt());
        assertTrue(t2.has("samples_per_s") && t2.has("train_s") && t2.has("test_accuracy"), t2.toString());
    }
}
