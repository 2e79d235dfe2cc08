package io.modelqos.af.capif;

import io.modelqos.af.nef.AsSessionWithQosClient;
import io.modelqos.af.nef.NefFailures;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** After N calls in a row without an answer from the NEF the API is discovered again; an answer resets the count. */
class RediscoveringNefClientTest {
    private final Deque<Future<List<NefSubscription>>> answers = new ArrayDeque<>();
    private final AtomicInteger rediscoveries = new AtomicInteger();

    private final AsSessionWithQosClient nef = new AsSessionWithQosClient() {
        @Override
        public Future<NefSubscription> create(AsSessionWithQoSSubscription s) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<AsSessionWithQoSSubscription> read(URI s) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<List<NefSubscription>> list(Optional<String> ip) {
            return answers.removeFirst();
        }

        @Override
        public Future<Optional<AsSessionWithQoSSubscription>> replace(URI s, AsSessionWithQoSSubscription b) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Optional<AsSessionWithQoSSubscription>> modify(URI s,
                                                                     com.fasterxml.jackson.databind.node.ObjectNode p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Optional<io.modelqos.openapi.t8.model.UserPlaneNotificationData>> delete(URI s) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String negotiatedFeatures() {
            return null;
        }
    };

    private final RediscoveringNefClient watched = new RediscoveringNefClient(nef, 3, () -> {
        rediscoveries.incrementAndGet();
        return Future.succeededFuture();
    });

    private void call(Future<List<NefSubscription>> answer) {
        answers.add(answer);
        watched.list(Optional.empty());
    }

    @Test
    void threeCallsInARowWithoutAnAnswerRediscoverOnceAndTheCountStartsAgain() {
        call(Future.failedFuture(NefFailures.noAnswer()));
        call(Future.failedFuture(NefFailures.noAnswer()));
        assertEquals(0, rediscoveries.get());
        call(Future.failedFuture(NefFailures.noAnswer()));
        assertEquals(1, rediscoveries.get());
        call(Future.failedFuture(NefFailures.noAnswer()));
        call(Future.failedFuture(NefFailures.noAnswer()));
        assertEquals(1, rediscoveries.get(), "counting again from zero");
    }

    @Test
    void anAnswerResetsTheCountAndAMissingTokenDoesNotCount() {
        call(Future.failedFuture(NefFailures.noAnswer()));
        call(Future.failedFuture(NefFailures.noAnswer()));
        call(Future.succeededFuture(List.of()));
        call(Future.failedFuture(NefFailures.noAnswer()));
        call(Future.failedFuture(NefFailures.noToken()));
        call(Future.failedFuture(NefFailures.noAnswer()));
        assertEquals(0, rediscoveries.get());
        assertEquals(2, watched.failuresInARow());
    }
}
