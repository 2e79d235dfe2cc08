package io.modelqos.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The SDK's version and the User-Agent that carries it. Not part of the SDK's API. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    /** The SDK's Maven version, e.g. "0.1.0-SNAPSHOT". */
    public static String version() {
        return VERSION;
    }

    /** {@code modelqos-af-client/<version>}. */
    public static String userAgent() {
        return "modelqos-af-client/" + VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the SDK jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
