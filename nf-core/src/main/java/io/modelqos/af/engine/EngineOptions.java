package io.modelqos.af.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code engine} section of the AF's configuration.
 *
 * @param shards how many event-loop contexts the deliveries are spread over (default: the available processors);
 *               each is the single writer of its deliveries
 */
public record EngineOptions(Integer shards) {
    public static final EngineOptions DEFAULTS = new EngineOptions(null);
    static final int MAX_SHARDS = 64;

    public int shardsOrDefault() {
        return shards == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : shards;
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (shards != null && (shards < 1 || shards > MAX_SHARDS)) {
            problems.add("engine.shards: " + shards + " must be within 1.." + MAX_SHARDS);
        }
        return problems;
    }
}
