package io.modelqos.af.store;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * How the MVStore file keeps its JSON values (delivery records and events) from store layout 2 on: deflated against a
 * fixed dictionary of what every record and event repeats (member names, states, URIs, the shape of instants). A
 * record of about 2 KB takes about 180 bytes, an event of about 370 about 100: an ended delivery, kept for the
 * retention, then weighs about a third of what it did, and a commit writes fewer pages.
 *
 * <p>A packed value is its codec's byte, the JSON's length as an unsigned varint, then the deflate stream: codec 1 is
 * raw deflate with {@link #DICTIONARY_1} (records; events up to layout 6), codec 2 with {@link #DICTIONARY_2} (events
 * from layout 7 on). A value that starts with '{' is plain JSON, as layout 1 wrote it, and is read as it is. Every
 * method may be called from any thread (an inflater per thread; the encoders keep their buffers per thread).
 */
final class PackedJson {
    static final byte CODEC_1 = 1;
    static final byte CODEC_2 = 2;

    /**
     * Codec 1's dictionary. Never change it: every value packed with codec 1 needs exactly these bytes to be read. A
     * better dictionary is a new codec (and a new store layout). Deflate finds the strings nearest the end cheapest, so
     * a delivery record comes last, an event before it, and rarer names first.
     */
    static final byte[] DICTIONARY_1 = ("""
            REQUESTED NEGOTIATING DEGRADED COMPLETED FAILED EXPIRED ALLOCATED COUNTER_OFFER REJECTED ALLOCATION_FAILED \
            NEF_ERROR QOS_REJECTED QOS_DEGRADED QOS_RESTORED RATE_REPORT NO_QOS_FITS UNPROCESSABLE PEER_UNAVAILABLE \
            PEER_TIMEOUT SERVICE_UNAVAILABLE CONFLICT NOT_FOUND NEF_CREATE_INTERRUPTED EXPIRED_BY_NEF VANISHED \
            "failureCause":"","creationProblem":{"kind":"UNPROCESSABLE","detail":"","bestOffer":{"acceptableRate":\
            "600 Mbps","variantId":"","latencyBudgetMs":1500}},"withinBudget":true,"cause":"QOS_NOT_GUARANTEED",\
            "ipv6Addr":"2001:db8::1","gpsi":"msisdn-","accuracy":0.76,"precision":"FP16","kbps","Gbps",\
            {"id":"8c3e1f52-7d4a-4b1e-9a0c-2f6d5e4b3a19","deliveryId":"d-","sequence":1,"type":"QOS_GRANTED",\
            "time":"2026-01-01T00:00:00.000000000Z","data":{"deliveryId":"d-","state":"QOS_GRANTED","variantId":\
            "resnet-50-fp32","gbrDl":"83.03 Mbps","qosReference":"","achieved":{"dlRate":"400 Mbps","bytes":100000000,\
            "durationMs":2000,"availability":1.0,"qosGuaranteedMs":0,"qosNotGuaranteedMs":0}}}\
            {"v":1,"id":"d-","tenant":"","request":{"ue":{"ipv4Addr":"10.64.0.1","ipv6Addr":null,"gpsi":null},\
            "server":{"ipv4Addr":"192.0.2.10","ipv6Addr":null,"port":443},"modelName":"ResNet-50","variants":\
            [{"id":"resnet-50-fp32","precision":"FP32","sizeBytes":100000000,"accuracy":null},{"id":"resnet-50-int8",\
            "precision":"INT8","sizeBytes":25000000,"accuracy":null}],"latencyBudgetMs":10000,"availability":0.99999,\
            "allowVariantFallback":true,"maxLatencyBudgetMs":null,"notificationUri":"https://","notificationToken":null},\
            "callbackId":"","createdAt":"2026-01-01T00:00:00.000000000Z","state":"CANCELLED","requested":{"variantId":\
            "resnet-50-fp32","payloadRate":"80 Mbps","gbrDl":"83.03 Mbps","latencyBudgetMs":10000,"availability":0.99999},\
            "granted":{"variantId":"resnet-50-fp32","gbrDl":"83.03 Mbps","qosReference":null,"altQosParamSetRef":\
            "resnet-50-fp32@83.03Mbps","expectedTransferMs":10000,"latencyBudgetMs":10000,"qosDurationS":11},"options":\
            [{"variantId":"resnet-50-fp32","ref":"resnet-50-fp32@83.03Mbps","byReference":false,"gbrDl":"83.03 Mbps",\
            "gbrDlBps":83029840,"expectedTransferMs":10000,"latencyBudgetMs":10000},{"variantId":"resnet-50-int8","ref":\
            "resnet-50-int8@20.758Mbps","byReference":false,"gbrDl":"20.758 Mbps","gbrDlBps":20757460,\
            "expectedTransferMs":10000,"latencyBudgetMs":10000}],"negotiation":[{"attempt":1,"variantId":\
            "resnet-50-fp32","gbrDl":"83.03 Mbps","outcome":"GRANTED","cause":null}],"availability":{"guaranteedMs":0,\
            "notGuaranteedMs":0,"since":"2026-01-01T00:00:00.000000000Z","guaranteed":true,"running":false},"rate":\
            {"progressBytes":0,"progressElapsedMs":0,"complete":false,"monitoredSamples":0,"monitoredMeanBps":0.0,\
            "lastMonitoredBps":0,"usage":{"downlinkVolume":100000000,"uplinkVolume":52000,"totalVolume":100052000,\
            "durationS":2}},"nefSubscription":"http://127.0.0.1:8443/3gpp-as-session-with-qos/v1/af/subscriptions/\
            b9bad86e-f8a2-40b4-92cd-922f635e9a7b","expiresAt":"2026-01-01T00:00:00.000000000Z","endedAt":\
            "2026-01-01T00:00:00.000000000Z","releasePending":false}""").getBytes(StandardCharsets.US_ASCII);

