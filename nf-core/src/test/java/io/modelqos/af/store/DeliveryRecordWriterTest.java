package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.delivery.GrantedQos;
import io.modelqos.af.delivery.NegotiationAttempt;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.delivery.PlannedOption;
import io.modelqos.af.delivery.RequestedQos;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.af.problem.ProblemKind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The store's hand-written record JSON is the mapper's, byte for byte: for records with every member set (the
 * canonical constructors of the records make a new member show up here), with the nulls a new delivery has, with text
 * that needs escaping and instants of every precision.
 */
class DeliveryRecordWriterTest {

    @Test
    void everyMemberSet() throws Exception {
        DeliveryRequest request = new DeliveryRequest(new DeliveryRequest.UeAddress("10.0.0.1", "2001:db8::1", "msisdn-1"),
                new DeliveryRequest.ServerAddress("192.0.2.1", "2001:db8::2", 8443), "ResNet-50",
                List.of(new DeliveryRequest.Variant("fp32", "FP32", 102_000_000L, 0.761),
                        new DeliveryRequest.Variant("int8", "INT8", 25_600_000L, null)),
                1000, 0.99999, true, 5000L, URI.create("https://server.example/hooks/a?b=c"), "tok\"en", 250L);
        DeliveryRecord r = new DeliveryRecord(DeliveryRecord.VERSION, "d-1", "tenant", request, "cb-1",
                Instant.parse("2026-03-01T10:00:00.123456789Z"), DeliveryState.COMPLETED,
                new RequestedQos("fp32", "816 Mbps", "898.1 Mbps", 1000, 0.9999),
                new GrantedQos("fp32", "1 Gbps", "mq-gbr-1G", "alt-1", 900, 1000, 3, 1000),
                List.of(new PlannedOption("fp32", "mq-gbr-1G", true, "1 Gbps", 1_000_000_000L, 900, 1000, 1000)),
                List.of(new NegotiationAttempt(1, "fp32", "1 Gbps", NegotiationAttempt.Outcome.GRANTED, "why not")),
                new DeliveryRecord.Availability(12, 3, Instant.parse("2026-03-01T10:00:00.5Z"), true, false),
                new DeliveryRecord.Rate(50_000_000, 500, true, 2, 8.1e8, 820_000_000L,
                        new NetworkUsage(1L, 2L, 3L, 4L), true),
                "http://nef.example/subscriptions/s-1", Instant.parse("2026-03-01T10:00:32Z"),
                Instant.parse("2026-03-01T10:00:03.000001Z"), FailureCause.COMPLETION_OBSERVED_BY_NETWORK.name(), true,
                new DeliveryRecord.Problem(ProblemKind.UNPROCESSABLE, "no QoS fits", new BestOffer("600 Mbps", "int8", 1500L)),
                Instant.parse("2026-03-01T10:00:01Z"), 5);
        assertSameJson(r);
    }

    @Test
    void theNullsOfANewDeliveryAndOfItsNestedRecords() throws Exception {
        DeliveryRequest request = new DeliveryRequest(new DeliveryRequest.UeAddress(null, null, "msisdn-\u00fc\u4e2d"),
                new DeliveryRequest.ServerAddress(null, null, 443), null, List.of(), 33, 0.9, false, null, null, null, null);
        assertSameJson(new DeliveryRecord(DeliveryRecord.VERSION, "d-\u0001\n", null, request, null, Instant.EPOCH, null,
                null, null, null, null, new DeliveryRecord.Availability(0, 0, null, false, false),
                new DeliveryRecord.Rate(0, 0, false, 0, Double.NaN, 0, null, false), null, null, null, null, false,
                new DeliveryRecord.Problem(null, null, null), null, null));
        assertSameJson(new DeliveryRecord(DeliveryRecord.VERSION, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, false, null, null, null));
    }

    @Test
    void deliveriesAsTheStoreTestsMakeThem() throws Exception {
        for (Delivery d : List.of(Deliveries.negotiating("d-1", "t", "10.45.0.1", 0),
                Deliveries.granted("d-2", "t", "10.45.0.2", 7),
                Deliveries.ended(Deliveries.granted("d-3", "t", "10.45.0.3", 1), DeliveryState.EXPIRED, 9),
                Deliveries.failedCreate("d-4", "t", "10.45.0.4", 2))) {
            assertSameJson(DeliveryRecord.of(d));
        }
    }

    /**
     * A delivery written again and again (the request's and options' JSON then come from {@link UnchangedParts}) is
     * still the mapper's JSON each time: after a re-plan puts new options in, after a change of state, and when another
     * delivery with the same request but other options came between.
     */
    @Test
    void aDeliveryWrittenAgainShowsItsNewOptionsAndState() throws Exception {
        Delivery d = Deliveries.granted("d-again", "t", "10.45.0.9", 3);
        assertSameJson(DeliveryRecord.of(d));
        assertSameJson(DeliveryRecord.of(d));
        PlannedOption smaller = new PlannedOption("int8", "int8@10Mbps", false, "10 Mbps", 10_000_000L, 900, 1000, 0);
        d.options(List.of(smaller));
        String replanned = new String(DeliveryRecord.of(d).toJson(), StandardCharsets.UTF_8);
        assertEquals(true, replanned.contains("\"int8@10Mbps\""), replanned);
        assertSameJson(DeliveryRecord.of(d));
        d.end(DeliveryState.CANCELLED, null, java.time.Instant.parse("2026-03-01T10:00:05Z"));
        Delivery other = Deliveries.granted("d-other", "t", "10.45.0.9", 4);
        assertSameJson(DeliveryRecord.of(other));
        assertSameJson(DeliveryRecord.of(d));
        for (int i = 0; i < UnchangedParts.PER_THREAD + 10; i++) {
            assertSameJson(DeliveryRecord.of(Deliveries.granted("d-" + i, "t", "10.45.1." + (i % 250), i)));
        }
        assertSameJson(DeliveryRecord.of(d));
    }

    /** Instants of every precision, and at the ends of the years the fast path writes (and beyond them). */
    @Test
    void instantsAsTheJavaTimeModuleWritesThem() throws Exception {
        java.util.Random random = new java.util.Random(5);
        List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("-0001-06-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00.5Z"), Instant.parse("2026-03-01T10:00:00.120Z"),
                Instant.parse("2026-03-01T10:00:00.000120Z"), Instant.parse("2026-03-01T10:00:00.000000120Z")));
        for (int i = 0; i < 2_000; i++) {
            long second = random.nextLong(-62_135_596_800L, 253_402_300_800L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nano));
        }
        for (Instant at : instants) {
            assertSameJson(new DeliveryRecord(DeliveryRecord.VERSION, "d-1", null, null, null, at, null, null, null, null,
                    null, new DeliveryRecord.Availability(0, 0, at, false, false), null, null, null, null, null, false,
                    null, null, null));
        }
    }

    private static void assertSameJson(DeliveryRecord r) throws Exception {
        byte[] expected = DeliveryRecord.mapper().writeValueAsBytes(r);
        byte[] written = r.toJson();
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(written, StandardCharsets.UTF_8));
        assertEquals(true, Arrays.equals(expected, written));
    }
}
