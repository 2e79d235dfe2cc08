package io.modelqos.af.nef;

import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.NefOptions;
import io.modelqos.af.security.TlsOptions;
import io.modelqos.af.security.TlsSetup;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way the AF proves itself to its NEF, as the configuration names it, and the NEF client made for it. The ways:
 * <ul>
 *   <li>a static bearer token the NEF's operator handed out: {@code nef.token} ({@code MODELQOS_NEF_TOKEN}), or
 *       {@code nef.tokenFile} ({@code MODELQOS_NEF_TOKEN_FILE}), read again when the operator rotates it
 *       ({@link StaticAccessToken}, {@link AccessTokenFile});</li>
 *   <li>OAuth2 client credentials: {@code nef.tokenUrl}, {@code clientId}, {@code clientSecret}
 *       ({@link OAuth2TokenSource});</li>
 *   <li>mutual TLS: the AF's client certificate, {@code tls.nef.certFile} and {@code keyFile}, alone or under either
 *       token.</li>
 * </ul>
 * The configuration's validation ({@link AfConfig#problems()}) has already refused what cannot work (two token
 * sources, an unreadable or empty token file, a certificate without its key or towards a plain-HTTP NEF); what is only
 * unwise (a static token over plain HTTP) is logged here, at start.
 */
public final class NefAccess {

    /** Where the bearer tokens come from. */
    public enum Tokens {
        /** None: the NEF takes none, or trusts the AF's client certificate. */
        NONE,
        /** The operator's token, given as a value. */
        STATIC_TOKEN,
        /** The operator's token, in a file read again when it changes. */
        TOKEN_FILE,
        /** An OAuth2 token endpoint, with the client-credentials grant. */
        OAUTH2_CLIENT_CREDENTIALS
    }

    private static final Logger LOG = LoggerFactory.getLogger(NefAccess.class);

    private NefAccess() {
    }

    /** The token source {@code nef} names; validated options name at most one. */
    public static Tokens tokens(NefOptions nef) {
        if (nef.oauth2()) {
            return Tokens.OAUTH2_CLIENT_CREDENTIALS;
        }
        if (nef.token() != null && !nef.token().isBlank()) {
            return Tokens.STATIC_TOKEN;
        }
        return nef.tokenFile() != null && !nef.tokenFile().isBlank() ? Tokens.TOKEN_FILE : Tokens.NONE;
    }

    /** Whether the AF presents a client certificate to the NEF. */
    public static boolean mutualTls(TlsOptions.ClientTls tls) {
        return tls != null && tls.certFile() != null;
    }

    /**
     * A builder of the NEF client for {@code config} (whose {@code nef.apiRoot} is set): the NEF's TLS on its WebClient
     * (the CAs it trusts, the AF's client certificate) and the token source the options name, which it makes when
     * built. Logs the way in once, and warns about a static token or OAuth2 over plain HTTP.
     */
    public static VertxAsSessionWithQosClient.Builder clientBuilder(Vertx vertx, AfConfig config) {
        NefOptions nef = config.nefOrDefault();
        TlsOptions.ClientTls tls = config.tlsOrDefault().nef();
        VertxAsSessionWithQosClient.Builder builder = VertxAsSessionWithQosClient.builder(vertx, nef);
        if (tls != null) {
            // The TLS options once, here; a client per calling event loop is made from them on its first call.
            io.vertx.ext.web.client.WebClientOptions options = TlsSetup.nefClient(tls, nef.timeoutOrDefault());
            builder.ownWebClients(() -> WebClient.create(vertx, options, VertxAsSessionWithQosClient.connectionPool()));
        }
        LOG.info("NEF {}: {}", nef.apiRoot(), describe(nef, tls));
        Tokens tokens = tokens(nef);
        if ((tokens == Tokens.STATIC_TOKEN || tokens == Tokens.TOKEN_FILE) && nef.plainHttpApiRoot()) {
            LOG.warn("SECURITY: the NEF's static bearer token crosses plain HTTP (nef.apiRoot {}): anyone on the path"
                    + " can read and replay it; use an https apiRoot outside development", nef.apiRoot());
        }
        if (tokens == Tokens.OAUTH2_CLIENT_CREDENTIALS && (NefOptions.plainHttp(nef.tokenUrl()) || nef.plainHttpApiRoot())) {
            LOG.warn("SECURITY: OAuth2 towards the NEF over plain HTTP (token endpoint {}, nef.apiRoot {}): the client"
                    + " secret or the access tokens cross in clear text; use https outside development",
                    nef.tokenUrl(), nef.apiRoot());
        }
        return builder;
    }

    /** The way in, in words for the start log and {@code serve}'s banner; never a token or secret. */
    public static String describe(NefOptions nef, TlsOptions.ClientTls tls) {
        String tokens = switch (tokens(nef)) {
            case NONE -> mutualTls(tls) ? "mutual TLS alone (client certificate " + tls.certFile() + "), no bearer token"
                    : "no bearer token, no client certificate";
            case STATIC_TOKEN -> "a static bearer token (nef.token)";
            case TOKEN_FILE -> "a static bearer token from " + nef.tokenFile().strip() + ", read again when it changes";
            case OAUTH2_CLIENT_CREDENTIALS -> "OAuth2 client credentials from " + nef.tokenUrl().strip() + " as client "
                    + nef.clientId();
        };
        if (tokens(nef) != Tokens.NONE && mutualTls(tls)) {
            tokens += ", over mutual TLS (client certificate " + tls.certFile() + ")";
        }
        return tokens;
    }
}
