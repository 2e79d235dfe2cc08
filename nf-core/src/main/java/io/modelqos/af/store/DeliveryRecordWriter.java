package io.modelqos.af.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.modelqos.af.json.JsonBytes;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.GrantedQos;
import io.modelqos.af.delivery.NegotiationAttempt;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.delivery.PlannedOption;
import io.modelqos.af.delivery.RequestedQos;
import io.modelqos.af.json.IsoInstants;
import io.modelqos.af.problem.BestOffer;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes a {@link DeliveryRecord} as the same JSON as {@link DeliveryRecord#mapper()} does (member for member, in the
 * same order: {@code DeliveryRecordWriterTest} compares the two), member by member on Jackson's streaming generator.
 * The store writes a record several times in every delivery's life, on the event loop, and the data-binding path cost
 * 10 % of the loops' time under create+delete: the bean serializers of the nested records, and Blackbird, which falls
 * back to reflection for every member whose serializer is not one of Jackson's own (instants, URIs, nested records).
 * Reading stays with the mapper, which also reads what older AFs wrote. The request and the planned options, which a
 * delivery's later writes find unchanged, are encoded once and copied ({@link UnchangedParts}).
 *
 * <p>Nulls: the record leaves out its own null members ({@code NON_NULL}); the nested records write theirs as
 * {@code null}, as the mapper does.
 */
