package io.modelqos.app;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when running from classes. */
final class ModelQosVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ModelQosVersion.class.getPackage().getImplementationVersion();
        return new String[] {"modelqos " + (version == null ? "development" : version)};
    }
}
