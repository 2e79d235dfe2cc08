package io.modelqos.af.nef;

import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.ProblemDetailsAsSessionWithQos;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@link NefAnswer}: its body as the expected T8 type, or the exception that says what was wrong with it
 * ({@link NefProblemException} for a 4xx/5xx, {@link NefProtocolException} for what TS 29.122 does not declare).
 * Kept apart from the exchange so that every operation maps answers to failures the same way.
 */
final class NefAnswerDecoder {

    /** Logs under the client's name, as all of the client's parts do. */
    private static final Logger LOG = LoggerFactory.getLogger(VertxAsSessionWithQosClient.class);

    private NefAnswerDecoder() {
    }

    static <T> Future<T> parse(NefOperation op, NefAnswer answer, Class<T> type) {
        try {
            return Future.succeededFuture(T8Bodies.read(answer.body(), type));
        } catch (IOException | IllegalArgumentException e) {
            return Future.failedFuture(malformed(op, answer, e));
        }
    }

    /** The subscriptions of a 200 to a list, each with its {@code self} resolved against the answer's URI. */
    static Future<List<NefSubscription>> subscriptions(URI uri, NefAnswer answer) {
        List<AsSessionWithQoSSubscription> bodies;
        try {
            bodies = T8Bodies.readSubscriptions(answer.body());
        } catch (IOException | IllegalArgumentException e) {
            return Future.failedFuture(malformed(NefOperation.LIST, answer, e));
        }
        List<NefSubscription> result = new ArrayList<>(bodies.size());
        for (AsSessionWithQoSSubscription body : bodies) {
            if (body.getSelf() == null || body.getSelf().isBlank()) {
                return Future.failedFuture(new NefProtocolException(NefOperation.LIST, uri, 200,
                        "NEF listed a subscription without self (notificationDestination "
                                + LogSafe.destination(body.getNotificationDestination()) + ")", null));
            }
            try {
                URI self = Redirects.resolve(answer.uri(), body.getSelf());
                self.toString(); // a URI builds its text once, on first use: here, where a long list is decoded off the event loop
                result.add(new NefSubscription(self, body));
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new NefProtocolException(NefOperation.LIST, uri, 200,
                        "NEF listed a subscription whose self is not an http(s) URI: " + body.getSelf(), e));
            }
        }
        return Future.succeededFuture(List.copyOf(result));
    }

    /**
     * The final report in a 2xx answer to a DELETE (TS 29.122: 200 with UserPlaneNotificationData), or empty when the
     * answer holds none: no body, or one that is not a report with events (some NEFs answer with the deleted
     * subscription). The delete succeeded either way; what is not a report is ignored, and logged at DEBUG only.
     */
    static Optional<UserPlaneNotificationData> finalReport(NefAnswer answer) {
        if (answer.body() == null || answer.body().length() == 0) {
            return Optional.empty();
        }
        try {
            UserPlaneNotificationData report = T8Bodies.read(answer.body(), UserPlaneNotificationData.class);
            if (report.getEventReports() != null && !report.getEventReports().isEmpty()) {
                return Optional.of(report);
            }
            LOG.debug("NEF delete {} -> {}: the body is not a final report (no eventReports); ignored", answer.uri(),
                    answer.status());
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("NEF delete {} -> {}: the body is not a final report ({}); ignored", answer.uri(), answer.status(),
                    e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
        }
        return Optional.empty();
    }

    static NefProtocolException malformed(NefOperation op, NefAnswer answer, Exception e) {
        String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? j.getOriginalMessage() : e.getMessage();
        return new NefProtocolException(op, answer.uri(), answer.status(),
                "NEF answered " + op.label() + " with " + answer.status() + " and a body that is not the expected JSON: "
                        + reason, e);
    }

    /** The failure for a status the operation does not expect; {@code clock} dates a {@code Retry-After}. */
    static NefException unexpected(NefOperation op, NefAnswer answer, Clock clock) {
        if (answer.status() >= 400) {
            return problem(op, answer, RetryAfter.parse(answer.header("Retry-After"), clock.instant()));
        }
        return new NefProtocolException(op, answer.uri(), answer.status(),
                "NEF answered " + op.label() + " with " + answer.status() + ", which TS 29.122 does not declare for it",
                null);
    }

    static NefProblemException problem(NefOperation op, NefAnswer answer, Optional<Duration> retryAfter) {
        ProblemDetailsAsSessionWithQos problem = null;
        if (answer.body() != null) {
            try {
                problem = T8Bodies.read(answer.body(), ProblemDetailsAsSessionWithQos.class);
            } catch (IOException | IllegalArgumentException e) {
                LOG.debug("NEF {} -> {}: the error body is not a ProblemDetails", op.label(), answer.status());
            }
        }
        return new NefProblemException(op, answer.uri(), answer.status(), problem, retryAfter.orElse(null));
    }
}
