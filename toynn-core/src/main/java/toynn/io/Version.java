package toynn.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version, as recorded in every model file. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** The library version, e.g. {@code "0.1.0-SNAPSHOT"}, or {@code "unknown"}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/toynn/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
