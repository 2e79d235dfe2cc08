package io.modelqos.af.delivery;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The shared copies of the strings deliveries repeat. */
class SharedTest {

    @Test
    void equalStringsComeBackAsOneInstance() {
        String first = Shared.text(new String("resnet-50-fp32"));
        String second = Shared.text(new String("resnet-50-fp32"));
        assertSame(first, second);
        assertEquals("resnet-50-fp32", second);
        assertNull(Shared.text(null));
    }

    /** Strings met once each (UE addresses) take slots in turn; what deliveries repeat still comes back shared. */
    @Test
    void aStringSeenOnceNeverComesBackAsAnotherValue() {
        String model = Shared.text(new String("ResNet-50"));
        for (int i = 0; i < 100_000; i++) {
            String address = "10.64." + (i >> 8) + "." + (i & 255);
            assertEquals(address, Shared.text(new String(address)));
            Shared.text(new String("ResNet-50"));
        }
        assertEquals("ResNet-50", Shared.text(new String("ResNet-50")));
        String again = Shared.text(new String("ResNet-50"));
        assertSame(again, Shared.text(new String("ResNet-50")));
        assertEquals(model, again);
    }
}
