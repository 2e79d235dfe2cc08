package io.modelqos.app.demo;

import io.modelqos.client.model.ModelCatalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One delivery of the use case: a model of TR 22.874 table 6.x.1-1, offered as FP32 and INT8, to its own UE
 * within one of the budgets of table 6.x.6-1.
 *
 * @param number     1-based position in the demo's order (budget by budget, models in the seed's order)
 * @param model      the model, from the SDK's catalogue
 * @param budget     the model downloading latency budget
 * @param ueAddress  the UE's IPv4 address, unique per scenario so that no scenario shares a UE with another
 */
public record DemoScenario(int number, ModelCatalog model, Duration budget, String ueAddress) {

    /** The budgets of the seed: download in 1 s (table 6.x.1-1), ~100 ms and ~33 ms (table 6.x.6-1). */
    public static final List<Duration> SEED_BUDGETS = List.of(Duration.ofSeconds(1), Duration.ofMillis(100),
            Duration.ofMillis(33));

    /** The 21 scenarios: every seed model at every seed budget. */
    public static List<DemoScenario> all() {
        List<DemoScenario> scenarios = new ArrayList<>();
        for (int b = 0; b < SEED_BUDGETS.size(); b++) {
            ModelCatalog[] models = ModelCatalog.values();
            for (int m = 0; m < models.length; m++) {
                scenarios.add(new DemoScenario(scenarios.size() + 1, models[m], SEED_BUDGETS.get(b),
                        "10.45." + (b + 1) + "." + (m + 2)));
            }
        }
        return List.copyOf(scenarios);
    }

    /**
     * The scenarios a filter selects: comma-separated terms, each a model (its name such as {@code resnet-50}
     * or a part of it such as {@code resnet}), a budget ({@code 1s}, {@code 100ms}, {@code 33ms}) or both
     * joined by {@code @} ({@code mobilenet@33ms}). A scenario is selected when any term matches it; null or
     * blank selects all.
     *
     * @throws IllegalArgumentException naming a term that selects nothing
     */
    public static List<DemoScenario> select(String filter) {
        List<DemoScenario> all = all();
        if (filter == null || filter.isBlank()) {
            return all;
        }
        Set<DemoScenario> chosen = new LinkedHashSet<>();
        for (String raw : filter.split(",")) {
            String term = raw.trim().toLowerCase(Locale.ROOT);
            if (term.isEmpty()) {
                continue;
            }
            List<DemoScenario> matching = all.stream().filter(s -> s.matches(term)).toList();
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("no scenario matches '" + raw.trim() + "'; models: "
                        + String.join(", ", Arrays.stream(ModelCatalog.values()).map(ModelCatalog::modelName).toList())
                        + "; budgets: 1s, 100ms, 33ms; e.g. resnet-50, 33ms, mobilenet@100ms");
            }
            chosen.addAll(matching);
        }
        return all.stream().filter(chosen::contains).toList();
    }

    private boolean matches(String term) {
        int at = term.indexOf('@');
        if (at >= 0) {
            return matchesModel(term.substring(0, at).trim()) && matchesBudget(term.substring(at + 1).trim());
        }
        return matchesBudget(term) || matchesModel(term);
    }

    private boolean matchesModel(String term) {
        return !term.isEmpty() && (model.modelName().contains(term)
                || displayName().toLowerCase(Locale.ROOT).contains(term));
    }

    private boolean matchesBudget(String term) {
        return term.replace(" ", "").equals(budgetLabel().replace(" ", ""))
                || term.equals(budget.toMillis() + "ms");
    }

    /** The model's name as the seed's table writes it. */
    public String displayName() {
        return displayName(model);
    }

    /** E.g. {@code resnet-50@100ms}. */
    public String id() {
        return model.modelName() + "@" + budgetLabel().replace(" ", "");
    }

    /** E.g. {@code 1 s}, {@code 100 ms}. */
    public String budgetLabel() {
        return Units.duration(budget);
    }

    /** The names of table 6.x.1-1. */
    public static String displayName(ModelCatalog model) {
        return switch (model) {
            case ALEXNET -> "AlexNet";
            case VGG16 -> "VGG16";
            case RESNET_152 -> "ResNet-152";
            case RESNET_50 -> "ResNet-50";
            case GOOGLENET -> "GoogleNet";
            case INCEPTION_V3 -> "Inception-V3";
            case MOBILENET_224 -> "1.0 MobileNet-224";
        };
    }
}
