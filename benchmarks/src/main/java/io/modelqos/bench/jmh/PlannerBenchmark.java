package io.modelqos.bench.jmh;

import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;
import io.modelqos.af.engine.EngineSettings;
import io.modelqos.qos.NefFeature;
import io.modelqos.af.qos.PlanOutcome;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.qos.SupportedFeatures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.util.List;

/** {@link QosPlanner#plan}: what every create costs before the NEF is asked (ResNet-50, FP32 and INT8, 100 ms). */
@State(Scope.Benchmark)
public class PlannerBenchmark {
    private final QosPlanner planner = QosPlanner.withDefaults();
    private final List<ModelVariant> resnet50 = List.of(
            new ModelVariant("resnet-50-fp32", Precision.FP32, 100_000_000L, null),
            new ModelVariant("resnet-50-int8", Precision.INT8, 25_000_000L, null));
    /** The AF's default features: explicit GBR/PDB/PER sets (AltQosWithIndParams_5G). */
    private final PlanRequest individualParameters = new PlanRequest(resnet50, Duration.ofMillis(100), 0.99999, true,
            null, Duration.ZERO, EngineSettings.AF_FEATURES);
    /** A NEF with AlternativeQoS_5G only: the plan names operator QoS references from the catalogue. */
    private final PlanRequest qosReferences = new PlanRequest(resnet50, Duration.ofMillis(100), 0.99999, true,
            null, Duration.ZERO, SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G));

    @Benchmark
    public PlanOutcome planIndividualParameters() {
        return planner.plan(individualParameters);
    }

    @Benchmark
    public PlanOutcome planQosReferences() {
        return planner.plan(qosReferences);
    }
}
