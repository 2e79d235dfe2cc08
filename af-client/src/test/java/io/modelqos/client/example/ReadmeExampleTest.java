package io.modelqos.client.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verifies that the code block of the README's "Using the SDK" section is the marked region of
 * {@code UsingTheSdkExample.java}, which {@link UsingTheSdkExampleTest} compiles and runs, so the
 * README's example cannot drift from code that works.
 */
class ReadmeExampleTest {

    private static final Path README = Path.of("README.md");
    private static final Path EXAMPLE = Path.of("src/test/java/io/modelqos/client/example/UsingTheSdkExample.java");
    private static final String SECTION = "## Using the SDK";

    @Test
    void readmeShowsExactlyTheExampleThatRuns() throws IOException {
        List<String> fromReadme = readmeCodeBlock();
        List<String> fromExample = exampleRegion();

        assertFalse(fromExample.isEmpty(), "no marked region in " + EXAMPLE);
        assertEquals(String.join("\n", fromExample), String.join("\n", fromReadme),
                "README.md's \"" + SECTION + "\" code block differs from the region between tag::using-the-sdk[] "
                        + "and end::using-the-sdk[] in " + EXAMPLE + "; copy the region into the README");
    }

    /** The first ```java block after the section heading. */
    private static List<String> readmeCodeBlock() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int section = lines.indexOf(SECTION);
        if (section < 0) {
            throw new AssertionError("README.md has no \"" + SECTION + "\" heading");
        }
        int open = indexOf(lines, "```java", section);
        int close = indexOf(lines, "```", open + 1);
        return lines.subList(open + 1, close);
    }

    private static List<String> exampleRegion() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8);
        int start = indexOf(lines, "// tag::using-the-sdk[]", 0);
        int end = indexOf(lines, "// end::using-the-sdk[]", start + 1);
        return lines.subList(start + 1, end);
    }

    private static int indexOf(List<String> lines, String line, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(line)) {
                return i;
            }
        }
        throw new AssertionError("no line \"" + line + "\" after line " + from);
    }
}
