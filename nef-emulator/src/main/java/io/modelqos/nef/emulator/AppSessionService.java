package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.n5.model.AppSessionContextReqData;
import io.modelqos.openapi.t8.model.AfEvent;
import io.modelqos.openapi.t8.model.AfEventSubscription;
import io.modelqos.openapi.t8.model.EventsSubscReqData;
import io.modelqos.openapi.t8.model.InvalidParam;
import io.modelqos.openapi.t8.model.MediaComponent;
import io.modelqos.qos.SupportedFeatures;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The PCF's application session operations (TS 29.514 Npcf_PolicyAuthorization create, read,
 * modify, delete), without HTTP: the N5 checks, feature negotiation and the representation
 * ({@code ascReqData} as asked, {@code ascRespData} with the negotiated features); admission,
 * bookkeeping and the session lifecycle are the shared {@link Sessions}, on the same capacity model
 * as the NEF's subscriptions. Problems are thrown as {@link ApiException}. Runs on the emulator's
 * event loop.
 */
final class AppSessionService {

    /** The one registry owner of all application sessions (N5 names no AF in its URIs). */
    static final String OWNER = "pcf";

    private final N5Options options;
    private final Sessions sessions;
    private final PcfFace face;
    private final Set<String> patchable;
    private final Supplier<String> apiRoot;

    /**
     * @param patchable the members of AppSessionContextUpdateData: what a PATCH may touch
     */
    AppSessionService(N5Options options, Sessions sessions, PcfFace face, Set<String> patchable, Supplier<String> apiRoot) {
        this.options = options;
        this.sessions = sessions;
        this.face = face;
        this.patchable = patchable;
        this.apiRoot = apiRoot;
    }

    /** A deleted session and whether the AF is to get its final usage in the answer. */
    record Deleted(Session session, boolean reportUsage) {
    }

    /** The outcome of a create: a new session, or ({@code existing}) the equivalent one already there. */
    record Created(Session session, boolean existing) {
    }

