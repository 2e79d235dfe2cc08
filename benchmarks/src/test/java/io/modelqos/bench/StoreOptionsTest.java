package io.modelqos.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's --store and --db-delay-ms: what the AFs are configured with, and the refusals of bad combinations. */
class StoreOptionsTest {

    @Test
    void eachPostgresAfGetsASchemaAndReplicaOfItsOwn() {
        assertEquals("store:\n  kind: postgres\n  postgres:\n    url: postgresql://127.0.0.1:5432/postgres\n"
                        + "    user: postgres\n    schema: bench_af_a_postgres\n    replicaId: af-a-postgres\n",
                StoreKind.POSTGRES.afConfig("af-a-postgres", BenchPostgres.url(5432)));
        assertEquals("store:\n  kind: mvstore\n", StoreKind.MVSTORE.afConfig("af-a", null));
        assertEquals("store:\n  kind: memory\n", StoreKind.MEMORY.afConfig("af-a", null));
    }

    @Test
    void storeKindsAreReadCaseInsensitivelyAndAnUnknownOneIsNamed() {
        assertEquals(StoreKind.POSTGRES, StoreKind.parse("PostgreS"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreKind.parse("redis"));
        assertEquals("'redis' is not a store kind: use postgres, mvstore or memory", e.getMessage());
    }

    @Test
    void badCombinationsAreRefusedBeforeAnythingStarts() {
        assertRefused("'h2' is not a store kind", "--store", "h2");
        assertRefused("--db-delay-ms delays PostgreSQL's round trips: add postgres to --store", "--db-delay-ms", "10");
        assertRefused("--db-delay-ms delays PostgreSQL's round trips", "--store", "mvstore", "--db-delay-ms", "10");
        assertRefused("--db-delay-ms: 0 is not between 1 and 10000 ms", "--store", "postgres", "--db-delay-ms", "0");
        assertRefused("--store: each kind at most once", "--store", "postgres,mvstore,postgres");
        assertRefused("add 2 to --phases", "--store", "postgres,mvstore", "--phases", "1,3");
        assertRefused("add 2 to --phases", "--store", "postgres", "--db-delay-ms", "10", "--phases", "4");
        assertRefused("--rounds: must be at least 1", "--store", "postgres,mvstore", "--rounds", "0");
    }

    @Test
    void roundsOfTwoWindowsAddUpTheirCpuAndTime() {
        Map<String, Long> first = new LinkedHashMap<>();
        first.put("AF", 100L);
        first.put("PostgreSQL", 50L);
        Map<String, Long> second = new LinkedHashMap<>();
        second.put("AF", 300L);
        second.put("PostgreSQL", 150L);
        CpuSplit both = new CpuSplit(first, 200, 1.0, 100, 2).plus(new CpuSplit(second, 500, 1.0, 100, 2));
        assertEquals(4000.0, both.cpuMillis("AF"), 1e-9);
        assertEquals(2.0, both.cores("AF"), 1e-9, "400 ticks over 2 s at 100 ticks/s");
        assertEquals(1.0, both.cores("PostgreSQL"), 1e-9);
        assertEquals((50 + 50) / 100.0 / 2.0, both.otherCores(), 1e-9, "the rest of the machine: 50 ticks in each window");
        assertEquals(20.0, both.cpuMillisPerOperation("AF", 200), 1e-9);
        assertTrue(both.has("PostgreSQL"));
    }

    private static void assertRefused(String expected, String... args) {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchMain()).setErr(new PrintWriter(err)).execute(args);
        assertEquals(2, exit, "exit status of a usage error, for " + String.join(" ", args) + ": " + err);
        assertTrue(err.toString().contains(expected), "expected '" + expected + "' in: " + err);
    }
}
