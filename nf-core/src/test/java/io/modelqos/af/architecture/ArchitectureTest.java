package io.modelqos.af.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of nf-core, checked on its compiled classes and sources: no package cycle, an engine free of wire formats,
 * and no class over 400 lines.
 */
class ArchitectureTest {
    private static JavaClasses af;

    @BeforeAll
    static void importClasses() {
        af = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.modelqos.af");
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.modelqos.af.(*)..").should().beFreeOfCycles().check(af);
    }

    @Test
    void theEngineAndTheDomainSpeakNoWireFormat() {
        noClasses().that().resideInAnyPackage("io.modelqos.af.engine..", "io.modelqos.af.delivery..",
                        "io.modelqos.af.southbound..", "io.modelqos.af.qos..", "io.modelqos.af.sizing..",
                        "io.modelqos.af.catalog..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.core.http..", "io.vertx.ext.web..",
                        "io.modelqos.openapi.t8..")
                .because("the engine reaches the network through the QosSessions port, and callers through the "
                        + "northbound layer; T8 and HTTP stay in the adapters")
                .check(af);
    }

    @Test
    void theEngineReachesTheNetworkOnlyThroughItsPort() {
        noClasses().that().resideInAnyPackage("io.modelqos.af.engine..", "io.modelqos.af.delivery..",
                        "io.modelqos.af.southbound..")
                .should().dependOnClassesThat().resideInAnyPackage("io.modelqos.af.nef..", "io.modelqos.af.callback..",
                        "io.modelqos.af.northbound..")
                .check(af);
    }

    /** No class in nf-core is over 400 lines: one class, one job, readable from top to bottom. */
    @Test
    void noSourceFileIsOver400Lines() throws java.io.IOException {
        java.nio.file.Path sources = java.nio.file.Path.of("src/main/java");
        java.util.List<String> tooLong;
        try (var files = java.nio.file.Files.walk(sources)) {
            tooLong = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try (var lines = java.nio.file.Files.lines(p)) {
                    return lines.count() > 400;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(p -> sources.relativize(p).toString()).sorted().toList();
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), tooLong, "classes over 400 lines");
    }
}
