package io.modelqos.af.nef;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.json.AfJson;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the AF puts on the wire and reads from it, with {@link AfJson} ({@link T8Json}'s settings): no null members,
 * no empty arrays ({@code minItems: 1} everywhere in TS 29.122), no {@code self} in what the AF sends (the NEF sets it).
 * Merge patches keep their {@code null} members: in RFC 7396 they remove an attribute.
 */
final class T8Bodies {

    private static final TypeReference<List<AsSessionWithQoSSubscription>> SUBSCRIPTIONS = new TypeReference<>() {
    };

    /**
     * Writes subscriptions straight from the model, without what the NEF must not get: {@code self} (the NEF sets it),
     * {@code null} members and empty arrays at any depth ({@code minItems: 1}). Building a JSON tree first and pruning
     * it took 7.7 % of the event loops' samples under load (one POST per delivery).
     */
    private static final ObjectWriter SUBSCRIPTION_WRITER = subscriptionWriter();

    /**
     * Readers made once per type: {@code ObjectMapper.readValue(bytes, Class)} resolves the type again on each call.
     */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return AfJson.mapper().readerFor(type);
        }
    };

    /** A create's answer, read for what the AF takes from it ({@link #created}). */
    private static final ObjectReader CREATED_READER = AfJson.withGeneratedAccessors(T8Json.newMapper())
            .addMixIn(AsSessionWithQoSSubscription.class, CreatedMembers.class)
            .readerFor(AsSessionWithQoSSubscription.class);

    private T8Bodies() {
    }

    private static ObjectWriter subscriptionWriter() {
        ObjectMapper mapper = AfJson.withGeneratedAccessors(T8Json.newMapper());
        mapper.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.CUSTOM,
                JsonInclude.Include.USE_DEFAULTS, NullOrEmptyArray.class, null));
        mapper.addMixIn(AsSessionWithQoSSubscription.class, WithoutSelf.class);
        return mapper.writerFor(AsSessionWithQoSSubscription.class);
    }

    /**
     * Jackson's CUSTOM inclusion: a member whose value this equals is left out. Asked for every member of every
     * subscription written; the common values (strings, numbers, enums, booleans) are told first by class, since an
     * {@code instanceof} of an interface ({@code Collection}) goes through a per-class cache that the two event loops,
     * asking of the same classes, keep overwriting (JDK 17; JFR put this method at 2.5 % of the loops' samples).
     */
    private static final class NullOrEmptyArray {
        @Override
        public boolean equals(Object value) {
            if (value == null) {
                return true;
            }
            if (value instanceof String || value instanceof Number || value instanceof Enum<?> || value instanceof Boolean) {
                return false;
            }
            return value instanceof java.util.Collection<?> c ? c.isEmpty()
                    : value.getClass().isArray() && java.lang.reflect.Array.getLength(value) == 0;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    @JsonIgnoreProperties({"self"})
    private abstract static class WithoutSelf {
    }

    /**
     * What the AF takes from a create's answer: its URI ({@code self}, when there is no Location), the features the
     * NEF took, and which of the QoS options sent it carries ({@link CarriedQos}); {@code notificationDestination} is
     * required by the model. The rest (flows, events, thresholds, monitoring: what the AF itself sent) is skipped
     * rather than bound, which took half the time of reading the answer (one per delivery). Its JSON is still read to
     * the end: an answer that is not JSON is refused as before.
     */
    @JsonIncludeProperties({"notificationDestination", "self", "supportedFeatures", "qosReference", "altQoSReferences",
            "altQosReqs"})
    private abstract static class CreatedMembers {
    }

    /** A subscription for POST or PUT. */
    static Buffer subscription(AsSessionWithQoSSubscription subscription) {
        return write(SUBSCRIPTION_WRITER, subscription);
    }

    /** An RFC 7396 merge patch: a copy without empty arrays; null members stay. */
    static Buffer mergePatch(ObjectNode patch) {
        ObjectNode copy = patch.deepCopy();
        stripEmptyArrays(copy);
        return write(AfJson.mapper().writer(), copy);
    }

    /** The {@code ip-addrs} query value for one UE address: a JSON array of one TS 29.571 IpAddr. */
    static String ipAddrs(String ueAddress) {
        String address = ueAddress.trim();
        if (address.isEmpty()) {
            throw new IllegalArgumentException("UE address is blank");
        }
        String member = address.contains("/") ? "ipv6Prefix" : address.contains(":") ? "ipv6Addr" : "ipv4Addr";
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.addObject().put(member, address);
        return array.toString();
    }

    static <T> T read(Buffer body, Class<T> type) throws IOException {
        return read(body, type, READERS.get(type));
    }

    /** A create's answer: the members of the subscription the AF uses ({@link CreatedMembers}), the others left out. */
    static AsSessionWithQoSSubscription created(Buffer body) throws IOException {
        return read(body, AsSessionWithQoSSubscription.class, CREATED_READER);
    }

    private static <T> T read(Buffer body, Class<T> type, ObjectReader reader) throws IOException {
        if (body == null || body.length() == 0) {
            throw new IOException("empty body, expected " + type.getSimpleName());
        }
        T value = reader.readValue(body.getBytes());
        if (value == null) {
            throw new IOException("JSON null, expected " + type.getSimpleName());
        }
        return value;
    }

    static List<AsSessionWithQoSSubscription> readSubscriptions(Buffer body) throws IOException {
        if (body == null || body.length() == 0) {
            throw new IOException("empty body, expected an array of AsSessionWithQoSSubscription");
        }
        // Read straight into the models, not through a tree first: a list may hold every subscription of the AF.
        try (com.fasterxml.jackson.core.JsonParser parser = AfJson.mapper().createParser(body.getBytes())) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                throw new IOException("expected a JSON array of AsSessionWithQoSSubscription");
            }
            return AfJson.mapper().readValue(parser, SUBSCRIPTIONS);
        }
    }

    private static Buffer write(ObjectWriter writer, Object body) {
        try {
            return Buffer.buffer(writer.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise the request body: " + e.getOriginalMessage(), e);
        }
    }

    private static void stripEmptyArrays(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                JsonNode value = fields.next().getValue();
                if (value.isArray() && value.isEmpty()) {
                    fields.remove();
                } else {
                    stripEmptyArrays(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(T8Bodies::stripEmptyArrays);
        }
    }
}
