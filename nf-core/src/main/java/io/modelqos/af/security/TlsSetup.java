package io.modelqos.af.security;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Applies {@link TlsOptions} to Vert.x server and client options: PEM files for keys, certificates and trusted CAs.
 */
public final class TlsSetup {
    private TlsSetup() {
    }

    /** Makes {@code options} a TLS listener with the given certificate; unchanged when {@code tls} is null. */
    public static HttpServerOptions server(HttpServerOptions options, TlsOptions.ServerTls tls) {
        if (tls == null) {
            return options;
        }
        return options.setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile()).setKeyPath(tls.keyFile()));
    }

    /**
     * Asks TLS clients of {@code options} for a certificate issued by the CAs in {@code caFile}: REQUIRED refuses the
     * handshake without one, REQUEST lets the request decide (see {@link CallbackGuard}).
     */
    public static HttpServerOptions clientCertificates(HttpServerOptions options, String caFile, ClientAuth mode) {
        return options.setClientAuth(mode).setTrustOptions(new PemTrustOptions().addCertPath(caFile));
    }

    /** Applies a client's trusted CAs and client certificate; unchanged when {@code tls} is null. */
    public static <O extends HttpClientOptions> O client(O options, TlsOptions.ClientTls tls) {
        if (tls == null) {
            return options;
        }
        if (tls.trustFile() != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(tls.trustFile()));
        }
        if (tls.certFile() != null) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile()).setKeyPath(tls.keyFile()));
        }
        options.setVerifyHost(tls.verifyHostOrDefault()).setTrustAll(false);
        return options;
    }

    /**
     * The options of the NEF client's WebClient: what {@code VertxAsSessionWithQosClient} uses by default (no
     * automatic redirects, its user agent, the connect timeout) plus the NEF's TLS: the CA it trusts and the client
     * certificate for mutual TLS. Pass the client made from them to its builder's {@code webClient(...)}.
     */
    public static WebClientOptions nefClient(TlsOptions.ClientTls tls, long connectTimeoutMs) {
        WebClientOptions options = new WebClientOptions()
                .setFollowRedirects(false)
                .setUserAgent("ModelQoS-AF")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMs));
        return client(options, tls);
    }
}
