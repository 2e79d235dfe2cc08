package io.modelqos.af.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.modelqos.openapi.T8Json;

/**
 * The AF's Jackson mappers. Each has Jackson's Blackbird module, which reads and sets a bean's members through
 * generated lambdas instead of {@code Method.invoke}: in the running AF the reflective call sites serve hundreds of
 * accessors, and JFR put the reflection at half of the store's record encoding (11 % of the event loops' samples
 * under create+delete, 4 % with the module; docs/performance.md).
 *
 * <p>{@link #mapper()} has {@link T8Json}'s settings and is the one the AF uses for T8, N5 and northbound bodies.
 * {@link T8Json#mapper()} itself stays as it is: the NEF emulator, the yardstick of the AF's benchmark, uses it.
 */
public final class AfJson {
    private static final ObjectMapper MAPPER = withGeneratedAccessors(T8Json.newMapper());

    private AfJson() {
    }

    /** The AF's shared mapper (thread-safe; do not change its configuration). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code mapper} with generated accessors; call before its first use. */
    public static <M extends ObjectMapper> M withGeneratedAccessors(M mapper) {
        mapper.registerModule(new BlackbirdModule());
        return mapper;
    }
}
