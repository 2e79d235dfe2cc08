package io.modelqos.af.problem;

import java.util.Objects;

/**
 * One offending input: {@code param} is a JSON pointer into the request body (or a header or query name).
 */
public record InvalidParam(String param, String reason) {
    public InvalidParam {
        Objects.requireNonNull(param, "param");
    }
}
