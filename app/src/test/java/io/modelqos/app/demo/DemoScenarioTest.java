package io.modelqos.app.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoScenarioTest {

    @Test
    void selectsByModelBudgetOrBoth() {
        assertEquals(21, DemoScenario.select(null).size());
        assertEquals(21, DemoScenario.select(" ").size());
        assertEquals(List.of("resnet-152@1s", "resnet-50@1s", "resnet-152@100ms", "resnet-50@100ms",
                "resnet-152@33ms", "resnet-50@33ms"), ids("resnet"));
        assertEquals(7, DemoScenario.select("33ms").size());
        assertEquals(7, DemoScenario.select("100 ms").size());
        assertEquals(List.of("mobilenet-224@33ms"), ids("mobilenet@33ms"));
        assertEquals(List.of("vgg16@1s", "mobilenet-224@33ms"), ids("mobilenet@33ms, VGG16@1s"),
                "in the demo's order, whatever the filter's");
        assertEquals(List.of("mobilenet-224@1s"), ids("1.0 MobileNet-224@1s"), "the seed's name works too");
    }

    @Test
    void rejectsATermThatSelectsNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoScenario.select("resnet,yolo"));

        assertTrue(e.getMessage().contains("'yolo'"), e.getMessage());
        assertTrue(e.getMessage().contains("budgets: 1s, 100ms, 33ms"), e.getMessage());
    }

    private static List<String> ids(String filter) {
        return DemoScenario.select(filter).stream().map(DemoScenario::id).toList();
    }
}
