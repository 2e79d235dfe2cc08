package io.modelqos.af.capif;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** CAPIF's tokens: kept until shortly before expiry, shared while fetched, dropped when the NEF rejects one. */
class CapifAccessTokensTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aTokenIsKeptUntilShortlyBeforeItExpiresThenFetchedAgain() {
        AtomicInteger fetches = new AtomicInteger();
        CapifAccessTokens tokens = new CapifAccessTokens(() -> Future.succeededFuture(
                new IssuedToken("t" + fetches.incrementAndGet(), Duration.ofSeconds(600))), clock);
        assertEquals("t1", tokens.token().result());
        now = now.plusSeconds(569);
        assertEquals("t1", tokens.token().result(), "still well within its lifetime");
        now = now.plusSeconds(2);
        assertEquals("t2", tokens.token().result(), "renewed 30 s before the end of its 600 s");
    }

    @Test
    void aRejectedTokenIsFetchedAgainButAnotherTokenIsNotDropped() {
        AtomicInteger fetches = new AtomicInteger();
        CapifAccessTokens tokens = new CapifAccessTokens(() -> Future.succeededFuture(
                new IssuedToken("t" + fetches.incrementAndGet(), Duration.ofSeconds(600))), clock);
        assertEquals("t1", tokens.token().result());
        tokens.invalidate("some-older-token");
        assertEquals("t1", tokens.token().result());
        tokens.invalidate("t1");
        assertEquals("t2", tokens.token().result());
    }

    @Test
    void callersDuringAFetchShareIt() {
        List<Promise<IssuedToken>> pending = new ArrayList<>();
        CapifAccessTokens tokens = new CapifAccessTokens(() -> {
            Promise<IssuedToken> p = Promise.promise();
            pending.add(p);
            return p.future();
        }, clock);
        Future<String> first = tokens.token();
        Future<String> second = tokens.token();
        assertSame(first, second);
        assertEquals(1, pending.size());
        pending.get(0).complete(new IssuedToken("t", Duration.ofSeconds(60)));
        assertEquals("t", second.result());
    }
}
