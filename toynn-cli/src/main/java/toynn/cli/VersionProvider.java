package toynn.cli;

import picocli.CommandLine.IVersionProvider;
import toynn.io.Version;

/** Prints the library version for {@code --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"toynn " + Version.get()};
    }
}