    /**
     * Codec 2's dictionary, for events only (from layout 7 on; never change it either). An event is packed once, on the
     * event loop, for every relayed report, and zlib's set-up reads the whole dictionary each time: codec 1's 2,986 bytes
     * cost 6.7-7.4 us an event, this one's 1,024 bytes 4.5-4.9 us, and the events come out smaller (95-100 bytes
     * against 115-137 for a grant, a cancel and a rate report), as it holds their whole shapes.
     */
    static final byte[] DICTIONARY_2 = ("""
            "QOS_REJECTED" "QOS_DEGRADED" "QOS_RESTORED" "COMPLETED" "EXPIRED" "FAILED" "DEGRADED" "NO_QOS_FITS" \
            "USAGE_REPORT" "PROGRESS"\
            "bestOffer":{"acceptableRate":"600 Mbps","variantId":"","latencyBudgetMs":1500},"withinBudget":false,\
            "qosReference":"","bytes":100000000,"durationMs":2000,\
            Kbps","Gbps","QOS_NOT_GUARANTEED","cause":"APPLIED_resnet-50-fp32@83.03Mbps"}}\
            {"id":"8c3e1f52-7d4a-4b1e-9a0c-2f6d5e4b3a19","deliveryId":"d-","sequence":1,"type":"CANCELLED","time":\
            "2026-01-01T00:00:00.000000000Z","data":{"deliveryId":"d-","state":"CANCELLED","variantId":"resnet-50-fp32",\
            "gbrDl":"83.03 Mbps","achieved":{"availability":1.0,"qosGuaranteedMs":0,"qosNotGuaranteedMs":0}}}\
            {"id":"8c3e1f52-7d4a-4b1e-9a0c-2f6d5e4b3a19","deliveryId":"d-","sequence":1,"type":"RATE_REPORT","time":\
            "2026-01-01T00:00:00.000000000Z","data":{"deliveryId":"d-","state":"QOS_GRANTED","variantId":\
            "resnet-50-fp32","gbrDl":"83.03 Mbps","achieved":{"dlRate":"83.03 Mbps","availability":1.0,\
            "qosGuaranteedMs":0,"qosNotGuaranteedMs":0},"cause":"QOS_MONITORING"}}""").getBytes(StandardCharsets.US_ASCII);

    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));
    /**
     * The encoders: raw deflate, fixed codes, the dictionary's hash chains made once ({@link FixedCodeDeflater}).
     * zlib's {@code Deflater} (level 3) packed up to 14 % smaller, in three to four times the time: 6.9 against 1.5 us an
     * event, 15.4 against 5.8 us an ended record, and about 9 % of the event loops' CPU under create+delete. zlib's
     * inflater reads either, so the codecs did not change.
     */
    private static final FixedCodeDeflater RECORDS = new FixedCodeDeflater(DICTIONARY_1);
    private static final FixedCodeDeflater EVENTS = new FixedCodeDeflater(DICTIONARY_2);

    /** A delivery record's {@code json}, packed with codec 1. */
    byte[] pack(byte[] json) {
        return pack(json, CODEC_1, RECORDS);
    }

    /** An event's {@code json}, packed with codec 2. */
    byte[] packEvent(byte[] json) {
        return pack(json, CODEC_2, EVENTS);
    }

    private static byte[] pack(byte[] json, byte codec, FixedCodeDeflater deflater) {
        byte[] head = new byte[6];
        head[0] = codec;
        int at = 1;
        int n = json.length;
        while (n >= 0x80) {
            head[at++] = (byte) (n | 0x80);
            n >>>= 7;
        }
        head[at++] = (byte) n;
        return deflater.deflate(head, at, json);
    }

    /** The JSON of a stored value: unpacked, or as it is when it was stored plain. */
    static byte[] unpack(byte[] value) {
        if (value.length == 0 || value[0] == '{') {
            return value;
        }
        byte[] dictionary = value[0] == CODEC_1 ? DICTIONARY_1 : value[0] == CODEC_2 ? DICTIONARY_2 : null;
        if (dictionary == null) {
            throw new UncheckedIOException(new java.io.IOException("stored value with unknown codec " + value[0]));
        }
        int length = 0;
        int at = 1;
        for (int shift = 0; ; shift += 7) {
            if (at == value.length || shift > 28) {
                throw new UncheckedIOException(new java.io.IOException("packed value with a damaged length"));
            }
            byte b = value[at++];
            length |= (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        byte[] json = new byte[length];
        Inflater inflater = INFLATER.get();
        inflater.reset();
        // Raw deflate carries no dictionary id, so the inflater never asks for it: it is set up front.
        inflater.setDictionary(dictionary);
        inflater.setInput(value, at, value.length - at);
        try {
            int done = 0;
            while (done < length) {
                int n = inflater.inflate(json, done, length - done);
                if (n == 0) {
                    break; // finished early, or out of input: the value is damaged
                }
                done += n;
            }
            if (done != length) {
                throw new DataFormatException("packed value ends after " + done + " of " + length + " bytes");
            }
        } catch (DataFormatException e) {
            throw new UncheckedIOException(new java.io.IOException("unreadable packed value", e));
        }
        return json;
    }
}
