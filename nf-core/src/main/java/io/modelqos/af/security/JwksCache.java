package io.modelqos.af.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKMatcher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An issuer's signing keys, fetched from its JWKS URI and kept for {@code refresh}; fetched again early when a token
 * names a {@code kid} the set does not hold (the issuer rotated its keys), but not more often than every
 * {@code minRefresh}, so that tokens with made-up key ids cannot make the AF hammer the issuer. Callers that ask
 * while a fetch is under way share it. When a fetch fails, the keys fetched before stay in use. The fetch is the Vert.x
 * WebClient's, asynchronous, rather than nimbus-jose-jwt's {@code RemoteJWKSet}, whose blocking I/O would stall the
 * event loop that verifies the token.
 */
final class JwksCache {
    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A JWKS holds a handful of keys; a body larger than this is not one. */
    static final int MAX_JWKS_BYTES = 512 * 1024;
    private static final long FETCH_TIMEOUT_MS = 5_000;

    private final WebClient web;
    private final URI uri;
    private final Duration refresh;
    private final Duration minRefresh;
    private final Clock clock;

    private List<Jwk> keys = List.of();   // guarded by this
    private Instant fetchedAt;            // guarded by this; null = never fetched successfully
    private Instant lastAttempt;          // guarded by this
    private Future<List<Jwk>> inFlight;   // guarded by this
    private long fetches;                 // guarded by this

    JwksCache(WebClient web, URI uri, Duration refresh, Duration minRefresh, Clock clock) {
        this.web = web;
        this.uri = uri;
        this.refresh = refresh;
        this.minRefresh = minRefresh;
        this.clock = clock;
    }

    /**
     * The keys that may verify a token signed with {@code alg} (one of {@link JwtVerifier#ALGORITHMS}) and naming
     * {@code kid} (any key when kid is null).
     */
    Future<List<Jwk>> candidates(String kid, JWSAlgorithm alg) {
        Future<List<Jwk>> current;
        synchronized (this) {
            Instant now = clock.instant();
            List<Jwk> found = select(keys, kid, alg);
            boolean stale = fetchedAt == null || now.isAfter(fetchedAt.plus(refresh));
            boolean canFetch = inFlight != null || mayFetch(now);
            if (!found.isEmpty()) {
                if (stale && canFetch) {
                    fetch(now); // in the background: the keys at hand still verify this token
                }
                return Future.succeededFuture(found);
            }
            if (!canFetch) {
                return Future.succeededFuture(found);
            }
            current = fetch(now);
        }
        return current.map(fetched -> select(fetched, kid, alg))
                .recover(e -> Future.succeededFuture(List.of()));
    }

    /** How many fetches were started (for tests and metrics). */
    synchronized long fetches() {
        return fetches;
    }

    private boolean mayFetch(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(minRefresh));
    }

    private Future<List<Jwk>> fetch(Instant now) {
        if (inFlight != null) {
            return inFlight;
        }
        lastAttempt = now;
        fetches++;
        Promise<List<Jwk>> promise = Promise.promise();
        inFlight = promise.future();
        web.getAbs(uri.toString())
                .timeout(FETCH_TIMEOUT_MS)
                .putHeader("Accept", "application/jwk-set+json, application/json")
                .send()
                .onComplete(ar -> {
                    List<Jwk> fetched = null;
                    String failure = null;
                    if (ar.failed()) {
                        failure = String.valueOf(ar.cause().getMessage());
                    } else if (ar.result().statusCode() != 200) {
                        failure = "HTTP " + ar.result().statusCode();
                    } else if (ar.result().body() == null || ar.result().body().length() > MAX_JWKS_BYTES) {
                        failure = "no body, or a body above " + MAX_JWKS_BYTES + " bytes";
                    } else {
                        try {
                            fetched = Jwk.readSet(JSON.readTree(ar.result().body().getBytes()));
                        } catch (IOException | IllegalArgumentException e) {
                            failure = "not a JWKS";
                        }
                    }
                    synchronized (this) {
                        inFlight = null;
                        if (fetched != null) {
                            keys = fetched;
                            fetchedAt = clock.instant();
                        }
                    }
                    if (fetched != null) {
                        LOG.info("JWKS {}: {} usable signing key(s)", uri, fetched.size());
                        promise.complete(fetched);
                    } else {
                        LOG.warn("JWKS {}: fetch failed ({}); keeping the {} key(s) fetched before", uri, failure, keys.size());
                        promise.fail(new IOException("JWKS fetch failed: " + failure));
                    }
                });
        return inFlight;
    }

    private static List<Jwk> select(List<Jwk> keys, String kid, JWSAlgorithm alg) {
        JWKMatcher matcher = Jwk.matcher(kid, alg);
        List<Jwk> out = new ArrayList<>();
        for (Jwk k : keys) {
            if (matcher.matches(k.key())) {
                out.add(k);
            }
        }
        return out;
    }
}
