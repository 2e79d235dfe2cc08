package io.modelqos.conformance.capif;

import io.modelqos.conformance.RecordedTraffic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recorded CAPIF exchanges under {@code target/capif-traffic/}, in the same JSON form as the NEF's and N5's
 * ({@code direction}, {@code method}, {@code uri}, headers, bodies, {@code status}, {@code test}, and
 * {@code injectedFault} where a test made CAPIF answer wrong on purpose). The folder is emptied by the first write of a
 * JVM. The onboarding token and the access tokens are not kept.
 */
final class CapifTraffic {
    static final Path DIR = Path.of("target", "capif-traffic");

    private CapifTraffic() {
    }

    /** One exchange. */
    record Exchange(String direction, String method, String uri, Map<String, List<String>> requestHeaders,
                    String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody,
                    String test, String injectedFault) {

        /** Which CAPIF API: invoker-management, discover or security. */
        String api() {
            if (uri.contains("/api-invoker-management/")) {
                return "invoker-management";
            }
            return uri.contains("/service-apis/") ? "discover" : "security";
        }
    }

    static boolean writtenInThisJvm() {
        return RecordedTraffic.writtenInThisJvm(DIR);
    }

    static void write(Exchange exchange) {
        RecordedTraffic.write(DIR, exchange.direction() + "-" + exchange.api() + "-"
                + exchange.method().toUpperCase(Locale.ROOT) + "-" + exchange.status(), exchange);
    }

    static List<Path> files() throws IOException {
        return RecordedTraffic.files(DIR);
    }

    static Exchange read(Path file) throws IOException {
        return RecordedTraffic.read(file, Exchange.class);
    }
}
