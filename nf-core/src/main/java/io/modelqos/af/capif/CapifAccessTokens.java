package io.modelqos.af.capif;

import io.modelqos.af.nef.AccessTokens;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The NEF's access tokens as CAPIF issues them: one token kept until shortly before it expires (a tenth of its
 * lifetime, at most 30 s, early, as for OAuth2), callers that ask during a fetch sharing it, and a token the NEF
 * rejected (401) dropped so that the next call fetches another. Where a token comes from, and what happens when CAPIF
 * no longer knows the AF, is {@link CapifConnection}'s business: it is the {@code fetch} given here.
 */
public final class CapifAccessTokens implements AccessTokens {
    static final Duration MAX_REFRESH_MARGIN = Duration.ofSeconds(30);

    private final Supplier<Future<IssuedToken>> fetch;
    private final Clock clock;

    private String cached;          // guarded by this
    private Instant refreshAt;      // guarded by this
    private Future<String> inFlight; // guarded by this

    public CapifAccessTokens(Supplier<Future<IssuedToken>> fetch, Clock clock) {
        this.fetch = Objects.requireNonNull(fetch, "fetch == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public Future<String> token() {
        Promise<String> promise;
        synchronized (this) {
            if (cached != null && clock.instant().isBefore(refreshAt)) {
                return Future.succeededFuture(cached);
            }
            if (inFlight != null) {
                return inFlight;
            }
            promise = Promise.promise();
            inFlight = promise.future();
        }
        Instant asked = clock.instant();
        Future<IssuedToken> fetched;
        try {
            fetched = fetch.get();
        } catch (RuntimeException e) {
            fetched = Future.failedFuture(e);
        }
        fetched.onComplete(ar -> {
            synchronized (this) {
                inFlight = null;
                if (ar.succeeded()) {
                    Duration lifetime = ar.result().lifetime();
                    Duration margin = lifetime.dividedBy(10);
                    cached = ar.result().value();
                    refreshAt = asked.plus(lifetime).minus(margin.compareTo(MAX_REFRESH_MARGIN) > 0
                            ? MAX_REFRESH_MARGIN : margin);
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

    @Override
    public synchronized void invalidate(String rejected) {
        if (cached != null && cached.equals(rejected)) {
            cached = null;
        }
    }

    /** Drops the token whatever it is: the exposing function or the onboarding changed. */
    public synchronized void forget() {
        cached = null;
    }

    @Override
    public String toString() {
        return "CapifAccessTokens";
    }
}
