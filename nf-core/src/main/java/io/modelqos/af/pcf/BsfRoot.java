package io.modelqos.af.pcf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.southbound.SessionFailure;
import io.modelqos.openapi.n5.model.NFProfile;
import io.modelqos.openapi.n5.model.NFService;
import io.modelqos.openapi.n5.model.NFServiceStatus;
import io.modelqos.openapi.n5.model.NFStatus;
import io.modelqos.openapi.n5.model.SearchResult;
import io.modelqos.openapi.n5.model.ServiceName;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Where the BSF is: configured, or discovered through the NRF (TS 29.510 Nnrf_NFDiscovery, target BSF, requester AF). */
abstract class BsfRoot {

    /** The BSF's apiRoot. */
    abstract Future<URI> apiRoot();

    /** The BSF at {@code root} did not answer: one discovered is looked up again next time. */
    void failed(URI root) {
    }

    abstract String describe();

    static BsfRoot fixed(URI root) {
        return new BsfRoot() {
            @Override
            Future<URI> apiRoot() {
                return Future.succeededFuture(root);
            }

            @Override
            String describe() {
                return "BSF " + root;
            }
        };
    }

    /** The first registered BSF the NRF names with the nbsf-management service, kept for the validity it gives. */
    static final class Discovered extends BsfRoot {
        private static final Logger LOG = LoggerFactory.getLogger(BsfRoot.class);
        static final String SCOPE = "nnrf-disc";
        private static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);

        private final SbiExchange exchange;
        private final URI nrf;
        private final ObjectMapper json;
        private final Clock clock;
        private URI found;
        private Instant validUntil = Instant.MIN;
        private Future<URI> inFlight;

        Discovered(SbiExchange exchange, URI nrfApiRoot, ObjectMapper json, Clock clock) {
            this.exchange = exchange;
            this.nrf = nrfApiRoot;
            this.json = json;
            this.clock = clock;
        }

        @Override
        synchronized Future<URI> apiRoot() {
            if (found != null && clock.instant().isBefore(validUntil)) {
                return Future.succeededFuture(found);
            }
            if (inFlight == null) {
                inFlight = discover().onComplete(ar -> {
                    synchronized (this) {
                        inFlight = null;
                    }
                });
            }
            return inFlight;
        }

        @Override
        synchronized void failed(URI root) {
            if (root.equals(found)) {
                LOG.info("BSF {} did not answer; asking the NRF again next time", root);
                found = null;
            }
        }

        private Future<URI> discover() {
            URI query = URI.create(nrf.toString().replaceAll("/+$", "") + "/nnrf-disc/v1/nf-instances"
                    + "?target-nf-type=BSF&requester-nf-type=AF&service-names=nbsf-management");
            return exchange.call(SbiExchange.SbiCall.of("nrf", "discover-bsf", HttpMethod.GET, query, SCOPE, "NRF"))
                    .compose(answer -> {
                        if (answer.status() != 200 || answer.body() == null) {
                            return Future.failedFuture(new SessionFailure(SessionFailure.Kind.UNAVAILABLE,
                                    "the NRF answered " + answer.status() + " to the BSF discovery", "NRF_HTTP_"
                                    + answer.status(), null, null));
                        }
                        SearchResult result;
                        try {
                            result = json.readValue(answer.body().getBytes(), SearchResult.class);
                        } catch (java.io.IOException e) {
                            return Future.failedFuture(new SessionFailure(SessionFailure.Kind.UNAVAILABLE,
                                    "the NRF's answer is not a SearchResult", "NRF_ANSWER_UNREADABLE", null, e));
                        }
                        URI root = choose(result);
                        if (root == null) {
                            return Future.failedFuture(new SessionFailure(SessionFailure.Kind.UNAVAILABLE,
                                    "the NRF knows no registered BSF serving nbsf-management", "NO_BSF", null, null));
                        }
                        synchronized (this) {
                            found = root;
                            validUntil = clock.instant().plus(result.getValidityPeriod() == null ? DEFAULT_VALIDITY
                                    : Duration.ofSeconds(result.getValidityPeriod()));
                        }
                        LOG.info("the NRF names BSF {}", root);
                        return Future.succeededFuture(root);
                    });
        }

        static URI choose(SearchResult result) {
            if (result.getNfInstances() == null) {
                return null;
            }
            for (NFProfile profile : result.getNfInstances()) {
                if (profile.getNfStatus() != NFStatus.REGISTERED || profile.getNfServices() == null) {
                    continue;
                }
                for (NFService service : profile.getNfServices()) {
                    boolean up = service.getNfServiceStatus() == null
                            || service.getNfServiceStatus() == NFServiceStatus.REGISTERED;
                    if (service.getServiceName() == ServiceName.NBSF_MANAGEMENT && up) {
                        URI root = NfApiRoots.of(profile, service);
                        if (root != null) {
                            return root;
                        }
                    }
                }
            }
            return null;
        }

        @Override
        String describe() {
            URI current;
            synchronized (this) {
                current = found;
            }
            return "BSF " + (current == null ? "(not yet discovered)" : current) + " from NRF " + nrf;
        }
    }
}
