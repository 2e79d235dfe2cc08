package io.modelqos.app.demo;

import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.TransferSizer;
import io.modelqos.client.model.ModelCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PredictionTest {

    private static final long GRANTABLE = 1_500_000_000L;

    /** The payload rates are the "Required DL data rate" columns of TR 22.874 table 6.x.1-1 (download in 1 s). */
    @ParameterizedTest
    @CsvSource({
            "ALEXNET,       1920,  480",
            "VGG16,         4416,  1104",
            "RESNET_152,    1920,  480",
            "RESNET_50,     800,   200",
            "GOOGLENET,     217.6, 54.4",
            "INCEPTION_V3,  736,   184",
            "MOBILENET_224, 134.4, 33.6"})
    void payloadRatesAtOneSecondAreTheSeedTable(ModelCatalog model, BigDecimal fp32Mbps, BigDecimal int8Mbps) {
        Prediction p = Prediction.of(model.spec(), Duration.ofSeconds(1), Duration.ZERO, TransferSizer.DEFAULT, GRANTABLE);

        assertEquals(0, p.best().sizing().payloadRate().compareTo(BitRate.of(fp32Mbps, BitRate.Unit.MBPS)));
        assertEquals(0, p.smallest().sizing().payloadRate().compareTo(BitRate.of(int8Mbps, BitRate.Unit.MBPS)));
    }

    @ParameterizedTest
    @CsvSource({
            // the FP32 GBR fits exactly, one bit/s more does not; then INT8 is the fallback
            "RESNET_50, 0, GRANTED",
            "RESNET_50, 1, FALLBACK"})
    void theBoundaryIsTheGbrTheNefReads(ModelCatalog model, long belowBy, Prediction.Outcome expected) {
        BitRate fp32 = Prediction.of(model.spec(), Duration.ofSeconds(1), Duration.ZERO, TransferSizer.DEFAULT,
                GRANTABLE).best().wireGbrDl();
        long grantable = fp32.bitsPerSecond().longValueExact() - belowBy;

        assertEquals(expected, Prediction.of(model.spec(), Duration.ofSeconds(1), Duration.ZERO, TransferSizer.DEFAULT,
                grantable).outcome());
    }

    @ParameterizedTest
    @CsvSource({
            // INT8 needs 60 MB x 8 x 1.037873 / 1.5 Gbit/s = 332.12 ms, rounded up to whole ms
            "ALEXNET,   0,  333",
            "ALEXNET,   5,  338",
            "GOOGLENET, 0,  38"})
    void aRejectionOffersTheGrantableRateAndTheBudgetInt8NeedsAtIt(ModelCatalog model, long allowanceMs,
                                                                     long neededMs) {
        Prediction p = Prediction.of(model.spec(), Duration.ofMillis(33), Duration.ofMillis(allowanceMs),
                TransferSizer.DEFAULT, GRANTABLE);

        assertEquals(Prediction.Outcome.REJECTED, p.outcome());
        assertNull(p.delivered());
        assertEquals(neededMs, p.offerBudgetMs());
        assertEquals(GRANTABLE, p.grantableBps());
    }

    @ParameterizedTest
    @CsvSource({"MOBILENET_224, 33, FALLBACK", "MOBILENET_224, 100, GRANTED", "GOOGLENET, 100, FALLBACK",
            "GOOGLENET, 33, REJECTED"})
    void aSetupAllowanceRaisesTheGbr(ModelCatalog model, long budgetMs, Prediction.Outcome outcome) {
        Prediction without = Prediction.of(model.spec(), Duration.ofMillis(budgetMs), Duration.ZERO,
                TransferSizer.DEFAULT, GRANTABLE);
        Prediction with = Prediction.of(model.spec(), Duration.ofMillis(budgetMs), Duration.ofMillis(2),
                TransferSizer.DEFAULT, GRANTABLE);

        assertEquals(outcome, without.outcome());
        assertEquals(1, with.best().wireGbrDl().compareTo(without.best().wireGbrDl()));
    }
}
