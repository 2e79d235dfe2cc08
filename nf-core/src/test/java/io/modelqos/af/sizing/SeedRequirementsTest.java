package io.modelqos.af.sizing;

import io.modelqos.qos.BitRate;
import io.modelqos.af.catalog.AiModel;
import io.modelqos.af.catalog.ModelCatalog;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static io.modelqos.qos.BitRate.Unit.GBPS;
import static io.modelqos.qos.BitRate.Unit.MBPS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reproduces the numbers of TR 22.874 tables 6.x.1-1 and 6.x.6-1 from the parameter counts. */
class SeedRequirementsTest {

    private static final ModelCatalog MODELS = ModelCatalog.builtIn();
    private static final BigDecimal MEGABYTE = BigDecimal.valueOf(1_000_000);

    @ParameterizedTest(name = "{0}: {1} M parameters")
    @CsvSource({
            // model,            params (M), FP32 MB, FP32 Mbps, INT8 MB, INT8 Mbps
            "alexnet,            60,         240,     1920,      60,      480",
            "vgg16,              138,        552,     4416,      138,     1104",
            "resnet-152,         60,         240,     1920,      60,      480",
            "resnet-50,          25,         100,     800,       25,      200",
            "googlenet,          6.8,        27.2,    217.6,     6.8,     54.4",
            "inception-v3,       23,         92,      736,       23,      184",
            "mobilenet-224,  4.2,        16.8,    134.4,     4.2,     33.6"})
    void table6x1x1SizesAndRatesForADownloadInOneSecond(String modelId, BigDecimal millionParameters,
                                                        BigDecimal fp32Megabytes, BigDecimal fp32Mbps,
                                                        BigDecimal int8Megabytes, BigDecimal int8Mbps) {
        AiModel model = MODELS.find(modelId).orElseThrow();
        assertEquals(0, millionParameters.scaleByPowerOfTen(6).compareTo(BigDecimal.valueOf(model.parameterCount())));

        assertSizeAndRate(model.variant(Precision.FP32).orElseThrow(), fp32Megabytes, fp32Mbps);
        assertSizeAndRate(model.variant(Precision.INT8).orElseThrow(), int8Megabytes, int8Mbps);
    }

    /** The text above the table: 134.4 Mbps to 1.92 Gbps (32 bit), 33.6 Mbps to 1.1 Gbps (8 bit). */
    @Test
    void oneSecondRangesQuotedInTheText() {
        assertEquals(List.of("134.4 Mbps", "4.416 Gbps"), range(Precision.FP32, Duration.ofSeconds(1)));
        assertEquals(List.of("33.6 Mbps", "1.104 Gbps"), range(Precision.INT8, Duration.ofSeconds(1)));
    }

    /**
     * Table 6.x.6-1 (8-bit parameters): 336 Mbps to 11.04 Gbps in 100 ms ("[336Mbps~11Gbps]"), and
     * 1.02 to 33.5 Gbps in 33 ms - the table rounds to three significant digits (1.018 -> 1.02,
     * 33.45 -> 33.5).
     */
    @Test
    void table6x6x1RangesForEightBitModels() {
        BitRate[] at100ms = extremes(Precision.INT8, Duration.ofMillis(100));
        assertEquals(BitRate.of(336, MBPS), at100ms[0]);
        assertEquals(BitRate.of(new BigDecimal("11.04"), GBPS), at100ms[1]);
        assertEquals(new BigDecimal("11"), significant(at100ms[1].in(GBPS), 2));

        BitRate[] at33ms = extremes(Precision.INT8, Duration.ofMillis(33));
        assertEquals(new BigDecimal("1.02"), significant(at33ms[0].in(GBPS), 3));
        assertEquals(new BigDecimal("33.5"), significant(at33ms[1].in(GBPS), 3));
        assertEquals(List.of("1.019 Gbps", "33.455 Gbps"),
                List.of(at33ms[0].toString(), at33ms[1].toString()));
    }

    private static void assertSizeAndRate(ModelVariant variant, BigDecimal megabytes, BigDecimal mbps) {
        assertEquals(0, megabytes.compareTo(BigDecimal.valueOf(variant.sizeBytes()).divide(MEGABYTE)), variant.id());
        BitRate rate = TransferSizer.DEFAULT.size(variant.sizeBytes(), Duration.ofSeconds(1)).payloadRate();
        assertEquals(BitRate.of(mbps, MBPS), rate, variant.id());
    }

    private static List<String> range(Precision precision, Duration budget) {
        BitRate[] extremes = extremes(precision, budget);
        return List.of(extremes[0].toString(), extremes[1].toString());
    }

    private static BitRate[] extremes(Precision precision, Duration budget) {
        List<BitRate> rates = MODELS.models().stream()
                .map(model -> model.variant(precision).orElseThrow())
                .map(variant -> TransferSizer.DEFAULT.size(variant.sizeBytes(), budget).payloadRate())
                .sorted(Comparator.naturalOrder())
                .toList();
        return new BitRate[] {rates.get(0), rates.get(rates.size() - 1)};
    }

    private static BigDecimal significant(BigDecimal value, int digits) {
        return value.round(new MathContext(digits, RoundingMode.HALF_UP)).stripTrailingZeros();
    }
}
