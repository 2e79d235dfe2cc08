package io.modelqos.qos;

import java.util.Objects;

/**
 * Rejects one field of a {@link QosReference} and names it, so that a caller reading references from configuration
 * can point at exactly that field (e.g. {@code qosReferences[3].fiveQi}).
 *
 * <pre>{@code
 * catch (InvalidQosReferenceException e) { report(e.field(), e.detail()); }
 * }</pre>
 */
public class InvalidQosReferenceException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String detail;

    /**
     * @param field  the record component, e.g. {@code "mbrDl"}
     * @param detail what is wrong, phrased to follow the field name, e.g. {@code "must be at least gbrDl (1 Gbps)"}
     */
    public InvalidQosReferenceException(String field, String detail) {
        super(Objects.requireNonNull(field, "field") + " " + Objects.requireNonNull(detail, "detail"));
        this.field = field;
        this.detail = detail;
    }

    /** The offending field. */
    public String field() {
        return field;
    }

    /** What is wrong with it; the message is {@code field + " " + detail}. */
    public String detail() {
        return detail;
    }
}
