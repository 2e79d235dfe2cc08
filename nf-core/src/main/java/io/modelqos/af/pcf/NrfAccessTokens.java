package io.modelqos.af.pcf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.openapi.n5.model.AccessTokenRsp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Access tokens from the NRF (TS 29.510 Nnrf_AccessToken): the client-credentials grant with the AF's NF instance id,
 * its NF type (AF), the target NF type and the service's scope. Each scope's token is kept until a tenth of its
 * lifetime (at most a minute) before it expires; callers that ask meanwhile share one request.
 */
final class NrfAccessTokens implements AccessTokens {
    private static final Logger LOG = LoggerFactory.getLogger(NrfAccessTokens.class);
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final Duration MAX_REFRESH_MARGIN = Duration.ofMinutes(1);

    private final SbiExchange exchange;
    private final URI tokenUri;
    private final String nfInstanceId;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Token> cached = new HashMap<>();
    private final Map<String, Future<String>> inFlight = new HashMap<>();

    /** @param nrfApiRoot the NRF's apiRoot; tokens come from {@code {nrfApiRoot}/oauth2/token} */
    NrfAccessTokens(SbiExchange exchange, URI nrfApiRoot, String nfInstanceId, ObjectMapper json, Clock clock) {
        this.exchange = exchange;
        this.tokenUri = URI.create(nrfApiRoot.toString().replaceAll("/+$", "") + "/oauth2/token");
        this.nfInstanceId = nfInstanceId;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public synchronized Future<String> token(String scope, String targetNfType) {
        Token token = cached.get(scope);
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return Future.succeededFuture(token.value());
        }
        Future<String> pending = inFlight.get(scope);
        if (pending != null) {
            return pending;
        }
        Future<String> fetched = fetch(scope, targetNfType);
        inFlight.put(scope, fetched);
        fetched.onComplete(ar -> {
            synchronized (this) {
                inFlight.remove(scope);
            }
        });
        return fetched;
    }

    @Override
    public synchronized void invalidate(String scope, String token) {
        Token current = cached.get(scope);
        if (current != null && current.value().equals(token)) {
            cached.remove(scope);
        }
    }

    private Future<String> fetch(String scope, String targetNfType) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "client_credentials")
                .add("nfInstanceId", nfInstanceId)
                .add("nfType", "AF")
                .add("targetNfType", targetNfType)
                .add("scope", scope);
        Instant asked = clock.instant();
        return exchange.call(SbiExchange.SbiCall.of("nrf", "token", HttpMethod.POST, tokenUri, null, null).withForm(form))
                .compose(answer -> {
                    if (answer.status() != 200 || answer.body() == null) {
                        String error = answer.body() == null ? "" : " " + answer.body().toString();
                        LOG.warn("NRF {} refused a token for scope {}: {}{}", tokenUri, scope, answer.status(), error);
                        return Future.failedFuture(new IllegalStateException("the NRF answered " + answer.status()
                                + " to the token request for scope " + scope));
                    }
                    AccessTokenRsp rsp;
                    try {
                        rsp = json.readValue(answer.body().getBytes(), AccessTokenRsp.class);
                    } catch (java.io.IOException e) {
                        return Future.failedFuture(new IllegalStateException("the NRF's token answer is not"
                                + " AccessTokenRsp JSON", e));
                    }
                    if (rsp.getAccessToken() == null || rsp.getAccessToken().isBlank()) {
                        return Future.failedFuture(new IllegalStateException("the NRF answered without access_token"));
                    }
                    Duration lifetime = rsp.getExpiresIn() != null && rsp.getExpiresIn() > 0
                            ? Duration.ofSeconds(rsp.getExpiresIn()) : DEFAULT_LIFETIME;
                    Duration margin = lifetime.dividedBy(10);
                    if (margin.compareTo(MAX_REFRESH_MARGIN) > 0) {
                        margin = MAX_REFRESH_MARGIN;
                    }
                    synchronized (this) {
                        cached.put(scope, new Token(rsp.getAccessToken(), asked.plus(lifetime).minus(margin)));
                    }
                    LOG.debug("NRF token for scope {} valid for {} s", scope, lifetime.toSeconds());
                    return Future.succeededFuture(rsp.getAccessToken());
                });
    }

    private record Token(String value, Instant refreshAt) {
    }
}
