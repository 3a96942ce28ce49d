package io.sluice.cli;

import picocli.CommandLine.IVersionProvider;

public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = SluiceMain.class.getPackage().getImplementationVersion();
        return new String[] {"sluice " + (v == null ? "dev" : v)};
    }
}
