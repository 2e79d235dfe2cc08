package io.modelqos.af.qos;

import io.modelqos.qos.PacketErrorRate;
import io.modelqos.qos.QosReference;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.catalog.ModelCatalog;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;
import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.TransferSizer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QosPlannerTest {

    private static final SupportedFeatures ALTERNATIVES = SupportedFeatures.parse("30");
    private static final SupportedFeatures INDIVIDUAL_PARAMETERS = SupportedFeatures.parse("830");
    private static final ModelCatalog MODELS = ModelCatalog.builtIn();

    private final QosPlanner planner = QosPlanner.withDefaults();

    @Test
    void plansTheSmallestCoveringReferenceWhosePdbFitsTheBudget() {
        QosPlan plan = plan(PlanRequest.of(List.of(variant("resnet-50-int8")), Duration.ofMillis(100))
                .withNefFeatures(ALTERNATIVES));

        assertEquals(QosMode.QOS_REFERENCE, plan.mode());
        assertEquals(BitRate.parse("2 Gbps"), plan.primary().sizing().payloadRate());
        assertEquals("2.076 Gbps", plan.primary().sizing().requestedGbrDl().toString());
        // 5G is the smallest GBR covering 2.076 Gbps; PDB <= 10 ms leaves only the low-latency family
        assertEquals("mq-gbr-5G-ll", plan.primary().ref());
        assertEquals(BitRate.parse("5 Gbps"), plan.primary().gbrDl());
        assertEquals(3, plan.primary().pdbMs());
        assertEquals(PacketErrorRate.parse("1E-6"), plan.primary().per());
        assertEquals(100, plan.averagingWindowMs());
        assertEquals(10, plan.maxPdbMs());
        assertEquals(PacketErrorRate.parse("1E-6"), plan.maxPer());
        assertEquals(new UsageThreshold(29_036_248L, 28_541_508L, 494_740L), plan.usageThreshold());
        assertEquals(2, plan.qosDurationSeconds());
        assertEquals(List.of(), plan.alternatives());
        assertEquals(Set.of(), plan.adjustments());
    }

    @Test
    void theStartWindowLengthensTheQosDurationAndNothingElse() {
        PlanRequest request = resnet50(Duration.ofSeconds(1)).withNefFeatures(ALTERNATIVES);
        QosPlan without = plan(request);
        QosPlan with = plan(request.withStartWindow(Duration.ofMillis(1500)));

        assertEquals(Duration.ZERO, without.startWindow());
        assertEquals(2, without.qosDurationSeconds());
        assertEquals(Duration.ofMillis(1500), with.startWindow());
        assertEquals(4, with.qosDurationSeconds(), "1.5 s + 1 s budget + 1 s margin, rounded up");
        assertEquals(without.primary(), with.primary(), "the rates are sized for the budget alone");
        assertEquals(without.averagingWindowMs(), with.averagingWindowMs());
        assertEquals(Duration.ofMillis(1500), planner.replan(with, BitRate.parse("500 Mbps")) instanceof QosPlan p
                ? p.startWindow() : null, "a re-plan keeps the start window");
    }

    @Test
    void theRateReportPeriodIsATenthOfThePrimarysTransferAndTheStartWindowDoesNotCount() {
        PlanRequest request = resnet50(Duration.ofMinutes(1)).withNefFeatures(INDIVIDUAL_PARAMETERS);
        QosPlan plan = plan(request);
        QosPlan withStartWindow = plan(request.withStartWindow(Duration.ofMinutes(10)));

        assertEquals(Duration.ofSeconds(6), plan.rateReportPeriod(), "about 60 s at the GBR: a report every 6 s");
        assertEquals(PlanningPolicy.DEFAULT.rateReportPeriod(plan.primary().transferTime()), plan.rateReportPeriod());
        assertEquals(plan.rateReportPeriod(), withStartWindow.rateReportPeriod(),
                "no rate to report before the first byte: the start window is not transfer time");
        assertEquals(Duration.ofSeconds(1), plan(resnet50(Duration.ofMillis(100)).withNefFeatures(ALTERNATIVES))
                .rateReportPeriod(), "never under a second");
    }

    @Test
    void offersSmallerVariantsAsAlternativesAndMapsTheirRefsBack() {
        QosPlan plan = plan(resnet50(Duration.ofSeconds(1)).withNefFeatures(ALTERNATIVES));

        assertEquals("mq-gbr-1G", plan.primary().ref());       // FP32: 830.299 Mbps requested, PDB 20 <= 100
        assertEquals(List.of("mq-gbr-500M"), plan.alternativeRefs()); // INT8: 207.575 Mbps
        assertEquals(Optional.of(variant("resnet-50-fp32")), plan.variantFor("mq-gbr-1G"));
        assertEquals(Optional.of(variant("resnet-50-int8")), plan.variantFor("mq-gbr-500M"));
        assertTrue(plan.variantFor("mq-gbr-2G").isEmpty());
        assertTrue(plan.variantFor(null).isEmpty());
        assertEquals(1000, plan.averagingWindowMs());
    }

    @Test
    void offersNoAlternativesWithoutAlternativeQosSupportOrWithoutFallback() {
        PlanRequest request = resnet50(Duration.ofSeconds(1));

        assertEquals(List.of(), plan(request.withNefFeatures(SupportedFeatures.NONE)).alternatives());
        assertEquals(List.of(), plan(request.withNefFeatures(ALTERNATIVES).withVariantFallback(false)).alternatives());
        assertEquals("mq-gbr-1G", plan(request).primary().ref());
    }

    @Test
    void usesIndividualParametersWhenTheNefSupportsThem() {
        QosPlan plan = plan(resnet50(Duration.ofSeconds(1)).withNefFeatures(INDIVIDUAL_PARAMETERS));

        assertEquals(QosMode.INDIVIDUAL_PARAMETERS, plan.mode());
        assertEquals("resnet-50-fp32@830.299Mbps", plan.primary().ref());
        assertEquals(plan.primary().sizing().requestedGbrDl(), plan.primary().gbrDl());
        assertEquals(100, plan.primary().pdbMs());
        assertEquals(PacketErrorRate.parse("1E-6"), plan.primary().per());
        assertNull(plan.primary().reference());
        assertEquals(List.of("resnet-50-int8@207.575Mbps"), plan.alternativeRefs());
        assertEquals(Optional.of(variant("resnet-50-int8")), plan.variantFor("resnet-50-int8@207.575Mbps"));
    }

    @Test
    void individualParametersWithoutAlternativeQosGiveOnlyAPrimary() {
        QosPlan plan = plan(resnet50(Duration.ofSeconds(1)).withNefFeatures(SupportedFeatures.parse("800")));

        assertEquals(QosMode.INDIVIDUAL_PARAMETERS, plan.mode());
        assertEquals(List.of(), plan.alternatives());
    }

    @Test
    void fallsBackToASmallerVariantWhenNoReferenceCoversTheBest() {
        QosPlan plan = plan(PlanRequest.of(MODELS.find("vgg16").orElseThrow().variants(), Duration.ofMillis(33))
                .withNefFeatures(ALTERNATIVES));

        assertEquals(variant("vgg16-int8"), plan.primary().variant()); // FP32 would need 138.9 Gbps
        assertEquals("mq-gbr-40G-ll", plan.primary().ref());           // INT8 needs 34.722 Gbps
        assertEquals(Set.of(PlanAdjustment.SMALLER_VARIANT), plan.adjustments());
    }

    @Test
    void reportsTheBestOfferWhenNothingCoversTheOnlyVariant() {
        PlanOutcome outcome = planner.plan(PlanRequest.of(List.of(variant("vgg16-fp32")), Duration.ofMillis(33)));

        NothingFits nothing = assertInstanceOf(NothingFits.class, outcome);
        assertEquals(BitRate.parse("40 Gbps"), nothing.bestOfferDl());
        assertEquals(variant("vgg16-fp32"), nothing.smallestVariant());
        assertEquals(Duration.ofMillis(115), nothing.budgetNeededAtOffer()); // 4.583 Gbit / 40 Gbit/s, up
    }

    /** Verifies that a budget too short for any reference's PDB yields the first budget whose PDB cap fits. */
    @Test
    void reportsTheBudgetAtWhichAReferencePdbFits() {
        NothingFits nothing = assertInstanceOf(NothingFits.class,
                planner.plan(PlanRequest.of(List.of(variant("resnet-50-int8")), Duration.ofMillis(25))));

        assertTrue(nothing.reason().contains("PDB <= 2 ms"), nothing.reason());
        assertEquals(BitRate.parse("5 Gbps"), nothing.bestOfferDl());        // 42 ms allow PDB 4 ms: 5G-ll
        assertEquals(Duration.ofMillis(42), nothing.budgetNeededAtOffer());
    }

    @Test
    void aStricterAvailabilityTightensThePer() {
        PlanRequest strict = PlanRequest.of(List.of(variant("resnet-50-int8")), Duration.ofMillis(100))
                .withAvailability(0.9999999);

        NothingFits nothing = assertInstanceOf(NothingFits.class, planner.plan(strict));
        assertNull(nothing.bestOfferDl()); // every reference has PER 1E-6 > 1E-8
        assertEquals(PacketErrorRate.parse("1E-8"),
                plan(strict.withNefFeatures(INDIVIDUAL_PARAMETERS)).primary().per());
    }

    @Test
    void neverChoosesDelayCriticalNonGbrOrUnassignedFiveQis() {
        QosCatalog catalog = QosCatalog.of(List.of(
                reference("dc-84", 84, "2.5 Gbps"),
                reference("dc-90", 90, "3 Gbps"),
                reference("non-gbr-9", 9, "4 Gbps"),
                reference("unassigned-20", 20, "5 Gbps"),
                reference("gbr-4", 4, "10 Gbps"),
                reference("operator-130", 130, "20 Gbps")));
        QosPlanner restricted = new QosPlanner(catalog, TransferSizer.DEFAULT, PlanningPolicy.DEFAULT);

        QosPlan plan = assertInstanceOf(QosPlan.class,
                restricted.plan(PlanRequest.of(List.of(variant("resnet-50-int8")), Duration.ofMillis(100))));

        assertEquals("gbr-4", plan.primary().ref());
    }

    @Test
    void aCatalogueOfDelayCriticalReferencesOffersNothing() {
        QosCatalog catalog = QosCatalog.of(List.of(reference("dc-82", 82, "10 Gbps"), reference("dc-85", 85, "40 Gbps")));
        QosPlanner restricted = new QosPlanner(catalog, TransferSizer.DEFAULT, PlanningPolicy.DEFAULT);

        NothingFits nothing = assertInstanceOf(NothingFits.class,
                restricted.plan(PlanRequest.of(List.of(variant("mobilenet-224-int8")), Duration.ofSeconds(1))));
        assertNull(nothing.bestOfferDl());
    }

    @Test
    void ranksByAccuracyWhenEveryVariantHasOne() {
        ModelVariant accurateInt8 = new ModelVariant("m-int8", Precision.INT8, 25_000_000L, 0.76);
        ModelVariant lessAccurateFp32 = new ModelVariant("m-fp32", Precision.FP32, 100_000_000L, 0.75);
        PlanRequest request = PlanRequest.of(List.of(lessAccurateFp32, accurateInt8), Duration.ofSeconds(1))
                .withNefFeatures(ALTERNATIVES);

        QosPlan plan = plan(request);

        assertEquals(accurateInt8, plan.primary().variant());
        assertEquals(List.of(), plan.alternatives()); // the FP32 variant needs more rate, so it is no fallback
    }

    @Test
    void ranksBySizeWhenSomeAccuracyIsMissing() {
        ModelVariant accurateInt8 = new ModelVariant("m-int8", Precision.INT8, 25_000_000L, 0.76);
        ModelVariant fp32 = ModelVariant.of("m-fp32", Precision.FP32, 100_000_000L);

        assertEquals(fp32, plan(PlanRequest.of(List.of(accurateInt8, fp32), Duration.ofSeconds(1))).primary().variant());
    }

    @Test
    void sizesWithinTheTimeLeftAfterTheSetupAllowance() {
        QosPlan plan = plan(PlanRequest.of(List.of(variant("resnet-50-int8")), Duration.ofMillis(100))
                .withSetupAllowance(Duration.ofMillis(20)));

        assertEquals(BitRate.parse("2.5 Gbps"), plan.primary().sizing().payloadRate());
        assertEquals(80, plan.averagingWindowMs());
        assertEquals(2, plan.qosDurationSeconds());
    }

    @Test
    void dropsAnAlternativeThatWouldNotLowerTheRate() {
        List<ModelVariant> variants = List.of(variant("alexnet-fp32"), variant("alexnet-int8"), variant("resnet-152-int8"));

        QosPlan plan = plan(PlanRequest.of(variants, Duration.ofSeconds(1)).withNefFeatures(ALTERNATIVES));

        assertEquals("mq-gbr-2G", plan.primary().ref());
        assertEquals(List.of("mq-gbr-500M"), plan.alternativeRefs());
        assertEquals(Optional.of(variant("alexnet-int8")), plan.variantFor("mq-gbr-500M"));
    }

    private QosPlan plan(PlanRequest request) {
        return assertInstanceOf(QosPlan.class, planner.plan(request));
    }

    private static PlanRequest resnet50(Duration budget) {
        return PlanRequest.of(MODELS.find("resnet-50").orElseThrow().variants(), budget);
    }

    static ModelVariant variant(String id) {
        return MODELS.findVariant(id).orElseThrow();
    }

    private static QosReference reference(String name, int fiveQi, String gbrDl) {
        BitRate gbr = BitRate.parse(gbrDl);
        return new QosReference(name, fiveQi, gbr, BitRate.ZERO, gbr, BitRate.ZERO, 3,
                PacketErrorRate.parse("1E-6"), 2000);
    }
}
