package io.modelqos.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one place that configures Jackson for the generated T8 models
 * ({@code io.modelqos.openapi.t8.model}, TS 29.122 AsSessionWithQoS).
 *
 * <ul>
 *   <li>Absent stays absent: {@code null} members are not written ({@code NON_NULL}). The models
 *       leave lists/maps {@code null} until something is added and do not pre-set schema defaults
 *       (e.g. {@code avrgWndw}), so only what the code sets goes on the wire. A receiver applies a
 *       standard default itself when a member is {@code null} (avrgWndw: 2000 ms).</li>
 *   <li>Tolerant reader: unknown members are ignored (a newer NEF/AF may send attributes of a later
 *       release), and an unknown value of an extensible 3GPP enumeration (e.g. a new
 *       {@code UserPlaneEvent}) is read as {@code UNKNOWN_DEFAULT_OPEN_API} by the generated enum
 *       itself. Re-sending such a model would send {@code "unknown_default_open_api"}, so never
 *       echo a parsed unknown value.</li>
 *   <li>Dates ({@code DateTime}, e.g. {@code TimeWindow}) are {@code java.time} values written as ISO 8601
 *       strings, not epoch numbers.</li>
 * </ul>
 *
 * <p>JSON merge-patch bodies (PATCH, RFC 7396) need explicit {@code null} members to remove an
 * attribute; the models cannot express that, so build PATCH bodies as JSON trees.
 *
 * <p>The shared instance must not be reconfigured; use {@link #newMapper()} or
 * {@link #configure(ObjectMapper)} for a mapper of your own.
 */
public final class T8Json {

    private static final ObjectMapper MAPPER = newMapper();

    private T8Json() {
    }

    /** The shared, ready-to-use mapper (thread-safe; do not change its configuration). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new mapper with the T8 settings, for callers that add settings of their own. */
    public static ObjectMapper newMapper() {
        return configure(JsonMapper.builder().build());
    }

    /**
     * Applies the T8 settings to an existing mapper (e.g. the one a framework uses) and returns it.
     * Call before the mapper is first used.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // The generated enums map unknown values to UNKNOWN_DEFAULT_OPEN_API in their @JsonCreator;
        // this also covers any enum that marks a default with @JsonEnumDefaultValue.
        mapper.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        return mapper;
    }
}
