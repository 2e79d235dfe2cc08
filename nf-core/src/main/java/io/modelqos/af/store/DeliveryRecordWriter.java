package io.modelqos.af.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
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

import static io.modelqos.af.store.RecordFields.*; // the member names, encoded once

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
        number(g, V, r.v());
        stringIfSet(g, ID, r.id());
        stringIfSet(g, TENANT, r.tenant());
        if (r.request() != null) {
            g.writeFieldName(REQUEST);
            g.writeRawValue(request);
        }
        stringIfSet(g, CALLBACK_ID, r.callbackId());
        instantIfSet(g, CREATED_AT, r.createdAt());
        if (r.state() != null) {
            string(g, STATE, r.state().name());
        }
        if (r.requested() != null) {
            g.writeFieldName(REQUESTED);
            requested(g, r.requested());
        }
        if (r.granted() != null) {
            g.writeFieldName(GRANTED);
            granted(g, r.granted());
        }
        if (r.options() != null) {
            g.writeFieldName(OPTIONS);
            g.writeRawValue(options);
        }
        if (r.negotiation() != null) {
            g.writeFieldName(NEGOTIATION);
            g.writeStartArray();
            for (NegotiationAttempt a : r.negotiation()) {
                attempt(g, a);
            }
            g.writeEndArray();
        }
        if (r.availability() != null) {
            DeliveryRecord.Availability a = r.availability();
            g.writeFieldName(AVAILABILITY);
            g.writeStartObject();
            number(g, GUARANTEED_MS, a.guaranteedMs());
            number(g, NOT_GUARANTEED_MS, a.notGuaranteedMs());
            IsoInstants.write(g, SINCE, a.since());
            bool(g, GUARANTEED, a.guaranteed());
            bool(g, RUNNING, a.running());
            g.writeEndObject();
        }
        if (r.rate() != null) {
            DeliveryRecord.Rate a = r.rate();
            g.writeFieldName(RATE);
            g.writeStartObject();
            number(g, PROGRESS_BYTES, a.progressBytes());
            number(g, PROGRESS_ELAPSED_MS, a.progressElapsedMs());
            bool(g, COMPLETE, a.complete());
            number(g, MONITORED_SAMPLES, a.monitoredSamples());
            number(g, MONITORED_MEAN_BPS, a.monitoredMeanBps());
            number(g, LAST_MONITORED_BPS, a.lastMonitoredBps());
            g.writeFieldName(USAGE);
            usage(g, a.usage());
            bool(g, STARTED, a.started());
            g.writeEndObject();
        }
        stringIfSet(g, NEF_SUBSCRIPTION, r.nefSubscription());
        instantIfSet(g, EXPIRES_AT, r.expiresAt());
        instantIfSet(g, ENDED_AT, r.endedAt());
        stringIfSet(g, FAILURE_CAUSE, r.failureCause());
        bool(g, RELEASE_PENDING, r.releasePending());
        if (r.creationProblem() != null) {
            DeliveryRecord.Problem p = r.creationProblem();
            g.writeFieldName(CREATION_PROBLEM);
            g.writeStartObject();
            string(g, KIND, p.kind() == null ? null : p.kind().name());
            string(g, DETAIL, p.detail());
            g.writeFieldName(BEST_OFFER);
            bestOffer(g, p.bestOffer());
            g.writeEndObject();
        }
        instantIfSet(g, START_BY, r.startBy());
        if (r.rateReportPeriodS() != null) {
            number(g, RATE_REPORT_PERIOD_S, r.rateReportPeriodS());
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
        g.writeFieldName(UE);
        if (r.ue() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            string(g, IPV4_ADDR, r.ue().ipv4Addr());
            string(g, IPV6_ADDR, r.ue().ipv6Addr());
            string(g, GPSI, r.ue().gpsi());
            g.writeEndObject();
        }
        g.writeFieldName(SERVER);
        if (r.server() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            string(g, IPV4_ADDR, r.server().ipv4Addr());
            string(g, IPV6_ADDR, r.server().ipv6Addr());
            number(g, PORT, r.server().port());
            g.writeEndObject();
        }
        string(g, MODEL_NAME, r.modelName());
        g.writeFieldName(VARIANTS);
        if (r.variants() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (DeliveryRequest.Variant v : r.variants()) {
                g.writeStartObject();
                string(g, ID, v.id());
                string(g, PRECISION, v.precision());
                number(g, SIZE_BYTES, v.sizeBytes());
                g.writeFieldName(ACCURACY);
                if (v.accuracy() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(v.accuracy());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        number(g, LATENCY_BUDGET_MS, r.latencyBudgetMs());
        number(g, AVAILABILITY, r.availability());
        bool(g, ALLOW_VARIANT_FALLBACK, r.allowVariantFallback());
        number(g, MAX_LATENCY_BUDGET_MS, r.maxLatencyBudgetMs());
        string(g, NOTIFICATION_URI, r.notificationUri() == null ? null : r.notificationUri().toString());
        string(g, NOTIFICATION_TOKEN, r.notificationToken());
        number(g, START_WINDOW_MS, r.startWindowMs());
        g.writeEndObject();
    }

    private static void requested(JsonGenerator g, RequestedQos q) throws IOException {
        g.writeStartObject();
        string(g, VARIANT_ID, q.variantId());
        string(g, PAYLOAD_RATE, q.payloadRate());
        string(g, GBR_DL, q.gbrDl());
        number(g, LATENCY_BUDGET_MS, q.latencyBudgetMs());
        number(g, AVAILABILITY, q.availability());
        g.writeEndObject();
    }

    private static void granted(JsonGenerator g, GrantedQos q) throws IOException {
        g.writeStartObject();
        string(g, VARIANT_ID, q.variantId());
        string(g, GBR_DL, q.gbrDl());
        string(g, QOS_REFERENCE, q.qosReference());
        string(g, ALT_QOS_PARAM_SET_REF, q.altQosParamSetRef());
        number(g, EXPECTED_TRANSFER_MS, q.expectedTransferMs());
        number(g, LATENCY_BUDGET_MS, q.latencyBudgetMs());
        number(g, QOS_DURATION_S, q.qosDurationS());
        number(g, START_WINDOW_MS, q.startWindowMs());
        g.writeEndObject();
    }

    private static void option(JsonGenerator g, PlannedOption o) throws IOException {
        g.writeStartObject();
        string(g, VARIANT_ID, o.variantId());
        string(g, REF, o.ref());
        bool(g, BY_REFERENCE, o.byReference());
        string(g, GBR_DL, o.gbrDl());
        number(g, GBR_DL_BPS, o.gbrDlBps());
        number(g, EXPECTED_TRANSFER_MS, o.expectedTransferMs());
        number(g, LATENCY_BUDGET_MS, o.latencyBudgetMs());
        number(g, START_WINDOW_MS, o.startWindowMs());
        g.writeEndObject();
    }

    private static void attempt(JsonGenerator g, NegotiationAttempt a) throws IOException {
        g.writeStartObject();
        number(g, ATTEMPT, a.attempt());
        string(g, VARIANT_ID, a.variantId());
        string(g, GBR_DL, a.gbrDl());
        string(g, OUTCOME, a.outcome() == null ? null : a.outcome().name());
        string(g, CAUSE, a.cause());
        g.writeEndObject();
    }

    private static void usage(JsonGenerator g, NetworkUsage u) throws IOException {
        if (u == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        number(g, DOWNLINK_VOLUME, u.downlinkVolume());
        number(g, UPLINK_VOLUME, u.uplinkVolume());
        number(g, TOTAL_VOLUME, u.totalVolume());
        number(g, DURATION_S, u.durationS());
        g.writeEndObject();
    }

    private static void bestOffer(JsonGenerator g, BestOffer b) throws IOException {
        if (b == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        string(g, ACCEPTABLE_RATE, b.acceptableRate());
        string(g, VARIANT_ID, b.variantId());
        number(g, LATENCY_BUDGET_MS, b.latencyBudgetMs());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    private static void number(JsonGenerator g, SerializableString name, long value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void number(JsonGenerator g, SerializableString name, double value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void bool(JsonGenerator g, SerializableString name, boolean value) throws IOException {
        g.writeFieldName(name);
        g.writeBoolean(value);
    }

    private static void stringIfSet(JsonGenerator g, SerializableString name, String value) throws IOException {
        if (value != null) {
            string(g, name, value);
        }
    }

    private static void instantIfSet(JsonGenerator g, SerializableString name, Instant value) throws IOException {
        if (value != null) {
            IsoInstants.write(g, name, value);
        }
    }

    private static void number(JsonGenerator g, SerializableString name, Long value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value.longValue());
        }
    }
}
