package io.modelqos.af.nef;

import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The create of {@link VertxAsSessionWithQosClient}, the one operation that is never repeated blindly: a POST that
 * got no answer may have made a subscription, so the NEF is asked (a list by the UE, matched on the unique
 * {@code notificationDestination}) before the POST is sent again, at most
 * {@value VertxAsSessionWithQosClient#MAX_CREATE_ATTEMPTS} times in all. Copies made by lost POSTs are deleted, and a
 * 201 whose answer is unusable is undone. Also keeps the {@code supportedFeatures} the NEF last answered a create with.
 */
final class CreateWithRecovery {

    /** Logs under the client's name, as all of the client's parts do. */
    private static final Logger LOG = LoggerFactory.getLogger(VertxAsSessionWithQosClient.class);

    private final AsSessionWithQosClient nef;
    private final NefExchange exchange;
    private final NefEndpoint endpoint;
    private final Clock clock;
    private final AtomicReference<String> negotiatedFeatures = new AtomicReference<>();

    /**
     * @param nef the client itself, whose list and delete (logged as any other) look for and remove the copies
     */
    CreateWithRecovery(AsSessionWithQosClient nef, NefExchange exchange, NefEndpoint endpoint, Clock clock) {
        this.nef = nef;
        this.exchange = exchange;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** The {@code supportedFeatures} of the last subscription the NEF created, or null before the first. */
    String negotiatedFeatures() {
        return negotiatedFeatures.get();
    }

    /** Creates {@code s}, already serialised as {@code body}. */
    Future<NefSubscription> create(AsSessionWithQoSSubscription s, Buffer body) {
        return attempt(s, body, 1, System.nanoTime());
    }

    private Future<NefSubscription> attempt(AsSessionWithQoSSubscription s, Buffer body, int attempt, long start) {
        URI collection = endpoint.collection();
        return exchange.call(NefOperation.CREATE, collection, body).transform(ar -> {
            if (ar.succeeded()) {
                return created(ar.result(), s, attempt);
            }
            if (ar.cause() instanceof NefUnavailableException u && u.getCause() instanceof ConnectException) {
                // Never connected: the POST was not sent, so there is nothing to look for.
                return Future.failedFuture(u);
            }
            if (ar.cause() instanceof NefUnavailableException u
                    && (u.reason() == NefUnavailableException.Reason.TIMEOUT
                    || u.reason() == NefUnavailableException.Reason.CONNECTION)) {
                return recover(s, body, attempt, start, u);
            }
            return Future.failedFuture(ar.cause());
        });
    }

    private Future<NefSubscription> recover(AsSessionWithQoSSubscription s, Buffer body, int attempt, long start,
                                            NefUnavailableException noAnswer) {
        String destination = s.getNotificationDestination();
        String shown = LogSafe.destination(destination);
        LOG.warn("NEF create for {} got no answer ({}), attempt {}: asking the NEF whether it made the subscription",
                shown, noAnswer.reason(), attempt);
        return findByDestination(s).transform(found -> {
            if (found.failed()) {
                NefUnavailableException unknown = new NefUnavailableException(NefOperation.CREATE, endpoint.collection(),
                        NefUnavailableException.Reason.CREATE_OUTCOME_UNKNOWN, 0, null, destination,
                        "NEF create got no answer (" + noAnswer.reason() + ") and the lookup of "
                                + shown + " failed: " + found.cause().getMessage(), noAnswer);
                unknown.addSuppressed(found.cause());
                return Future.failedFuture(unknown);
            }
            List<NefSubscription> matches = found.result();
            if (!matches.isEmpty()) {
                NefSubscription kept = matches.get(0);
                LOG.info("NEF had made subscription {} for {} before the answer was lost; using it",
                        kept.uri(), shown);
                recordFeatures(kept.body());
                return deleteAll(matches.subList(1, matches.size()), "duplicate").map(kept);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (attempt >= VertxAsSessionWithQosClient.MAX_CREATE_ATTEMPTS
                    || elapsed.compareTo(exchange.retryBudget()) > 0) {
                return Future.failedFuture(new NefUnavailableException(NefOperation.CREATE, endpoint.collection(),
                        noAnswer.reason(), 0, null, destination,
                        "NEF create got no answer in " + attempt + " attempt(s); the NEF holds no subscription for "
                                + shown, noAnswer));
            }
            LOG.info("NEF holds no subscription for {}; sending the create again (attempt {})", shown, attempt + 1);
            return attempt(s, body, attempt + 1, start);
        });
    }

    private Future<NefSubscription> created(NefAnswer answer, AsSessionWithQoSSubscription s, int attempt) {
        int status = answer.status();
        if (status < 200 || status >= 300) {
            return Future.failedFuture(NefAnswerDecoder.unexpected(NefOperation.CREATE, answer, clock));
        }
        URI location = null;
        String locationHeader = answer.header("Location");
        if (locationHeader != null) {
            try {
                location = Redirects.resolve(answer.uri(), locationHeader);
            } catch (IllegalArgumentException e) {
                LOG.warn("NEF create -> {} with an unusable Location '{}'", status, locationHeader);
            }
        }
        AsSessionWithQoSSubscription body;
        try {
            body = T8Bodies.created(answer.body());
        } catch (IOException | IllegalArgumentException e) {
            NefProtocolException failure = NefAnswerDecoder.malformed(NefOperation.CREATE, answer, e);
            return undo(location, s, failure);
        }
        if (status != 201) {
            LOG.warn("NEF create -> {} instead of 201", status);
        }
        if (location == null && body.getSelf() != null) {
            try {
                location = Redirects.resolve(answer.uri(), body.getSelf());
                LOG.warn("NEF create -> {} without a usable Location; using self {}", status, location);
            } catch (IllegalArgumentException e) {
                // handled below
            }
        }
        if (location == null) {
            return undo(null, s, new NefProtocolException(NefOperation.CREATE, endpoint.collection(), status,
                    "NEF create -> " + status + " without Location (nor self): the subscription has no known URI", null));
        }
        recordFeatures(body);
        NefSubscription result = new NefSubscription(location, body);
        if (attempt == 1) {
            return Future.succeededFuture(result);
        }
        // An earlier POST that got no answer may have been made after the lookup: remove such a copy.
        URI kept = location;
        return findByDestination(s)
                .compose(matches -> deleteAll(matches.stream().filter(m -> !m.uri().equals(kept)).toList(), "late duplicate"))
                .recover(e -> {
                    LOG.warn("NEF create: could not check for duplicates of {}: {}", kept, e.getMessage());
                    return Future.succeededFuture();
                })
                .map(result);
    }

    /** Undoes a create whose answer was unusable, then fails with {@code failure}. */
    private Future<NefSubscription> undo(URI location, AsSessionWithQoSSubscription s, NefProtocolException failure) {
        Future<List<NefSubscription>> made = location != null
                ? Future.succeededFuture(List.of(new NefSubscription(location, null)))
                : findByDestination(s);
        return made.compose(list -> deleteAll(list, "unusable create answer"))
                .transform(ar -> {
                    if (ar.failed()) {
                        failure.addSuppressed(ar.cause());
                        LOG.warn("NEF create: could not undo the subscription made for {}: {}",
                                LogSafe.destination(s.getNotificationDestination()), ar.cause().getMessage());
                    }
                    return Future.failedFuture(failure);
                });
    }

    private Future<List<NefSubscription>> findByDestination(AsSessionWithQoSSubscription s) {
        Optional<String> ue = Optional.ofNullable(s.getUeIpv4Addr()).or(() -> Optional.ofNullable(s.getUeIpv6Addr()));
        String destination = s.getNotificationDestination();
        return nef.list(ue).map(all -> all.stream()
                .filter(m -> destination.equals(m.body().getNotificationDestination()))
                .toList());
    }

    private Future<Void> deleteAll(List<NefSubscription> subscriptions, String why) {
        Future<Void> chain = Future.succeededFuture();
        for (NefSubscription sub : subscriptions) {
            chain = chain.compose(v -> {
                LOG.info("NEF create: deleting {} ({})", sub.uri(), why);
                return nef.delete(sub.uri()).<Void>mapEmpty();
            });
        }
        return chain;
    }

    private void recordFeatures(AsSessionWithQoSSubscription body) {
        String features = body.getSupportedFeatures() == null ? "" : body.getSupportedFeatures();
        String before = negotiatedFeatures.getAndSet(features);
        if (!features.equals(before)) {
            LOG.info("NEF supportedFeatures: '{}'", features);
        }
    }
}
