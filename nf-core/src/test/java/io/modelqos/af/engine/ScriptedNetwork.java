package io.modelqos.af.engine;

import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.southbound.OpenedSession;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.southbound.SessionFailure;
import io.modelqos.af.southbound.SessionRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A network whose answers a test writes in advance, and which keeps what it was asked: the engine's port, without a
 * wire in between. An answer not scripted is a success: a new session that holds every option asked for, with every
 * feature announced; a replacement that holds every option; no final usage.
 */
final class ScriptedNetwork implements QosSessions {
    final List<SessionRequest> opened = new ArrayList<>();
    final List<String> modified = new ArrayList<>();
    final List<SessionRequest> replacements = new ArrayList<>();
    final List<String> closed = new ArrayList<>();
    final List<String> held = new ArrayList<>();
    private final Deque<Supplier<Future<OpenedSession>>> openAnswers = new ArrayDeque<>();
    private final Deque<Supplier<Future<Optional<NetworkUsage>>>> closeAnswers = new ArrayDeque<>();
    private final Deque<Supplier<Future<List<String>>>> modifyAnswers = new ArrayDeque<>();
    private List<HeldSession> listed = List.of();
    /** Sessions the network holds though its list leaves them out, and those it cannot tell about. */
    private final java.util.Set<String> heldUnlisted = new java.util.HashSet<>();
    private final java.util.Set<String> unknowable = new java.util.HashSet<>();
    /** The sessions the engine asked about ({@link #holds}), in order. */
    final List<String> probed = new ArrayList<>();
    private SupportedFeatures peerFeatures;
    private int sessions;

    ScriptedNetwork opens(OpenedSession answer) {
        openAnswers.add(() -> Future.succeededFuture(answer));
        return this;
    }

    ScriptedNetwork refusesOpen(SessionFailure.Kind kind, String cause, String offeredRateDl) {
        openAnswers.add(() -> Future.failedFuture(new SessionFailure(kind, "scripted " + kind, cause, offeredRateDl, null)));
        return this;
    }

    /** The next open is answered only when the test completes the promise it gets. */
    Promise<OpenedSession> holdsNextOpen() {
        Promise<OpenedSession> answer = Promise.promise();
        openAnswers.add(answer::future);
        return answer;
    }

    ScriptedNetwork closesWith(NetworkUsage finalUsage) {
        closeAnswers.add(() -> Future.succeededFuture(Optional.ofNullable(finalUsage)));
        return this;
    }

    ScriptedNetwork failsClose(int times) {
        for (int i = 0; i < times; i++) {
            closeAnswers.add(() -> Future.failedFuture(new SessionFailure(SessionFailure.Kind.UNAVAILABLE, "scripted",
                    "NEF_UNREACHABLE", null, null)));
        }
        return this;
    }

    /** The next replacement is answered with a representation that carries only {@code refs} (none: no QoS at all). */
    ScriptedNetwork modifiesCarrying(String... refs) {
        modifyAnswers.add(() -> Future.succeededFuture(List.of(refs)));
        return this;
    }

    /** The next replacement is answered only when the test completes the promise it gets. */
    Promise<List<String>> holdsNextModify() {
        Promise<List<String>> answer = Promise.promise();
        modifyAnswers.add(answer::future);
        return answer;
    }

    ScriptedNetwork failsModify() {
        modifyAnswers.add(() -> Future.failedFuture(new SessionFailure(SessionFailure.Kind.PEER_ERROR, "scripted", "HTTP_500",
                null, null)));
        return this;
    }

    ScriptedNetwork lists(List<HeldSession> sessions) {
        this.listed = List.copyOf(sessions);
        return this;
    }

    /** The network holds {@code sessions} though its list leaves them out (a paged list, another SCS/AS id). */
    ScriptedNetwork holdsUnlisted(String... sessions) {
        heldUnlisted.addAll(List.of(sessions));
        return this;
    }

    /** Asked whether it holds {@code sessions}, the network cannot answer. */
    ScriptedNetwork cannotTell(String... sessions) {
        unknowable.addAll(List.of(sessions));
        return this;
    }

    ScriptedNetwork peerFeatures(SupportedFeatures features) {
        this.peerFeatures = features;
        return this;
    }

    String nextSessionRef() {
        return "nef:s/" + (sessions + 1);
    }

    @Override
    public Future<OpenedSession> open(SessionRequest request) {
        opened.add(request);
        Supplier<Future<OpenedSession>> answer = openAnswers.poll();
        if (answer != null) {
            Future<OpenedSession> f = answer.get();
            f.onSuccess(s -> held.add(s.session()));
            return f;
        }
        sessions++;
        String ref = "nef:s/" + sessions;
        held.add(ref);
        return Future.succeededFuture(new OpenedSession(ref, null, request.features(), refsOf(request)));
    }

    /** The answer of a network that holds what the last open asked for, under the reference {@code ref}. */
    OpenedSession asAsked(String ref) {
        SessionRequest last = opened.get(opened.size() - 1);
        return new OpenedSession(ref, null, last.features(), refsOf(last));
    }

    /** Every option the request's plan offers, in its order: what a network that holds what it was asked carries. */
    static List<String> refsOf(SessionRequest request) {
        return request.plan().ordered().stream().map(q -> q.ref()).toList();
    }

    @Override
    public Future<List<String>> modify(String session, SessionRequest request) {
        modified.add(session);
        replacements.add(request);
        Supplier<Future<List<String>>> answer = modifyAnswers.poll();
        return answer != null ? answer.get() : Future.succeededFuture(refsOf(request));
    }

    @Override
    public Future<Optional<NetworkUsage>> close(String session) {
        closed.add(session);
        Supplier<Future<Optional<NetworkUsage>>> answer = closeAnswers.poll();
        Future<Optional<NetworkUsage>> f = answer != null ? answer.get() : Future.succeededFuture(Optional.empty());
        return f.onSuccess(x -> held.remove(session));
    }

    @Override
    public Future<List<HeldSession>> list() {
        return Future.succeededFuture(listed);
    }

    /** By default the network holds what it lists, and nothing else. */
    @Override
    public Future<Boolean> holds(String session) {
        probed.add(session);
        if (unknowable.contains(session)) {
            return Future.failedFuture(new SessionFailure(SessionFailure.Kind.UNAVAILABLE, "scripted", "NEF_UNREACHABLE",
                    null, null));
        }
        return Future.succeededFuture(heldUnlisted.contains(session)
                || listed.stream().anyMatch(h -> h.session().equals(session)));
    }

    @Override
    public SupportedFeatures peerFeatures() {
        return peerFeatures;
    }

    @Override
    public Future<Void> check() {
        return Future.succeededFuture();
    }
}
