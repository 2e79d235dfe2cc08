package io.modelqos.af.sizing;

import java.util.Objects;

/**
 * Rejects a planning input and names the offending field, so that an HTTP layer can answer
 * 400 {@code application/problem+json} with an {@code invalidParams} entry for exactly that field.
 *
 * <pre>{@code
 * catch (InvalidPlanInputException e) { problem.invalidParam(e.field(), e.getMessage()); }
 * }</pre>
 */
public class InvalidPlanInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field  the input field, e.g. {@code "latencyBudget"} or {@code "variants[1].sizeBytes"}
     * @param detail what is wrong, phrased to follow the field name, e.g. {@code "must be positive, was PT0S"}
     */
    public InvalidPlanInputException(String field, String detail) {
        super(Objects.requireNonNull(field, "field") + " " + Objects.requireNonNull(detail, "detail"));
        this.field = field;
    }

    private InvalidPlanInputException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The offending input field, as a dotted path with list indices. */
    public String field() {
        return field;
    }

    /**
     * The same rejection seen from an enclosing structure, e.g. {@code "gbrDl"} becomes
     * {@code "qosReferences[3].gbrDl"}.
     */
    public InvalidPlanInputException within(String enclosingPath) {
        String path = enclosingPath + "." + field;
        return new InvalidPlanInputException(path, enclosingPath + "." + getMessage(), this);
    }
}
