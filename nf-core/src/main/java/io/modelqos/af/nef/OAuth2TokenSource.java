package io.modelqos.af.nef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Access tokens for the NEF from an OAuth2 token endpoint with the client-credentials grant (RFC 6749
 * clause 4.4), the {@code oAuth2ClientCredentials} scheme of the AsSessionWithQoS API (TS 29.122).
 *
 * <p>A token is kept until shortly before its {@code expires_in} (a tenth of its lifetime, at most 30 s, early;
 * 60 s of lifetime assumed when the endpoint gives none); callers that ask while a token is being fetched share
 * that one fetch; {@link #invalidate(String)} drops a token the NEF rejected. The client secret and the tokens
 * are never logged nor put into exception messages.
 *
 * <pre>{@code
 * OAuth2TokenSource tokens = new OAuth2TokenSource(webClient, URI.create("https://auth.example/token"),
 *         "af-1", secret, OAuth2TokenSource.ClientAuthentication.BASIC, 3000, Clock.systemUTC());
 * tokens.token().onSuccess(token -> request.bearerTokenAuthentication(token));
 * }</pre>
 */
public final class OAuth2TokenSource implements AccessTokens {

    /** How the client authenticates to the token endpoint (RFC 6749 clause 2.3.1). */
    public enum ClientAuthentication {
        /** HTTP Basic with the form-encoded client id and secret ({@code client_secret_basic}). */
        BASIC,
        /** {@code client_id} and {@code client_secret} in the form body ({@code client_secret_post}). */
        FORM
    }

    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    static final Duration MAX_REFRESH_MARGIN = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(OAuth2TokenSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient web;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final ClientAuthentication authentication;
    private final long timeoutMs;
    private final Clock clock;

    private Token cached;          // guarded by this
    private Future<String> inFlight; // guarded by this

    private record Token(String value, Instant refreshAt) {
        @Override
        public String toString() {
            return "Token[refreshAt=" + refreshAt + "]";
        }
    }

    public OAuth2TokenSource(WebClient web, URI tokenUrl, String clientId, String clientSecret,
                             ClientAuthentication authentication, long timeoutMs, Clock clock) {
        this.web = Objects.requireNonNull(web, "web == null");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl == null");
        this.clientId = Objects.requireNonNull(clientId, "clientId == null");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret == null");
        this.authentication = Objects.requireNonNull(authentication, "authentication == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        if (!tokenUrl.isAbsolute()) {
            throw new IllegalArgumentException("tokenUrl must be absolute: " + tokenUrl);
        }
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be > 0");
        }
        this.timeoutMs = timeoutMs;
    }

    public URI tokenUrl() {
        return tokenUrl;
    }

    /** A valid access token: the cached one, the one being fetched, or a new one. */
    @Override
    public Future<String> token() {
        Promise<String> promise;
        synchronized (this) {
            if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
                return Future.succeededFuture(cached.value());
            }
            if (inFlight != null) {
                return inFlight;
            }
            promise = Promise.promise();
            inFlight = promise.future();
        }
        fetch().onComplete(ar -> {
            synchronized (this) {
                inFlight = null;
                if (ar.succeeded()) {
                    cached = ar.result();
                }
            }
            if (ar.succeeded()) {
                promise.complete(ar.result().value());
            } else {
                promise.fail(ar.cause());
            }
        });
        return promise.future();
    }

    /** Forgets {@code rejected} if it is the cached token, so that the next {@link #token()} fetches a new one. */
    @Override
    public void invalidate(String rejected) {
        synchronized (this) {
            if (cached != null && cached.value().equals(rejected)) {
                cached = null;
                LOG.debug("OAuth2 token from {} invalidated", tokenUrl);
            }
        }
    }

    private Future<Token> fetch() {
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials");
        HttpRequest<Buffer> request = web.requestAbs(HttpMethod.POST, tokenUrl.toString())
                .timeout(timeoutMs)
                .followRedirects(false)
                .putHeader("Accept", "application/json");
        if (authentication == ClientAuthentication.BASIC) {
            String pair = formEncode(clientId) + ":" + formEncode(clientSecret);
            request.putHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.add("client_id", clientId).add("client_secret", clientSecret);
        }
        Instant asked = clock.instant();
        return request.sendForm(form)
                .recover(e -> Future.failedFuture(new OAuth2TokenException(tokenUrl, 0, null,
                        "OAuth2 token endpoint " + tokenUrl + " did not answer"
                                + (e instanceof TimeoutException ? " in time" : " (" + e.getClass().getSimpleName() + ")"), e)))
                .compose(response -> read(response, asked));
    }

    private Future<Token> read(HttpResponse<Buffer> response, Instant asked) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status != 200) {
            String error = body != null && body.path("error").isTextual() ? body.get("error").asText() : null;
            LOG.warn("OAuth2 token endpoint {} refused client {}: {} {}", tokenUrl, clientId, status,
                    error == null ? "" : error);
            return Future.failedFuture(new OAuth2TokenException(tokenUrl, status, error,
                    "OAuth2 token endpoint " + tokenUrl + " answered " + status + (error == null ? "" : " " + error),
                    null));
        }
        if (body == null || !body.path("access_token").isTextual() || body.get("access_token").asText().isBlank()) {
            return Future.failedFuture(new OAuth2TokenException(tokenUrl, status, null,
                    "OAuth2 token endpoint " + tokenUrl + " answered 200 without an access_token", null));
        }
        String type = body.path("token_type").asText("");
        if (!type.toLowerCase(Locale.ROOT).equals("bearer")) {
            return Future.failedFuture(new OAuth2TokenException(tokenUrl, status, null,
                    "OAuth2 token endpoint " + tokenUrl + " gave a token of type '" + type + "', expected Bearer", null));
        }
        Duration lifetime = body.path("expires_in").canConvertToLong() && body.get("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.get("expires_in").asLong()) : DEFAULT_LIFETIME;
        Duration margin = lifetime.dividedBy(10);
        if (margin.compareTo(MAX_REFRESH_MARGIN) > 0) {
            margin = MAX_REFRESH_MARGIN;
        }
        LOG.debug("OAuth2 token obtained from {} for client {}, valid for {} s", tokenUrl, clientId,
                lifetime.toSeconds());
        return Future.succeededFuture(new Token(body.get("access_token").asText(), asked.plus(lifetime).minus(margin)));
    }

    private static JsonNode parse(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return JSON.readTree(body.getBytes());
        } catch (IOException e) {
            return null;
        }
    }

    private static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OAuth2TokenSource[" + tokenUrl + ", client " + clientId + ", " + authentication + "]";
    }
}
