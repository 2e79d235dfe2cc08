package io.modelqos.bench.jmh;

import io.modelqos.qos.BitRate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link BitRate#parse} and {@link BitRate#toString}: every rate in a subscription and in a monitoring report. */
@State(Scope.Benchmark)
public class BitRateBenchmark {
    private String text = "812.345 Mbps";
    private BitRate rate = BitRate.ofBitsPerSecond(1_992_716_161L);

    @Benchmark
    public BitRate parse() {
        return BitRate.parse(text);
    }

    @Benchmark
    public String format() {
        return rate.toString();
    }
}
