package io.modelqos.nef.emulator;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Route handler of the faces CAPIF exposes (AsSessionWithQoS), after the bearer check: on a TLS
 * connection, a request with a CAPIF access token must come from the API invoker the token was
 * issued to, presenting the certificate CAPIF issued it; else 403 problem+json saying what was
 * wrong. The rule is {@link CapifCore#certificateRefusal}; this only reads the request. Plain HTTP
 * passes unchecked, as before TLS existed here.
 */
final class InvokerCertificateCheck implements Handler<RoutingContext> {

    private final CapifCore capif;

    InvokerCertificateCheck(CapifCore capif) {
        this.capif = capif;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!ctx.request().isSSL()) {
            ctx.next();
            return;
        }
        String refusal = capif.certificateRefusal(bearer(ctx), clientCertificate(ctx));
        if (refusal != null) {
            ctx.fail(ApiException.of(403, "Forbidden", null, refusal));
            return;
        }
        ctx.next();
    }

    private static String bearer(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    /** The certificate the client presented in the TLS handshake; null when it presented none. */
    private static X509Certificate clientCertificate(RoutingContext ctx) {
        try {
            List<Certificate> chain = ctx.request().connection().peerCertificates();
            return chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf ? leaf : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
