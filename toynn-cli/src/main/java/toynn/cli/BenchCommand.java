package toynn.cli;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import toynn.cli.bench.BenchResult;
import toynn.cli.bench.BenchData;
import toynn.cli.bench.GemmTask;
import toynn.cli.bench.InferenceTask;
import toynn.cli.bench.MinibatchTask;
import toynn.cli.bench.NeuroevolutionTask;
import toynn.cli.bench.PerSampleTask;
import toynn.kernels.Kernels;

/**
 * {@code toynn bench}: the speed protocol of GUIDE.md §3 on Fashion-MNIST — T1 per-sample SGD,
 * T2 minibatch SGD (batch 32 and 256), T3 inference, T4 neuroevolution — plus a 1024² matrix
 * product. Prints a table, or with {@code --json} one JSON object per line and task.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures training and inference speed with the benchmark protocol (GUIDE.md §3).",
            "Compare with ../shared/bench-peers run on the same machine at the same time."})
public final class BenchCommand implements Callable<Integer> {
    /** The tasks {@code --task} accepts. */
    enum Task { t1, t2, t3, t4, gemm, all }

    @Spec
    private CommandSpec spec;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "all",
            description = "t1, t2, t3, t4, gemm or all (default: ${DEFAULT-VALUE}).")
    private Task task;

    @Option(names = "--batch", paramLabel = "N",
            description = "T2 batch size (default: both 32 and 256; T3 uses the batch-32 network).")
    private Integer batch;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for large matrix products (default: the number of cores).")
    private Integer threads;

    @Option(names = "--json", description = "One JSON object per task and line instead of a table.")
    private boolean json;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST .gz files (default: ${DEFAULT-VALUE}).")
    private Path dataDir = BenchData.DEFAULT_DIR;

    @Option(names = "--samples", paramLabel = "N", hidden = true,
            description = "Train on the first N samples only (quick checks; the protocol uses all 60,000).")
    private Integer samples;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", hidden = true,
            description = "T2 epochs (the protocol uses 3).")
    private int epochs;

    @Option(names = "--gemm-size", paramLabel = "N", defaultValue = "1024", hidden = true,
            description = "Size of the square product (the protocol uses 1024).")
    private int gemmSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (threads != null && (threads < 1 || threads > Kernels.MAX_THREADS)) {
            throw new CliException("--threads must be from 1 to " + Kernels.MAX_THREADS + ", got " + threads
                    + " (this machine has " + Runtime.getRuntime().availableProcessors() + " cores)");
        }
        if (batch != null && batch < 1) {
            throw new CliException("--batch must be at least 1, got " + batch);
        }
        if (samples != null && samples < 1) {
            throw new CliException("--samples must be at least 1, got " + samples);
        }
        if (gemmSize < 1 || gemmSize > 8192) {
            throw new CliException("--gemm-size must be between 1 and 8192, got " + gemmSize);
        }
        if (epochs < 1) {
            throw new CliException("--epochs must be at least 1, got " + epochs);
        }
        boolean needsData = task == Task.t1 || task == Task.t2 || task == Task.t3 || task == Task.all;
        BenchData data = null;
        if (needsData) {
            if (!BenchData.isPresent(dataDir)) {
                throw new CliException("Fashion-MNIST not found in " + dataDir
                        + " (install it with: apt-get install dataset-fashion-mnist)");
            }
            try {
                data = BenchData.load(dataDir);
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException("cannot read Fashion-MNIST: " + e.getMessage(), e);
            }
        }
        int before = Kernels.threads();
        if (threads != null) {
            Kernels.setThreads(threads);
        }
        try {
            if (!json) {
                out.println(machine());
                out.printf(Locale.ROOT, "%-10s %-34s %10s %9s%n", "task", "speed", "train s", "test acc");
                out.flush();
            }
            runAll(data, out);                                      // rows are printed as they come
        } finally {
            Kernels.setThreads(before);
        }
        return 0;
    }

    private List<BenchResult> runAll(BenchData data, PrintWriter out) {
        List<BenchResult> results = new ArrayList<>();
        int n = data == null ? 0 : samples == null ? data.trainSize() : Math.min(samples, data.trainSize());
        if (task == Task.t1 || task == Task.all) {
            emit(results, out, PerSampleTask.run(data, n, seed));
        }
        MinibatchTask.Outcome forT3 = null;
        if (task == Task.t2 || task == Task.t3 || task == Task.all) {
            int[] batches = batch != null ? new int[] {batch} : task == Task.t3 ? new int[] {32} : new int[] {32, 256};
            for (int b : batches) {
                MinibatchTask.Outcome o = MinibatchTask.run(data, n, b, epochs, seed);
                if (task != Task.t3) {
                    emit(results, out, o.result());
                }
                if (forT3 == null) {
                    forT3 = o;
                }
            }
        }
        if (task == Task.t3 || task == Task.all) {
            emit(results, out, InferenceTask.run(forT3.network(), data));
        }
        if (task == Task.t4 || task == Task.all) {
            emit(results, out, NeuroevolutionTask.run(1000, 100, seed));
        }
        if (task == Task.gemm || task == Task.all) {
            emit(results, out, GemmTask.run(gemmSize, 10));
        }
        return results;
    }

    private void emit(List<BenchResult> results, PrintWriter out, BenchResult r) {
        r.put("threads", Kernels.threads()).put("kernels", Kernels.path()).put("java", System.getProperty("java.version"));
        results.add(r);
        out.println(json ? new Gson().toJson(r.fields()) : row(r));
        out.flush();
    }

    private static String row(BenchResult r) {
        String name = r.task();
        String speed;
        switch (name) {
            case "t1":
                speed = String.format(Locale.ROOT, "%,.0f samples/s", num(r, "samples_per_s"));
                break;
            case "t2":
                name = "t2 b" + r.get("batch");
                speed = String.format(Locale.ROOT, "%,.0f samples/s", num(r, "samples_per_s"));
                break;
            case "t3":
                speed = String.format(Locale.ROOT, "%.2f µs/predict, %,.0f samples/s",
                        num(r, "latency_us"), num(r, "batch_samples_per_s"));
                break;
            case "t4":
                speed = String.format(Locale.ROOT, "%,.0f forwards/s (loop %,.0f)",
                        num(r, "forwards_per_s"), num(r, "loop_forwards_per_s"));
                break;
            default:
                speed = String.format(Locale.ROOT, "%.1f GFLOP/s (n=%s)", num(r, "gflops"), r.get("n"));
        }
        Object trainS = r.get("train_s");
        Object acc = r.get("test_accuracy");
        return String.format(Locale.ROOT, "%-10s %-34s %10s %9s", name, speed,
                trainS == null ? "" : String.format(Locale.ROOT, "%.2f", num(r, "train_s")),
                acc == null ? "" : String.format(Locale.ROOT, "%.4f", num(r, "test_accuracy")));
    }

    private static double num(BenchResult r, String key) {
        return ((Number) r.get(key)).doubleValue();
    }

    /** One line describing the machine: CPU model, cores, JDK, kernel path and threads. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep "unknown CPU"
        }
        return String.format(Locale.ROOT, "# %s, %d cores, Java %s (%s), kernels: %s, %d threads", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"), Kernels.path(), Kernels.threads());
    }
}
