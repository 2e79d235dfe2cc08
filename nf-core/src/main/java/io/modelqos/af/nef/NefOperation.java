package io.modelqos.af.nef;

import io.vertx.core.http.HttpMethod;

/**
 * The operations of the AsSessionWithQoS API (TS 29.122 clause 5.14.3) as the AF calls them, with the
 * name used in logs and metrics and whether the specification lets the NEF redirect them.
 */
public enum NefOperation {
    /** POST on the collection (CreateASSessionWithQoSSubscription); declares no 307/308. */
    CREATE("create", HttpMethod.POST, false),
    /** GET on an individual subscription (FetchIndASSessionWithQoSSubscription). */
    READ("read", HttpMethod.GET, true),
    /** GET on the collection (FetchAllASSessionWithQoSSubscriptions). */
    LIST("list", HttpMethod.GET, true),
    /** PUT on an individual subscription (UpdateIndASSessionWithQoSSubscription). */
    REPLACE("replace", HttpMethod.PUT, true),
    /** PATCH on an individual subscription (ModifyIndASSessionWithQoSSubscription). */
    MODIFY("modify", HttpMethod.PATCH, true),
    /** DELETE on an individual subscription (DeleteIndASSessionWithQoSSubscription). */
    DELETE("delete", HttpMethod.DELETE, true);

    private final String label;
    private final HttpMethod method;
    private final boolean redirectable;

    NefOperation(String label, HttpMethod method, boolean redirectable) {
        this.label = label;
        this.method = method;
        this.redirectable = redirectable;
    }

    /** Lower-case name for logs and the {@code operation} tag of the NEF call metrics. */
    public String label() {
        return label;
    }

    public HttpMethod method() {
        return method;
    }

    /** Whether the specification declares 307/308 for this operation, so that the AF follows them. */
    public boolean redirectable() {
        return redirectable;
    }
}
