package io.modelqos.openapi.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The example payloads of the AsSessionWithQoS API published with the test-jar under
 * {@code examples/valid/} and {@code examples/invalid/} (see {@code examples/README.md}).
 *
 * <p>A file name says which schema the payload is for:
 * {@code <Schema>.<case>.json} for a schema of {@code TS29122_AsSessionWithQoS.yaml}, or
 * {@code <SpecFile>.<Schema>.<case>.json} for a schema of another file of the folder, e.g.
 * {@code TS29122_CommonData.ProblemDetails.bad-request-invalid-params.json}.
 */
public final class ExamplePayloads {

    public static final String VALID_DIR = "examples/valid";
    public static final String INVALID_DIR = "examples/invalid";
    /** In {@value #INVALID_DIR}: file name to the text the validation error must contain. */
    public static final String EXPECTED_ERRORS_FILE = "expected-errors.json";

    private ExamplePayloads() {
    }

    /** One example payload and the schema it is written for. */
    public record Example(String fileName, String specFile, String schemaName, String json) {

        /** True when the schema is declared in the root file TS29122_AsSessionWithQoS.yaml. */
        public boolean inRootFile() {
            return SpecValidator.ROOT_FILE.equals(specFile);
        }

        /** Validates this payload against its schema. */
        public SpecValidator.Result validate(SpecValidator validator) {
            return validator.validateSchema(specFile, schemaName, json);
        }

        @Override
        public String toString() {
            return fileName;
        }
    }

    /** The examples every validator must accept. */
    public static List<Example> valid() {
        return load(VALID_DIR);
    }

    /** The examples every validator must reject. */
    public static List<Example> invalid() {
        return load(INVALID_DIR);
    }

    /** The raw text of a file under {@code examples/} (e.g. {@code valid/X.json}). */
    public static String read(String relativePath) {
        String resource = "examples/" + relativePath;
        try (InputStream in = ExamplePayloads.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No example " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a file name into (spec file, schema name) as described in the class comment. */
    static String[] schemaOf(String fileName) {
        String[] parts = fileName.split("\\.");
        if (parts.length >= 4 && parts[0].startsWith("TS")) {
            return new String[] {parts[0] + ".yaml", parts[1]};
        }
        if (parts.length >= 3) {
            return new String[] {SpecValidator.ROOT_FILE, parts[0]};
        }
        throw new IllegalArgumentException("Example file name does not name a schema: " + fileName);
    }

    private static List<Example> load(String dir) {
        List<Example> out = new ArrayList<>();
        withDirectory(dir, path -> {
            try (Stream<Path> files = Files.list(path)) {
                for (Path f : (Iterable<Path>) files.sorted(Comparator.comparing(Path::toString))::iterator) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".json") || name.equals(EXPECTED_ERRORS_FILE)) {
                        continue;
                    }
                    String[] schema = schemaOf(name);
                    out.add(new Example(name, schema[0], schema[1], Files.readString(f, StandardCharsets.UTF_8)));
                }
            }
        });
        if (out.isEmpty()) {
            throw new IllegalStateException("No examples found in " + dir);
        }
        return List.copyOf(out);
    }

    private interface DirectoryAction {
        void run(Path dir) throws IOException;
    }

    private static void withDirectory(String dir, DirectoryAction action) {
        URL url = ExamplePayloads.class.getClassLoader().getResource(dir);
        if (url == null) {
            throw new IllegalStateException("Not on the classpath: " + dir + " (modelqos-openapi test-jar missing?)");
        }
        try {
            URI uri = url.toURI();
            if ("file".equals(uri.getScheme())) {
                action.run(Path.of(uri));
                return;
            }
            if ("jar".equals(uri.getScheme())) {
                String s = uri.toString();
                URI jar = URI.create(s.substring(0, s.indexOf("!/") + 2));
                FileSystem fs;
                boolean close = false;
                try {
                    fs = FileSystems.newFileSystem(jar, Map.of());
                    close = true;
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(jar);
                }
                try {
                    action.run(fs.getPath("/" + dir));
                } finally {
                    if (close) {
                        fs.close();
                    }
                }
                return;
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot read examples from " + url, e);
        }
        throw new IllegalStateException("Unsupported location of the examples: " + url);
    }
}
