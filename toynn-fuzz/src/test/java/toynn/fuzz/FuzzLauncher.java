package toynn.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the fuzz tests of one class in this JVM — Jazzer fuzzes one fuzz test per JVM, so
 * {@code .ci/fuzz} starts one launcher per target with {@code JAZZER_FUZZ=1}. Exit code 0 when
 * every test passed, 1 otherwise.
 */
public final class FuzzLauncher {
    private FuzzLauncher() {
    }

    /** {@code args[0]}: the fuzz test class, e.g. {@code toynn.fuzz.ModelFileFuzzTest}. */
    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length != 1) {
            System.err.println("usage: FuzzLauncher <fuzz test class>");
            System.exit(2);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName(args[0])))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printFailuresTo(new PrintWriter(System.out, true), 30);
        System.out.println("fuzz-launcher: " + args[0] + " tests=" + summary.getTestsFoundCount()
                + " failed=" + summary.getTotalFailureCount());
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1);
    }
}
