package io.modelqos.af.capif;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The AF's TLS towards CAPIF and the NEF it exposes: the CAs to trust (a PEM file, read once at start) and, once CAPIF
 * issued one, the invoker certificate with its private key as the client certificate, from memory. A re-onboarding
 * puts the new certificate on clients already made ({@link #present}).
 */
public final class InvokerTls {
    private final String trustPem; // null: the JVM's default trust

    private InvokerTls(String trustPem) {
        this.trustPem = trustPem;
    }

    /** Reads {@code trustFile} (null for the JVM's CAs). Blocking: at start, off any event loop. */
    public static InvokerTls trusting(String trustFile) {
        if (trustFile == null || trustFile.isBlank()) {
            return new InvokerTls(null);
        }
        try {
            return new InvokerTls(Files.readString(Path.of(trustFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("capif.trustFile: cannot read " + trustFile, e);
        }
    }

    /** Options for a client towards {@code target}: TLS with the trust when it is https, plain otherwise. */
    public WebClientOptions clientOptions(URI target, long connectTimeoutMs, InvokerCredentials credentials) {
        WebClientOptions options = new WebClientOptions().setUserAgent("ModelQoS-AF").setFollowRedirects(false)
                .setKeepAlive(true).setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMs));
        if (!"https".equalsIgnoreCase(target.getScheme())) {
            return options;
        }
        options.setSsl(true).setVerifyHost(true);
        if (trustPem != null) {
            options.setTrustOptions(trust());
        }
        return presenting(options, credentials);
    }

    /**
     * {@code options} (of an https client) with {@code credentials}' certificate as its client certificate from the
     * start: the TLS {@link #present} would give the client once made, so that it does not matter which came first.
     */
    public WebClientOptions presenting(WebClientOptions options, InvokerCredentials credentials) {
        if (credentials == null || !credentials.hasCertificate()) {
            return options;
        }
        ClientSSLOptions ssl = invokerSsl(credentials);
        return options.setVerifyHost(true).setKeyCertOptions(ssl.getKeyCertOptions())
                .setTrustOptions(ssl.getTrustOptions());
    }

    /** Puts {@code credentials}' certificate on {@code web} as its client certificate, for connections from now on. */
    public Future<Void> present(WebClient web, InvokerCredentials credentials) {
        if (!credentials.hasCertificate()) {
            return Future.succeededFuture();
        }
        return web.updateSSLOptions(invokerSsl(credentials)).mapEmpty();
    }

    /** The TLS of a client presenting {@code credentials}: their certificate, the trust file's CAs (or the JVM's). */
    private ClientSSLOptions invokerSsl(InvokerCredentials credentials) {
        ClientSSLOptions ssl = new ClientSSLOptions().setHostnameVerificationAlgorithm("HTTPS")
                .setKeyCertOptions(keyCert(credentials));
        if (trustPem != null) {
            ssl.setTrustOptions(trust());
        }
        return ssl;
    }

    private PemTrustOptions trust() {
        return new PemTrustOptions().addCertValue(Buffer.buffer(trustPem));
    }

    private static PemKeyCertOptions keyCert(InvokerCredentials c) {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(c.certificatePem()))
                .setKeyValue(Buffer.buffer(c.privateKeyPem()));
    }
}
