package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelqos.client.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A model by name and the variants (1 to 16) it can be delivered as; the AF prefers the largest,
 * or the most accurate when accuracies are given. {@link ModelCatalog} holds ready-made specs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelSpec(String name, List<ModelVariant> variants) {

    /** The most variants the contract accepts for one model. */
    public static final int MAX_VARIANTS = 16;

    public ModelSpec {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** A validated model spec. */
    public static ModelSpec of(String name, ModelVariant... variants) {
        ModelSpec spec = new ModelSpec(name, List.of(variants));
        spec.validate("model");
        return spec;
    }

    /** The variant with the given id, if this model has one. */
    public Optional<ModelVariant> variant(String id) {
        return variants.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    void validate(String path) {
        Checks.check(name != null && !name.isBlank() && name.length() <= 128,
                "%s.name must be 1 to 128 characters and not blank, was \"%s\"", path, name);
        Checks.check(!variants.isEmpty() && variants.size() <= MAX_VARIANTS,
                "%s.variants must hold 1 to %d variants, has %d", path, MAX_VARIANTS, variants.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            ModelVariant variant = variants.get(i);
            variant.validate(path + ".variants[" + i + "]");
            Checks.check(ids.add(variant.id()), "%s.variants[%d].id \"%s\" is used twice", path, i, variant.id());
        }
    }
}
