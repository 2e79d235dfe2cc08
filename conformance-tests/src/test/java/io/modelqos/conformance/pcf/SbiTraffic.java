package io.modelqos.conformance.pcf;

import io.modelqos.conformance.RecordedTraffic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recorded N5 exchanges, in the same JSON form as the NEF's ({@code direction}, {@code method}, {@code uri},
 * headers, bodies, {@code status}, with {@code injectedFault} and {@code test} where a test made the peer misbehave on
 * purpose): the PCF's under {@code target/pcf-traffic/}, the BSF's and the NRF's under {@code target/nrf-bsf-traffic/}.
 * Each folder is emptied by the first write of a JVM.
 */
final class SbiTraffic {
    static final Path PCF = Path.of("target", "pcf-traffic");
    static final Path NRF_BSF = Path.of("target", "nrf-bsf-traffic");

    private SbiTraffic() {
    }

    /** One exchange. */
    record Exchange(String direction, String method, String uri, Map<String, List<String>> requestHeaders,
                    String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody,
                    String test, String injectedFault) {

        /** Which peer's API the exchange belongs to: pcf, bsf, nrf-disc or nrf-token. */
        String api() {
            if (uri.contains("/pcf-callbacks/") || uri.contains("/npcf-policyauthorization/")) {
                return "pcf";
            }
            if (uri.contains("/nbsf-management/")) {
                return "bsf";
            }
            return uri.contains("/oauth2/token") ? "nrf-token" : "nrf-disc";
        }
    }

    static boolean writtenInThisJvm(Path dir) {
        return RecordedTraffic.writtenInThisJvm(dir);
    }

    static void write(Exchange exchange) {
        RecordedTraffic.write("pcf".equals(exchange.api()) ? PCF : NRF_BSF, exchange.direction() + "-"
                + exchange.method().toUpperCase(Locale.ROOT) + "-" + exchange.status(), exchange);
    }

    static List<Path> files(Path dir) throws IOException {
        return RecordedTraffic.files(dir);
    }

    static Exchange read(Path file) throws IOException {
        return RecordedTraffic.read(file, Exchange.class);
    }
}
