package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A list longer than {@link HttpJson#ARRAY_SLICE} subscriptions is written a slice per event-loop turn: still one
 * whole JSON array, in creation order. (An emulator of its own, with room for that many sessions.)
 */
class LargeListTest {
    private static Vertx vertx;
    private static NefEmulator nef;
    private static T8Client client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions();
        options.getCapacity().setCellGbrDl(Rates.parse("1000 Gbps"));
        nef = NefEmulator.start(vertx, options).await();
        client = new T8Client(nef.apiRoot());
    }

    @AfterAll
    static void stop() {
        nef.close().await();
        vertx.close().await();
    }

    @Test
    void aListOfManySubscriptionsIsWrittenInSlicesAsOneArray() throws Exception {
        List<String> made = new ArrayList<>();
        int count = 2 * HttpJson.ARRAY_SLICE + 201;
        for (int i = 0; i < count; i++) {
            T8Client.Response r = client.create("af-many", T8Client.subscription("http://127.0.0.1:9/never-called",
                    "10.46." + (i / 250) + "." + (i % 250 + 1), "mq-gbr-50M"));
            assertEquals(201, r.status(), r.raw().body());
            made.add(r.body().get("self").asText());
        }

        T8Client.Response all = client.list("af-many");

        assertEquals(200, all.status());
        assertEquals("application/json", all.header("Content-Type").orElseThrow());
        List<String> listed = new ArrayList<>();
        for (JsonNode s : all.body()) {
            listed.add(s.get("self").asText());
        }
        assertEquals(made, listed);
        for (String self : made) {
            client.delete(self);
        }
        assertEquals(0, client.list("af-many").body().size());
    }
}
