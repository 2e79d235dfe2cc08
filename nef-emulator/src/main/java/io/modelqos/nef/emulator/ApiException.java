package io.modelqos.nef.emulator;

import io.modelqos.openapi.t8.model.AcceptableServiceInfo;
import io.modelqos.openapi.t8.model.InvalidParam;
import io.modelqos.openapi.t8.model.MediaComponent;
import io.modelqos.openapi.t8.model.ProblemDetailsAsSessionWithQos;
import io.modelqos.qos.BitRate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer other than success, carrying its status, ProblemDetails and extra headers. The one
 * failure handler ({@link ProblemHandler}) writes it as {@code application/problem+json}. The body
 * is the TS 29.122 ProblemDetailsAsSessionWithQos, whose members are also those of the TS 29.571
 * ProblemDetails and TS 29.514 ExtendedProblemDetails, so one body type serves every face.
 * Causes are TS 29.500 protocol-error causes (400, 429, 5xx) or TS 29.514 application causes (403)
 * as a PCF-backed NEF relays them.
 */
final class ApiException extends RuntimeException {

    /** TS 29.500: a mandatory attribute is missing. */
    static final String MANDATORY_IE_MISSING = "MANDATORY_IE_MISSING";
    /** TS 29.500: a mandatory attribute is invalid. */
    static final String MANDATORY_IE_INCORRECT = "MANDATORY_IE_INCORRECT";
    /** TS 29.500: an optional attribute is invalid. */
    static final String OPTIONAL_IE_INCORRECT = "OPTIONAL_IE_INCORRECT";
    /** TS 29.500: the body cannot be decoded. */
    static final String INVALID_MSG_FORMAT = "INVALID_MSG_FORMAT";
    /** TS 29.500: a query parameter is invalid. */
    static final String INVALID_QUERY_PARAM = "INVALID_QUERY_PARAM";
    /** TS 29.514 (relayed by the NEF): the requested QoS cannot be authorized. */
    static final String REQUESTED_SERVICE_NOT_AUTHORIZED = "REQUESTED_SERVICE_NOT_AUTHORIZED";

    private final int status;
    private final transient ProblemDetailsAsSessionWithQos problem;
    private final Map<String, String> headers;

    private ApiException(int status, ProblemDetailsAsSessionWithQos problem, Map<String, String> headers) {
        super(status + " " + problem.getTitle() + (problem.getDetail() == null ? "" : ": " + problem.getDetail()),
                null, false, false);
        this.status = status;
        this.problem = problem.status(status);
        this.headers = headers;
    }

    static ApiException of(int status, String title, String cause, String detail) {
        return new ApiException(status, new ProblemDetailsAsSessionWithQos().title(title).cause(cause).detail(detail),
                new LinkedHashMap<>());
    }

    /** 400 with the offending attributes as JSON pointers. */
    static ApiException badRequest(String cause, String detail, List<InvalidParam> invalidParams) {
        ApiException e = of(400, "Bad Request", cause, detail);
        if (invalidParams != null && !invalidParams.isEmpty()) {
            e.problem.setInvalidParams(List.copyOf(invalidParams));
        }
        return e;
    }

    static ApiException badRequest(String cause, String param, String reason) {
        return badRequest(cause, reason, List.of(new InvalidParam().param(param).reason(reason)));
    }

    static ApiException notFound(String detail) {
        return of(404, "Not Found", null, detail);
    }

    static ApiException unsupportedMediaType(String detail) {
        return of(415, "Unsupported Media Type", null, detail);
    }

    static ApiException unauthorized(String detail) {
        return of(401, "Unauthorized", null, detail).header("WWW-Authenticate", "Bearer");
    }

    /**
     * 403 for lack of capacity, telling the AF the downlink rate it could have: in
     * {@code acceptableServInfo.marBwDl}, and on N5 also for the media component
     * ({@code accBwMedComps}) when {@code mediaComponent} is given.
     */
    static ApiException notEnoughCapacity(String detail, BitRate grantable, Integer retryAfterSeconds,
                                          Integer mediaComponent) {
        ApiException e = of(403, "Forbidden", REQUESTED_SERVICE_NOT_AUTHORIZED, detail);
        AcceptableServiceInfo acceptable = new AcceptableServiceInfo().marBwDl(grantable.toExactString());
        if (mediaComponent != null) {
            acceptable.putAccBwMedCompsItem(Integer.toString(mediaComponent), new MediaComponent().medCompN(mediaComponent)
                    .marBwDl(grantable.toExactString()).mirBwDl(grantable.toExactString()));
        }
        e.problem.setAcceptableServInfo(acceptable);
        if (retryAfterSeconds != null) {
            e.header("Retry-After", Integer.toString(retryAfterSeconds));
        }
        return e;
    }

    ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    ProblemDetailsAsSessionWithQos problem() {
        return problem;
    }

    Map<String, String> headers() {
        return headers;
    }
}