final class DeliveryRecordWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private DeliveryRecordWriter() {
    }

    static byte[] write(DeliveryRecord r) {
        // The unchanged parts first: a generator opened while another is open finds the thread's recycled buffers
        // taken and allocates its own (12 KB), which made a delivery's first write 9 % of the loops' allocations.
        SerializedString request = r.request() == null ? null
                : UnchangedParts.request(r.id(), r.request(), DeliveryRecordWriter::requestJson);
        SerializedString options = r.options() == null ? null
                : UnchangedParts.options(r.id(), r.options(), DeliveryRecordWriter::optionsJson);
        return json(2048, g -> record(g, r, request, options));
    }

    /** What {@code body} writes on a generator, as UTF-8 bytes. */
    private static byte[] json(int sizeHint, JsonBytes.Body body) {
        return JsonBytes.of(FACTORY, sizeHint, body);
    }

    private static void record(JsonGenerator g, DeliveryRecord r, SerializedString request, SerializedString options)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("v", r.v());
        stringIfSet(g, "id", r.id());
        stringIfSet(g, "tenant", r.tenant());
        if (r.request() != null) {
            g.writeFieldName("request");
            g.writeRawValue(request);
        }
        stringIfSet(g, "callbackId", r.callbackId());
        instantIfSet(g, "createdAt", r.createdAt());
        if (r.state() != null) {
            g.writeStringField("state", r.state().name());
        }
        if (r.requested() != null) {
            g.writeFieldName("requested");
            requested(g, r.requested());
        }
        if (r.granted() != null) {
            g.writeFieldName("granted");
            granted(g, r.granted());
        }
        if (r.options() != null) {
            g.writeFieldName("options");
            g.writeRawValue(options);
        }
        if (r.negotiation() != null) {
            g.writeArrayFieldStart("negotiation");
            for (NegotiationAttempt a : r.negotiation()) {
                attempt(g, a);
            }
            g.writeEndArray();
        }
        if (r.availability() != null) {
            DeliveryRecord.Availability a = r.availability();
            g.writeObjectFieldStart("availability");
            g.writeNumberField("guaranteedMs", a.guaranteedMs());
            g.writeNumberField("notGuaranteedMs", a.notGuaranteedMs());
            instant(g, "since", a.since());
            g.writeBooleanField("guaranteed", a.guaranteed());
            g.writeBooleanField("running", a.running());
            g.writeEndObject();
        }
        if (r.rate() != null) {
            DeliveryRecord.Rate a = r.rate();
            g.writeObjectFieldStart("rate");
            g.writeNumberField("progressBytes", a.progressBytes());
            g.writeNumberField("progressElapsedMs", a.progressElapsedMs());
            g.writeBooleanField("complete", a.complete());
            g.writeNumberField("monitoredSamples", a.monitoredSamples());
            g.writeNumberField("monitoredMeanBps", a.monitoredMeanBps());
            g.writeNumberField("lastMonitoredBps", a.lastMonitoredBps());
            g.writeFieldName("usage");
            usage(g, a.usage());
            g.writeBooleanField("started", a.started());
            g.writeEndObject();
        }
        stringIfSet(g, "nefSubscription", r.nefSubscription());
        instantIfSet(g, "expiresAt", r.expiresAt());
        instantIfSet(g, "endedAt", r.endedAt());
        stringIfSet(g, "failureCause", r.failureCause());
        g.writeBooleanField("releasePending", r.releasePending());
        if (r.creationProblem() != null) {
            DeliveryRecord.Problem p = r.creationProblem();
            g.writeObjectFieldStart("creationProblem");
            g.writeStringField("kind", p.kind() == null ? null : p.kind().name());
            g.writeStringField("detail", p.detail());
            g.writeFieldName("bestOffer");
            bestOffer(g, p.bestOffer());
            g.writeEndObject();
        }
        instantIfSet(g, "startBy", r.startBy());
        if (r.rateReportPeriodS() != null) {
            g.writeNumberField("rateReportPeriodS", r.rateReportPeriodS());
        }
        g.writeEndObject();
    }

    private static byte[] requestJson(DeliveryRequest r) {
        return json(512, g -> request(g, r));
    }

    private static byte[] optionsJson(List<PlannedOption> options) {
        return json(512, g -> {
            g.writeStartArray();
            for (PlannedOption o : options) {
                option(g, o);
            }
            g.writeEndArray();
        });
    }

    private static void request(JsonGenerator g, DeliveryRequest r) throws IOException {
        g.writeStartObject();
        g.writeFieldName("ue");
        if (r.ue() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringField("ipv4Addr", r.ue().ipv4Addr());
            g.writeStringField("ipv6Addr", r.ue().ipv6Addr());
            g.writeStringField("gpsi", r.ue().gpsi());
            g.writeEndObject();
        }
        g.writeFieldName("server");
        if (r.server() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringField("ipv4Addr", r.server().ipv4Addr());
            g.writeStringField("ipv6Addr", r.server().ipv6Addr());
            g.writeNumberField("port", r.server().port());
            g.writeEndObject();
        }
        g.writeStringField("modelName", r.modelName());
        g.writeFieldName("variants");
        if (r.variants() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (DeliveryRequest.Variant v : r.variants()) {
                g.writeStartObject();
                g.writeStringField("id", v.id());
                g.writeStringField("precision", v.precision());
                g.writeNumberField("sizeBytes", v.sizeBytes());
                g.writeFieldName("accuracy");
                if (v.accuracy() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(v.accuracy());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeNumberField("latencyBudgetMs", r.latencyBudgetMs());
        g.writeNumberField("availability", r.availability());
        g.writeBooleanField("allowVariantFallback", r.allowVariantFallback());
        number(g, "maxLatencyBudgetMs", r.maxLatencyBudgetMs());
        g.writeStringField("notificationUri", r.notificationUri() == null ? null : r.notificationUri().toString());
        g.writeStringField("notificationToken", r.notificationToken());
        number(g, "startWindowMs", r.startWindowMs());
        g.writeEndObject();
    }

    private static void requested(JsonGenerator g, RequestedQos q) throws IOException {
        g.writeStartObject();
        g.writeStringField("variantId", q.variantId());
        g.writeStringField("payloadRate", q.payloadRate());
        g.writeStringField("gbrDl", q.gbrDl());
        g.writeNumberField("latencyBudgetMs", q.latencyBudgetMs());
        g.writeNumberField("availability", q.availability());
        g.writeEndObject();
    }

    private static void granted(JsonGenerator g, GrantedQos q) throws IOException {
        g.writeStartObject();
        g.writeStringField("variantId", q.variantId());
        g.writeStringField("gbrDl", q.gbrDl());
        g.writeStringField("qosReference", q.qosReference());
        g.writeStringField("altQosParamSetRef", q.altQosParamSetRef());
        g.writeNumberField("expectedTransferMs", q.expectedTransferMs());
        g.writeNumberField("latencyBudgetMs", q.latencyBudgetMs());
        g.writeNumberField("qosDurationS", q.qosDurationS());
        g.writeNumberField("startWindowMs", q.startWindowMs());
        g.writeEndObject();
    }

    private static void option(JsonGenerator g, PlannedOption o) throws IOException {
        g.writeStartObject();
        g.writeStringField("variantId", o.variantId());
        g.writeStringField("ref", o.ref());
        g.writeBooleanField("byReference", o.byReference());
        g.writeStringField("gbrDl", o.gbrDl());
        g.writeNumberField("gbrDlBps", o.gbrDlBps());
        g.writeNumberField("expectedTransferMs", o.expectedTransferMs());
        g.writeNumberField("latencyBudgetMs", o.latencyBudgetMs());
        g.writeNumberField("startWindowMs", o.startWindowMs());
        g.writeEndObject();
    }

    private static void attempt(JsonGenerator g, NegotiationAttempt a) throws IOException {
        g.writeStartObject();
        g.writeNumberField("attempt", a.attempt());
        g.writeStringField("variantId", a.variantId());
        g.writeStringField("gbrDl", a.gbrDl());
        g.writeStringField("outcome", a.outcome() == null ? null : a.outcome().name());
        g.writeStringField("cause", a.cause());
        g.writeEndObject();
    }

    private static void usage(JsonGenerator g, NetworkUsage u) throws IOException {
        if (u == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        number(g, "downlinkVolume", u.downlinkVolume());
        number(g, "uplinkVolume", u.uplinkVolume());
        number(g, "totalVolume", u.totalVolume());
        number(g, "durationS", u.durationS());
        g.writeEndObject();
    }

    private static void bestOffer(JsonGenerator g, BestOffer b) throws IOException {
        if (b == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("acceptableRate", b.acceptableRate());
        g.writeStringField("variantId", b.variantId());
        number(g, "latencyBudgetMs", b.latencyBudgetMs());
        g.writeEndObject();
    }

    private static void stringIfSet(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void instantIfSet(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            instant(g, name, value);
        }
    }

    static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        IsoInstants.write(g, name, value);
    }

    private static void number(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value.longValue());
        }
    }
}
