package io.modelqos.af.security;

import io.modelqos.af.http.ProblemWriter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.time.Clock;

/**
 * Lets only the NEF's notifications through to the callback endpoint, besides their unguessable URL: when configured,
 * a client certificate the configured CA issued (mutual TLS) and a verified bearer token (a static token compared in
 * constant time, or a JWT from the configured issuer). Runs before the body is read; a refused notification gets a
 * TS 29.122 style problem (401 with {@code WWW-Authenticate: Bearer}, or 403 without a client certificate) and changes
 * nothing.
 */
public final class CallbackGuard implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackGuard.class);

    private final boolean clientCertRequired;
    private final StaticToken staticToken;
    private final JwtVerifier jwt;

    CallbackGuard(boolean clientCertRequired, String staticToken, JwtVerifier jwt) {
        this.clientCertRequired = clientCertRequired;
        this.staticToken = StaticToken.ofNullable(staticToken);
        this.jwt = jwt;
    }

    /** The guard {@code auth.callbacks} and {@code tls.callbacks} describe; null when they ask for nothing. */
    public static CallbackGuard create(Vertx vertx, AuthOptions auth, TlsOptions tls, Clock clock) {
        AuthOptions.CallbackAuth callbacks = auth == null ? null : auth.callbacksOrNull();
        boolean certs = tls != null && tls.callbackClientCertRequired();
        if (callbacks == null && !certs) {
            LOG.info("NEF callbacks: protected by their unguessable URLs only (no client certificate, no bearer token"
                    + " configured)");
            return null;
        }
        JwtVerifier verifier = null;
        if (callbacks != null && callbacks.jwt() != null && callbacks.jwt().configured()) {
            verifier = JwtVerifier.create(NorthboundGuard.jwksClient(vertx, tls == null ? null : tls.clients()),
                    callbacks.jwt(), clock);
        }
        String token = callbacks == null ? null : callbacks.bearerToken();
        LOG.info("NEF callbacks: {}{}", certs ? "client certificate required" : "no client certificate",
                callbacks == null ? "" : verifier != null ? ", JWT of " + callbacks.jwt().issuer() + " required"
                        : ", bearer token required");
        return new CallbackGuard(certs, verifier != null ? null : token, verifier);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (clientCertRequired && !verifiedPeer(ctx)) {
            refuse(ctx, 403, "Forbidden", "a client certificate of the NEF is required", null);
            return;
        }
        if (staticToken == null && jwt == null) {
            ctx.next();
            return;
        }
        BearerToken.Presented presented = BearerToken.of(ctx);
        if (!(presented instanceof BearerToken.Token token)) {
            refuse(ctx, 401, "Unauthorized", presented instanceof BearerToken.Malformed m ? m.reason()
                    : "a bearer token is required", presented instanceof BearerToken.None ? null : "invalid_request");
            return;
        }
        if (staticToken != null) {
            if (staticToken.matches(token.value())) {
                ctx.next();
            } else {
                refuse(ctx, 401, "Unauthorized", "the bearer token is not valid", "invalid_token");
            }
            return;
        }
        ctx.request().pause(); // the body handler comes after this asynchronous check
        jwt.verify(token.value()).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.next();
            } else {
                ctx.request().resume();
                refuse(ctx, 401, "Unauthorized", ar.cause() instanceof JwtException ? ar.cause().getMessage()
                        : "the token cannot be verified", "invalid_token");
            }
        });
    }

    private static boolean verifiedPeer(RoutingContext ctx) {
        if (!ctx.request().isSSL()) {
            return false;
        }
        try {
            var certs = ctx.request().connection().peerCertificates();
            return certs != null && !certs.isEmpty();
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext ctx, int status, String title, String detail, String error) {
        LOG.debug("NEF callback refused ({}): {}", status, detail); // not the path: it holds the callback's secret
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", error == null ? "Bearer realm=\"" + NorthboundGuard.REALM + "\""
                    : "Bearer realm=\"" + NorthboundGuard.REALM + "\", error=\"" + error + "\"");
        }
        ProblemWriter.write(ctx.response(), ProblemWriter.Body.of(status, title, detail));
    }

    /** The JWT verifier, when callbacks need a JWT (for tests). */
    JwtVerifier jwtVerifier() {
        return jwt;
    }
}
