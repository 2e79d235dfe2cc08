package io.modelqos.client.example;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.modelqos.client.Bodies;
import io.modelqos.client.WireMockClients;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryState;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verifies that the README's example runs against an AF that answers as the contract says. */
class UsingTheSdkExampleTest {

    private static final String DELIVERIES = "/model-delivery/v1/deliveries";
    private static final String ID = "d-readme";

    @RegisterExtension
    static final WireMockExtension AF = WireMockClients.wireMock();

    private static String withAchieved(String deliveryJson, String achieved) {
        return deliveryJson.replace("\"achieved\": {}", "\"achieved\": " + achieved);
    }

    @Test
    void createsFollowsEventsReportsProgressAndEndsTheDelivery() throws Exception {
        stubTheAf();

        Delivery ended = UsingTheSdkExample.deliverResnet50(URI.create(AF.baseUrl()), "readme-token");

        assertEquals(DeliveryState.COMPLETED, ended.state());
        AF.verify(1, postRequestedFor(urlEqualTo(DELIVERIES))
                .withHeader("Authorization", equalTo("Bearer readme-token")));
        AF.verify(1, getRequestedFor(urlEqualTo(DELIVERIES + "/" + ID + "/events")));
        AF.verify(1, postRequestedFor(urlEqualTo(DELIVERIES + "/" + ID + "/progress"))
                .withRequestBody(equalToJson("{\"bytes\": 0, \"elapsedMs\": 0}")));
        AF.verify(1, postRequestedFor(urlEqualTo(DELIVERIES + "/" + ID + "/progress"))
                .withRequestBody(equalToJson("{\"bytes\": 50000000, \"elapsedMs\": 450}")));
        AF.verify(1, postRequestedFor(urlEqualTo(DELIVERIES + "/" + ID + "/progress"))
                .withRequestBody(equalToJson("{\"bytes\": 100000000, \"elapsedMs\": 900, \"complete\": true}")));
        AF.verify(1, deleteRequestedFor(urlEqualTo(DELIVERIES + "/" + ID)));
    }

    @Test
    void runsWithoutATokenAgainstAnOpenAf() throws Exception {
        stubTheAf();

        // As the README runs it with MODELQOS_TOKEN unset: System.getenv gives null.
        Delivery ended = UsingTheSdkExample.deliverResnet50(URI.create(AF.baseUrl()), null);

        assertEquals(DeliveryState.COMPLETED, ended.state());
        AF.verify(1, postRequestedFor(urlEqualTo(DELIVERIES)).withoutHeader("Authorization"));
        AF.verify(1, deleteRequestedFor(urlEqualTo(DELIVERIES + "/" + ID)).withoutHeader("Authorization"));
    }

    private static void stubTheAf() {
        AF.stubFor(post(DELIVERIES).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("Location", DELIVERIES + "/" + ID)
                .withBody(Bodies.deliveryJson(ID, "QOS_GRANTED"))));
        AF.stubFor(get(DELIVERIES + "/" + ID + "/events").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(Bodies.sseMessage(ID, 1, "qos-granted", "QOS_GRANTED")
                        + Bodies.sseMessage(ID, 2, "rate-report", "QOS_GRANTED")
                        + Bodies.sseMessage(ID, 3, "completed", "COMPLETED"))));
        AF.stubFor(post(DELIVERIES + "/" + ID + "/progress").willReturn(okJson(withAchieved(
                Bodies.deliveryJson(ID, "COMPLETED"), "{\"dlRate\": \"889 Mbps\", \"withinBudget\": true}"))));
        AF.stubFor(delete(DELIVERIES + "/" + ID).willReturn(okJson(Bodies.deliveryJson(ID, "COMPLETED"))));
    }
}
