package io.modelqos.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {

    @Test
    void printsOneRowPerSeedModelPrecisionAndBudget() {
        CommandRun run = CommandRun.of("demo");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1 + 7 * 3 * 2, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("Model"), lines.get(0));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("ResNet-50") && line.contains("INT8")
                && line.contains("100 ms") && line.contains("2.076 Gbps") && line.contains("mq-gbr-5G-ll")), run.out());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("VGG16") && line.contains("FP32")
                && line.contains("33 ms") && line.contains("nothing fits: 40 Gbps needs 115 ms")), run.out());
    }
}
