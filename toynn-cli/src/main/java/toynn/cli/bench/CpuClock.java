package toynn.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU seconds this process has used, to report beside wall-clock seconds: on a shared machine a
 * run whose CPU time falls well short of wall time × threads was waiting for a core.
 */
final class CpuClock {
    private CpuClock() {
    }

    /** Process CPU time in seconds, or NaN where the JVM does not report it. */
    static double seconds() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            long ns = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            return ns < 0 ? Double.NaN : ns / 1e9;
        }
        return Double.NaN;
    }
}
