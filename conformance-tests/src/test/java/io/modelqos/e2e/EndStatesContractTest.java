package io.modelqos.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.events.EventType;
import io.modelqos.client.model.EndCause;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies that the northbound contract, the AF and the SDK name the same end causes, each leading to the same state,
 * and the same event types, the cancelled one among them: a cause or event added to one of them and not the others
 * fails here.
 */
class EndStatesContractTest {

    private static JsonNode schemas() throws Exception {
        try (InputStream in = EndStatesContractTest.class.getClassLoader()
                .getResourceAsStream("openapi/model-delivery.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in).path("components").path("schemas");
        }
    }

    private static Set<String> enumOf(JsonNode schema) {
        Set<String> values = new TreeSet<>();
        schema.path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void theContractTheAfAndTheSdkNameTheSameEndCausesLeadingToTheSameStates() throws Exception {
        Set<String> af = Arrays.stream(FailureCause.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> sdk = Arrays.stream(EndCause.values()).filter(c -> c != EndCause.UNKNOWN).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(af, enumOf(schemas().path("EndCause")));
        assertEquals(af, sdk);
        for (FailureCause cause : FailureCause.values()) {
            assertEquals(cause.state().name(), EndCause.valueOf(cause.name()).state().name(), cause.name());
            assertTrue(schemas().path("EndCause").path("description").asText().contains(cause.name()),
                    "the contract says which state " + cause + " leads to");
        }
    }

    @Test
    void theContractTheAfAndTheSdkNameTheSameEventTypesAndTheSameTerminalOnes() throws Exception {
        Set<String> af = Arrays.stream(EventType.values()).map(EventType::cloudEventType)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sdk = Arrays.stream(io.modelqos.client.model.EventType.values())
                .filter(t -> t != io.modelqos.client.model.EventType.UNKNOWN)
                .map(io.modelqos.client.model.EventType::type).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(af, enumOf(schemas().path("EventType")));
        assertEquals(af, sdk);
        assertTrue(af.contains("io.modelqos.delivery.cancelled"));
        for (EventType type : EventType.values()) {
            assertEquals(type.terminal(), io.modelqos.client.model.EventType.fromType(type.cloudEventType()).isTerminal(),
                    type.cloudEventType());
        }
    }
}
