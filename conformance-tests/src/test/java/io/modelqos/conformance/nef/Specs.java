package io.modelqos.conformance.nef;

import io.modelqos.openapi.validation.SpecValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAPI files the traffic is checked against, parsed once per JVM: always the project's own files, and
 * the official 3GPP Rel-18 files when {@code -Dthreegpp.spec.dir} names their folder.
 */
final class Specs {

    private Specs() {
    }

    private static final class Project {
        static final SpecValidator VALIDATOR = SpecValidator.project();
    }

    private static final class Official {
        static final Optional<SpecValidator> VALIDATOR = SpecValidator.officialFromSystemProperty();
    }

    static SpecValidator project() {
        return Project.VALIDATOR;
    }

    static Optional<SpecValidator> official() {
        return Official.VALIDATOR;
    }

    /** The project's validator, then the official one when configured. */
    static List<SpecValidator> all() {
        List<SpecValidator> all = new ArrayList<>();
        all.add(project());
        official().ifPresent(all::add);
        return all;
    }
}