    /**
     * Creates and admits an application session; 400 for a bad request, 403 when no QoS fits. A
     * request equivalent to a live session (same UE and same {@code notifUri}: an AF gives each of
     * its sessions its own) creates nothing and names that session (303 See Other), so that an AF
     * whose create answer was lost can repeat it safely.
     */
    Created create(ObjectNode body) {
        if (!body.path("ascReqData").isObject()) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, "/ascReqData",
                    "an application session context needs ascReqData");
        }
        ObjectNode asked = (ObjectNode) body.get("ascReqData").deepCopy();
        AppSessionContextReqData req = typed(asked);
        Map.Entry<Integer, MediaComponent> component = check(req);
        String negotiated = options.getSupportedFeatures() == null ? req.getSuppFeat()
                : SupportedFeatures.parse(req.getSuppFeat()).intersect(SupportedFeatures.parse(options.getSupportedFeatures()))
                        .toHex();
        String ueKey = PcfFace.ueKey(req);
        for (Session live : sessions.list(face, OWNER)) {
            if (live.live() && live.ueKey().equals(ueKey)
                    && req.getNotifUri().equals(live.resource().path("ascReqData").path("notifUri").asText())) {
                return new Created(live, true);
            }
        }
        SessionTerms terms = face.terms(req, sessions.admission().candidates(PcfFace.qosAsk(key(req, component), component.getValue())));
        String id = Sessions.newId();
        String self = apiRoot.get() + ApiContract.Api.PCF.basePath + "/app-sessions/" + id;
        ObjectNode resource = T8Json.mapper().createObjectNode();
        resource.set("ascReqData", asked);
        resource.putObject("ascRespData").put("suppFeat", negotiated);
        return new Created(sessions.open(face, OWNER, id, self, resource, terms, component.getKey()), false);
    }

    /** The session, live or ended by the network but not yet deleted. */
    Session read(String id) {
        return sessions.find(face, OWNER, id).orElseThrow(() -> notFound(id));
    }

    /**
     * PATCH (AppSessionContextUpdateDataPatch): RFC 7396 merge of {@code ascReqData} with the
     * members of AppSessionContextUpdateData, then re-admitted; when nothing fits, 403 and the old
     * QoS stays. A session the network ended cannot be modified (404): it waits for the AF's delete.
     */
    Session modify(String id, ObjectNode patch) {
        Session session = read(id);
        if (!session.live()) {
            throw ApiException.notFound("application session " + id + " was terminated by the PCF; delete it");
        }
        JsonNode changes = patch.path("ascReqData");
        if (!changes.isObject()) {
            return session;
        }
        List<InvalidParam> notPatchable = new ArrayList<>();
        Iterator<String> names = changes.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!patchable.contains(name)) {
                notPatchable.add(new InvalidParam().param("/ascReqData/" + name)
                        .reason(name + " cannot be modified (not in AppSessionContextUpdateData)"));
            }
        }
        if (!notPatchable.isEmpty()) {
            throw ApiException.badRequest(ApiException.OPTIONAL_IE_INCORRECT, "attributes that PATCH cannot change",
                    notPatchable);
        }
        ObjectNode merged = (ObjectNode) MergePatch.apply(session.resource().get("ascReqData"), changes);
        AppSessionContextReqData req = typed(merged);
        Map.Entry<Integer, MediaComponent> component = check(req);
        SessionTerms terms = face.terms(req, sessions.admission().candidates(PcfFace.qosAsk(key(req, component), component.getValue())));
        ObjectNode resource = session.resource().deepCopy();
        resource.set("ascReqData", merged);
        return sessions.update(session, resource, terms, component.getKey());
    }

    /**
     * Deletes (POST .../delete). The answer carries the final usage when the body asks for
     * USAGE_REPORT, or without a body when the session subscribed to it.
     *
     * @param body the optional EventsSubscReqData, or null
     */
    Deleted delete(String id, ObjectNode body) {
        Session session = sessions.close(face, OWNER, id).orElseThrow(() -> notFound(id));
        boolean wanted;
        if (body != null) {
            EventsSubscReqData asked = T8Json.mapper().convertValue(body, EventsSubscReqData.class);
            wanted = asked.getEvents() != null && asked.getEvents().stream().map(AfEventSubscription::getEvent)
                    .anyMatch(AfEvent.USAGE_REPORT::equals);
        } else {
            wanted = session.wants(SessionEvent.USAGE_REPORT);
        }
        return new Deleted(session, wanted);
    }

    /** The key of the admitted component in {@code medComponents}. */
    private static String key(AppSessionContextReqData req, Map.Entry<Integer, MediaComponent> component) {
        for (Map.Entry<String, MediaComponent> e : req.getMedComponents().entrySet()) {
            if (e.getValue() == component.getValue()) {
                return e.getKey();
            }
        }
        return Integer.toString(component.getKey());
    }

    /**
     * What the schema cannot say: absolute http(s) notification URIs (the termination request and,
     * when events are subscribed, their notifications), a positive qosDuration, and a media
     * component that asks for QoS. Returns that component.
     */
    private static Map.Entry<Integer, MediaComponent> check(AppSessionContextReqData req) {
        List<InvalidParam> problems = new ArrayList<>();
        boolean mandatory = false;
        if (!isHttpUri(req.getNotifUri())) {
            problems.add(new InvalidParam().param("/ascReqData/notifUri").reason("notifUri must be an absolute http(s) URI"));
            mandatory = true;
        }
        EventsSubscReqData events = req.getEvSubsc();
        if (events != null && events.getEvents() != null && !events.getEvents().isEmpty() && !isHttpUri(events.getNotifUri())) {
            problems.add(new InvalidParam().param("/ascReqData/evSubsc/notifUri")
                    .reason("evSubsc.notifUri must be an absolute http(s) URI when events are subscribed"));
            mandatory = true;
        }
        if (req.getQosDuration() != null && req.getQosDuration() < 1) {
            problems.add(new InvalidParam().param("/ascReqData/qosDuration").reason("qosDuration must be a positive number of seconds"));
        }
        Map.Entry<Integer, MediaComponent> component = PcfFace.admittedComponent(req);
        if (component == null) {
            problems.add(new InvalidParam().param("/ascReqData/medComponents")
                    .reason("no media component asks for QoS: give one with qosReference, mirBwDl/marBwDl or altSerReqsData"));
            mandatory = true;
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(mandatory ? ApiException.MANDATORY_IE_INCORRECT : ApiException.OPTIONAL_IE_INCORRECT,
                    problems.get(0).getReason(), problems);
        }
        return component;
    }

    private static boolean isHttpUri(String text) {
        if (text == null) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static AppSessionContextReqData typed(ObjectNode ascReqData) {
        try {
            return T8Json.mapper().convertValue(ascReqData, AppSessionContextReqData.class);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, "ascReqData is not an AppSessionContextReqData: "
                    + e.getMessage(), List.of());
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no application session " + id);
    }
}
