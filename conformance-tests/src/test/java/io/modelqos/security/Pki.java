package io.modelqos.security;

import io.modelqos.af.security.DevCertificates;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The development PKI of {@code modelqos certs}, written once per test JVM into a temporary directory, plus a second,
 * unrelated CA and a client certificate it issued (for "wrong CA" cases).
 */
final class Pki {
    private static Pki instance;

    final Path dir;
    final DevCertificates.Issued strangerClient;

    private Pki(Path dir, DevCertificates.Issued strangerClient) {
        this.dir = dir;
        this.strangerClient = strangerClient;
    }

    static synchronized Pki get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("modelqos-pki");
            DevCertificates.writeDevelopmentSet(dir, "modelqos-af", List.of(), List.of(), Duration.ofDays(1), false);
            DevCertificates.Issued otherCa = DevCertificates.ca("stranger CA", Duration.ofDays(1));
            instance = new Pki(dir, DevCertificates.client(otherCa, "nef", Duration.ofDays(1)));
        }
        return instance;
    }

    String file(String name) {
        return dir.resolve(name).toString();
    }

    /** A JDK SSL context that trusts the development CA only. */
    SSLContext trustingCa() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
            store.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
