package io.modelqos.client.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Verifies that the de-duplication memory stays bounded, forgetting the oldest ids first. */
class RecentIdsTest {

    @Test
    void remembersAtMostItsCapacityForgettingTheOldest() {
        RecentIds recent = new RecentIds(2);

        assertTrue(recent.claim("a"));
        assertTrue(recent.claim("b"));
        assertFalse(recent.claim("a"));
        assertTrue(recent.claim("c"));

        assertEquals(2, recent.size());
        assertTrue(recent.claim("a"), "the oldest id was not forgotten");
    }

    @Test
    void forgetsAReleasedId() {
        RecentIds recent = new RecentIds(10);
        recent.claim("a");

        recent.release("a");

        assertTrue(recent.claim("a"));
    }
}
