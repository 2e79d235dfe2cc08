package io.modelqos.af.nef;

/**
 * What of a notification destination may be logged. The AF's {@code notificationDestination} is an unguessable
 * callback URI — whoever knows it can post events for the delivery — so logs and exception messages carry only
 * its scheme, host, path up to the last segment and the last four characters:
 * {@code https://af.example/nef-callbacks/v1/…7f3a}.
 */
final class LogSafe {

    private LogSafe() {
    }

    static String destination(String uri) {
        if (uri == null) {
            return "null";
        }
        String withoutQuery = uri.split("[?#]", 2)[0];
        int slash = withoutQuery.lastIndexOf('/');
        String last = withoutQuery.substring(slash + 1);
        String tail = last.length() > 8 ? last.substring(last.length() - 4) : "";
        return withoutQuery.substring(0, slash + 1) + "…" + tail;
    }
}
