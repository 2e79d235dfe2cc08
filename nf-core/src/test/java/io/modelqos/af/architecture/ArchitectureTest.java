package io.modelqos.af.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The shape of nf-core, checked on its compiled classes: no package cycle, and an engine free of wire formats. */
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
}
