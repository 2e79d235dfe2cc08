package io.modelqos.af.nef;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The redirects the AF follows: 307 and 308 (TS 29.122 declares them, with a required {@code Location}, for
 * every operation but the create), re-sending the same method and body, at most {@link #MAX_HOPS} times in a
 * row. A 307/308 to a create is not followed: POST declares neither, and re-posting elsewhere could make a
 * second subscription.
 */
final class Redirects {

    static final int MAX_HOPS = 3;

    private Redirects() {
    }

    static boolean isRedirect(int status) {
        return status == 307 || status == 308;
    }

    /** Whether a 307/308 to {@code operation} is followed. */
    static boolean follows(NefOperation operation) {
        return operation.redirectable();
    }

    /**
     * The URI a {@code Location} header points to, resolved (RFC 3986 clause 5) against the URI of the request
     * it answered; a relative reference such as {@code /3gpp-as-session-with-qos/v1/af/subscriptions/1} keeps the
     * request's scheme, host and port.
     *
     * @throws IllegalArgumentException when the header is not a URI reference or does not lead to http(s)
     */
    static URI resolve(URI request, String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("no Location");
        }
        URI reference;
        try {
            reference = new URI(location.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Location is not a URI reference: " + location, e);
        }
        URI target = request.resolve(reference);
        String scheme = target.getScheme();
        if (scheme == null || target.getHost() == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("Location does not lead to an http(s) URI: " + location);
        }
        return target;
    }
}
