package io.modelqos.client.example;

// tag::using-the-sdk[]
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.Subscription;
import io.modelqos.client.UnprocessableException;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

public class UsingTheSdkExample {

    public static void main(String[] args) throws Exception {
        // e.g. java UsingTheSdkExample http://localhost:8080, with the API key in MODELQOS_TOKEN (unset: no token)
        deliverResnet50(URI.create(args[0]), System.getenv("MODELQOS_TOKEN"));
    }

    /** Delivers ResNet-50 to a UE: asks for QoS, follows the events, reports progress, ends the delivery. */
    public static Delivery deliverResnet50(URI afRoot, String token) throws Exception {
        ModelQosClient client = ModelQosClient.builder()
                .baseUri(afRoot)                          // the client appends /model-delivery/v1
                .bearerToken(token)
                .timeout(Duration.ofSeconds(5))
                .build();

        DeliveryRequest request = DeliveryRequest.builder()
                .ue(UeId.ipv4("10.45.0.2"))
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.RESNET_50)            // 100 MB as FP32, 25 MB as INT8
                .latencyBudget(Duration.ofSeconds(1))
                .availability(0.99999)
                .allowVariantFallback(true)               // INT8 when FP32 does not fit
                .maxLatencyBudget(Duration.ofSeconds(2))
                .build();

        Delivery delivery;
        try {
            delivery = client.deliveries().create(request);
        } catch (UnprocessableException e) {
            System.out.println("nothing fits; the network would accept " + e.bestOffer().orElse(null));
            throw e;
        }
        String id = delivery.deliveryId();
        String variantId = delivery.granted() != null ? delivery.granted().variantId() : delivery.requested().variantId();
        System.out.println(id + " is " + delivery.state() + ", sending " + variantId);

        try (Subscription events = client.deliveries().events(id, event ->
                System.out.println("#" + event.sequence() + " " + event.type() + ": " + event.data().state()))) {
            long size = ModelCatalog.RESNET_50.spec().variant(variantId).orElseThrow().sizeBytes();
            // Due within the start window (granted().startWindowMs()), or the AF releases the session early
            client.deliveries().reportStart(id);
            // ... send the first half of the model to the UE, then report what was measured
            client.deliveries().reportProgress(id, size / 2, Duration.ofMillis(450));
            // ... send the rest; the last report completes the delivery
            Delivery sent = client.deliveries().reportProgress(id, size, Duration.ofMillis(900), true);
            System.out.println("achieved " + sent.achieved().dlRate() + ", within budget: " + sent.achieved().withinBudget());
            events.completion().get(10, TimeUnit.SECONDS);   // ends after the final event
        } finally {
            // Releases the network resources at once; a delivery that already ended is returned unchanged.
            delivery = client.deliveries().cancel(id);
        }
        return delivery;
    }
}
// end::using-the-sdk[]
