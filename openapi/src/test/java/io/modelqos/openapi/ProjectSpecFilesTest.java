package io.modelqos.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelqos.openapi.validation.SpecValidator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The project's own 3GPP files: self-contained, documented, and (when the official files are
 * configured) identical to the official Rel-18 files in everything but descriptions and the
 * documented deviations.
 */
class ProjectSpecFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FILES = Set.of("TS29122_AsSessionWithQoS.yaml", "TS29122_CommonData.yaml",
            "TS29571_CommonData.yaml", "TS29514_Npcf_PolicyAuthorization.yaml", "TS29512_Npcf_SMPolicyControl.yaml",
            "TS29521_Nbsf_Management.yaml", "TS29510_Nnrf_NFDiscovery.yaml", "TS29510_Nnrf_NFManagement.yaml",
            "TS29510_Nnrf_AccessToken.yaml", "TS29222_CAPIF_API_Invoker_Management_API.yaml",
            "TS29222_CAPIF_Discover_Service_API.yaml", "TS29222_CAPIF_Security_API.yaml",
            "TS29222_CAPIF_Publish_Service_API.yaml");
    /** The N5 APIs (PCF, BSF, NRF), each a subset of the operations of its official file. */
    private static final List<String> N5_API_FILES = List.of(SpecValidator.PCF_ROOT_FILE, SpecValidator.BSF_ROOT_FILE,
            SpecValidator.NRF_DISCOVERY_ROOT_FILE, SpecValidator.NRF_TOKEN_ROOT_FILE);
    /** The CAPIF APIs an API invoker uses (TS 29.222), each a subset of the operations of its official file. */
    private static final List<String> CAPIF_API_FILES = List.of(SpecValidator.CAPIF_INVOKER_ROOT_FILE,
            SpecValidator.CAPIF_DISCOVER_ROOT_FILE, SpecValidator.CAPIF_SECURITY_ROOT_FILE);
    /** Marks the properties a project schema leaves out of the official one (see the file headers). */
    private static final String PRUNED = "x-modelqos-pruned";
    /** Closed in the standard itself (TS 29.571 AccessType has no open string branch). */
    private static final Set<String> CLOSED_IN_THE_STANDARD = Set.of("NullValue", "AccessType");
    private static final Set<String> TEXT_KEYWORDS = Set.of("description", "summary", "example", "title");

    @Test
    void theFolderHoldsExactlyTheExpectedFiles() throws IOException {
        try (Stream<Path> files = Files.list(SpecValidator.projectSpecDir())) {
            assertEquals(new TreeSet<>(FILES), files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        }
    }

    @Test
    void everyReferenceResolvesWithinTheFolder() throws IOException {
        Map<String, JsonNode> docs = load(SpecValidator.projectSpecDir());
        List<String> broken = new ArrayList<>();
        docs.forEach((file, doc) -> refs(doc).forEach(ref -> {
            String target = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
            JsonNode targetDoc = target.isEmpty() ? doc : docs.get(target);
            String pointer = ref.substring(ref.indexOf('#') + 1);
            if (targetDoc == null || targetDoc.at(pointer).isMissingNode()) {
                broken.add(file + ": " + ref);
            }
        }));
        assertTrue(broken.isEmpty(), "unresolved $ref: " + broken);
    }

    @Test
    void everySchemaIsReachableFromTheApi() throws IOException {
        Map<String, JsonNode> docs = load(SpecValidator.projectSpecDir());
        Set<String> reached = new TreeSet<>();
        List<String> todo = new ArrayList<>();
        JsonNode root = docs.get(SpecValidator.ROOT_FILE);
        refs(root.path("paths")).forEach(r -> todo.add(qualify(SpecValidator.ROOT_FILE, r)));
        root.path("components").path("schemas").fieldNames().forEachRemaining(n -> todo.add(SpecValidator.ROOT_FILE + "#/components/schemas/" + n));
        // The N5 APIs: what their kept operations (and callbacks) reach.
        for (String api : subsetApiFiles()) {
            refs(docs.get(api).path("paths")).forEach(r -> todo.add(qualify(api, r)));
        }
        while (!todo.isEmpty()) {
            String ref = todo.remove(todo.size() - 1);
            if (!reached.add(ref)) {
                continue;
            }
            String file = ref.substring(0, ref.indexOf('#'));
            refs(docs.get(file).at(ref.substring(ref.indexOf('#') + 1))).forEach(r -> todo.add(qualify(file, r)));
        }
        // Sent to notificationDestination when requestTestNotification is set, not $ref'd by the API.
        reached.add("TS29122_CommonData.yaml#/components/schemas/TestNotification");
        List<String> unreached = new ArrayList<>();
        docs.forEach((file, doc) -> doc.path("components").path("schemas").fieldNames().forEachRemaining(n -> {
            if (!reached.contains(file + "#/components/schemas/" + n)) {
                unreached.add(file + "#" + n);
            }
        }));
        assertTrue(unreached.isEmpty(), "schemas nobody uses (prune them): " + unreached);
    }

    @Test
    void everyFileStartsWithItsProvenanceAndPruningNote() throws IOException {
        for (String f : FILES) {
            String text = Files.readString(SpecValidator.projectSpecDir().resolve(f), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("# ModelQoS project file"), f + " must start with the project header comment");
            assertTrue(text.substring(0, text.indexOf("openapi: 3.0.0")).toLowerCase().contains("prun"),
                    f + ": the header must say what was pruned (or that nothing was)");
        }
    }

    /** 3GPP extensible enumerations are anyOf [string enum, string]; NullValue is the one closed enum. */
    @Test
    void enumerationsAreExtensible() throws IOException {
        List<String> closed = new ArrayList<>();
        load(SpecValidator.projectSpecDir()).forEach((file, doc) -> doc.path("components").path("schemas").fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            if (s.has("enum") && !CLOSED_IN_THE_STANDARD.contains(e.getKey())) {
                closed.add(file + "#" + e.getKey());
            }
            JsonNode anyOf = s.path("anyOf");
            boolean hasEnum = false;
            boolean hasOpenString = false;
            for (JsonNode branch : anyOf) {
                hasEnum |= branch.has("enum");
                hasOpenString |= "string".equals(branch.path("type").asText()) && !branch.has("enum");
            }
            if (hasEnum && !hasOpenString) {
                closed.add(file + "#" + e.getKey());
            }
        }));
        assertTrue(closed.isEmpty(), "closed enumerations: " + closed);
    }

    // ------------------------------------------------------------------------------------------
    // Against the official files
    // ------------------------------------------------------------------------------------------

    @Test
    void schemasMatchTheOfficialFilesExceptDescriptions() throws IOException {
        Path official = officialDir();
        Map<String, JsonNode> mine = load(SpecValidator.projectSpecDir());
        List<String> diffs = new ArrayList<>();
        for (String file : new TreeSet<>(FILES)) {
            JsonNode theirs = readOfficial(official, file);
            mine.get(file).path("components").path("schemas").fields().forEachRemaining(e -> {
                JsonNode a = normalise(e.getValue());
                JsonNode b = theirs.path("components").path("schemas").path(e.getKey());
                if (b.isMissingNode()) {
                    diffs.add(file + "#" + e.getKey() + ": not in the official file");
                    return;
                }
                b = applyDocumentedDeviations(file, e.getKey(), normalise(b));
                String pruning = checkPruned(e.getValue(), b);
                if (pruning != null) {
                    diffs.add(file + "#" + e.getKey() + ": " + pruning);
                    return;
                }
                a = withoutPruningMarker(a);
                b = withoutPrunedProperties(b, e.getValue());
                if (!a.equals(b)) {
                    diffs.add(file + "#" + e.getKey() + "\n    project:  " + a + "\n    official: " + b);
                }
            });
        }
        assertTrue(diffs.isEmpty(), "project schemas differ from the official ones:\n" + String.join("\n", diffs));
    }

    @Test
    void operationsAndResponsesMatchTheOfficialFile() throws IOException {
        Path official = officialDir();
        JsonNode mine = normalise(load(SpecValidator.projectSpecDir()).get(SpecValidator.ROOT_FILE));
        JsonNode theirs = normalise(YAML.readTree(official.resolve(SpecValidator.ROOT_FILE).toFile()));
        // Deviation 2 of the project file header: the callback expression carries the '$'.
        ObjectNode callback = (ObjectNode) theirs.at("/paths/~1{scsAsId}~1subscriptions/post/callbacks/notificationDestination");
        callback.set("{$request.body#/notificationDestination}", callback.remove("{request.body#/notificationDestination}"));
        assertEquals(theirs.path("paths"), mine.path("paths"));
        assertEquals(theirs.path("servers").get(0).path("url"), mine.path("servers").get(0).path("url"));
        assertEquals(theirs.path("security"), mine.path("security"));
        assertEquals(theirs.path("components").path("securitySchemes"), mine.path("components").path("securitySchemes"));
        JsonNode theirResponses = normalise(YAML.readTree(official.resolve("TS29122_CommonData.yaml").toFile())).path("components").path("responses");
        load(SpecValidator.projectSpecDir()).get("TS29122_CommonData.yaml").path("components").path("responses").fields()
                .forEachRemaining(r -> assertEquals(theirResponses.path(r.getKey()), normalise(r.getValue()), "response " + r.getKey()));
    }

    private static List<String> subsetApiFiles() {
        List<String> all = new ArrayList<>(N5_API_FILES);
        all.addAll(CAPIF_API_FILES);
        return all;
    }

    /**
     * The N5 and CAPIF files keep a subset of the official operations (and of their query parameters and
     * callbacks); what they keep is as published: same operationId, parameters, request body,
     * responses with their headers and media types, security.
     */
    @Test
    void n5AndCapifOperationsAreTheOfficialOnesOrASubset() throws IOException {
        Path official = officialDir();
        Map<String, JsonNode> mine = load(SpecValidator.projectSpecDir());
        List<String> diffs = new ArrayList<>();
        for (String file : subsetApiFiles()) {
            JsonNode theirs = readOfficial(official, file);
            JsonNode ours = mine.get(file);
            assertEquals(normalise(theirs.path("servers")).path(0).path("url"), normalise(ours.path("servers")).path(0).path("url"), file + " server");
            assertEquals(normalise(theirs.path("security")), normalise(ours.path("security")), file + " security");
            assertEquals(scopeNames(theirs), scopeNames(ours), file + " OAuth2 scopes");
            assertEquals(theirs.at("/components/securitySchemes/oAuth2ClientCredentials/flows/clientCredentials/tokenUrl"),
                    ours.at("/components/securitySchemes/oAuth2ClientCredentials/flows/clientCredentials/tokenUrl"), file + " tokenUrl");
            assertEquals(normalise(theirs.path("components").path("headers")), normalise(ours.path("components").path("headers")), file + " headers");
            ours.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                String where = file + " " + op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                JsonNode published = theirs.path("paths").path(path.getKey()).path(op.getKey());
                if (published.isMissingNode()) {
                    diffs.add(where + ": not in the official file");
                    return;
                }
                ObjectNode expected = (ObjectNode) normalise(published).deepCopy();
                JsonNode kept = normalise(op.getValue());
                keepOnlyParametersOf(expected, kept, where, diffs);
                keepOnlyCallbacksOf(expected, kept, where, diffs);
                if (!expected.equals(kept)) {
                    diffs.add(where + "\n    project:  " + kept + "\n    official: " + expected);
                }
            }));
        }
        assertTrue(diffs.isEmpty(), "N5/CAPIF operations differ from the official ones:\n" + String.join("\n", diffs));
    }

    @Test
    void commonResponsesMatchTheOfficialOnes() throws IOException {
        Path official = officialDir();
        JsonNode theirs = normalise(readOfficial(official, "TS29571_CommonData.yaml")).path("components").path("responses");
        JsonNode ours = load(SpecValidator.projectSpecDir()).get("TS29571_CommonData.yaml").path("components").path("responses");
        assertTrue(ours.size() > 0, "TS29571_CommonData.yaml declares no responses");
        ours.fields().forEachRemaining(r -> assertEquals(theirs.path(r.getKey()), normalise(r.getValue()), "TS 29.571 response " + r.getKey()));
    }

    /** Every x-modelqos-pruned list names properties the official schema has and the project schema has not. */
    @Test
    void prunedPropertiesAreNamedOnceAndReallyLeftOut() throws IOException {
        List<String> wrong = new ArrayList<>();
        load(SpecValidator.projectSpecDir()).forEach((file, doc) -> doc.path("components").path("schemas").fields().forEachRemaining(e -> {
            for (JsonNode p : e.getValue().path(PRUNED)) {
                if (e.getValue().path("properties").has(p.asText())) {
                    wrong.add(file + "#" + e.getKey() + "." + p.asText() + " is marked pruned but present");
                }
            }
        }));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    // ------------------------------------------------------------------------------------------

    private static JsonNode readOfficial(Path dir, String file) throws IOException {
        // TS32291_Nchf_ConvergedCharging.yaml has TAB characters (see shared/3gpp/README.md); others do not.
        return YAML.readTree(Files.readString(dir.resolve(file), StandardCharsets.UTF_8).replace("\t", "  "));
    }

    private static Set<String> scopeNames(JsonNode doc) {
        Set<String> names = new TreeSet<>();
        doc.at("/components/securitySchemes/oAuth2ClientCredentials/flows/clientCredentials/scopes").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Drops the official parameters the project leaves out, after checking no required one is among them. */
    private static void keepOnlyParametersOf(ObjectNode official, JsonNode project, String where, List<String> diffs) {
        if (!official.has("parameters")) {
            return;
        }
        Set<String> kept = new TreeSet<>();
        project.path("parameters").forEach(p -> kept.add(p.path("in").asText() + " " + p.path("name").asText()));
        ArrayNode filtered = YAML.createArrayNode();
        for (JsonNode p : official.get("parameters")) {
            String key = p.path("in").asText() + " " + p.path("name").asText();
            if (kept.contains(key)) {
                filtered.add(p);
            } else if (p.path("required").asBoolean(false) || "path".equals(p.path("in").asText())) {
                diffs.add(where + ": required parameter " + key + " left out");
            }
        }
        official.set("parameters", filtered);
    }

    private static void keepOnlyCallbacksOf(ObjectNode official, JsonNode project, String where, List<String> diffs) {
        if (!official.has("callbacks")) {
            return;
        }
        ObjectNode callbacks = (ObjectNode) official.get("callbacks");
        List<String> leftOut = new ArrayList<>();
        callbacks.fieldNames().forEachRemaining(n -> {
            if (!project.path("callbacks").has(n)) {
                leftOut.add(n);
            }
        });
        callbacks.remove(leftOut);
        if (callbacks.isEmpty() && !project.has("callbacks")) {
            official.remove("callbacks");
        }
    }

    /** Why the pruning marker of a project schema is wrong, or null when each pruned property exists in the official schema. */
    private static String checkPruned(JsonNode project, JsonNode official) {
        for (JsonNode p : project.path(PRUNED)) {
            if (!official.path("properties").has(p.asText())) {
                return PRUNED + " names " + p.asText() + ", which the official schema does not have";
            }
        }
        return null;
    }

    private static JsonNode withoutPruningMarker(JsonNode normalisedProject) {
        ObjectNode copy = (ObjectNode) normalisedProject.deepCopy();
        copy.remove(PRUNED);
        return copy;
    }

    private static JsonNode withoutPrunedProperties(JsonNode normalisedOfficial, JsonNode project) {
        if (!project.has(PRUNED)) {
            return normalisedOfficial;
        }
        ObjectNode copy = (ObjectNode) normalisedOfficial.deepCopy();
        ObjectNode props = (ObjectNode) copy.get("properties");
        project.get(PRUNED).forEach(p -> props.remove(p.asText()));
        return copy;
    }

    private static Path officialDir() {
        var dir = SpecValidator.officialSpecDir();
        assumeTrue(dir.isPresent(), "official 3GPP files not configured (-D" + SpecValidator.OFFICIAL_DIR_PROPERTY + "): NOT RUN");
        return dir.get();
    }

    /** The deviations documented in the file headers (other than pruned properties), applied to the official schema. */
    private static JsonNode applyDocumentedDeviations(String file, String schema, JsonNode official) {
        ObjectNode s = (ObjectNode) official.deepCopy();
        if (file.equals(SpecValidator.CAPIF_SECURITY_ROOT_FILE) && schema.equals("ServiceSecurity")) {
            // The published "minimum: 1" on the array means "minItems: 1" (see the file header).
            ObjectNode securityInfo = (ObjectNode) s.at("/properties/securityInfo");
            securityInfo.set("minItems", securityInfo.remove("minimum"));
        }
        if (file.equals(SpecValidator.ROOT_FILE) && schema.equals("AsSessionWithQoSSubscription")) {
            ObjectNode props = (ObjectNode) s.get("properties");
            ObjectNode fixed = YAML.createObjectNode();
            props.fields().forEachRemaining(p -> {
                if (p.getKey().equals("rTLatencyInd")) {
                    fixed.set("rTLatencyInd", YAML.createObjectNode().put("type", "boolean"));
                    fixed.set("periodInfo", YAML.createObjectNode()
                            .put("$ref", "TS29514_Npcf_PolicyAuthorization.yaml#/components/schemas/PeriodicityInfo"));
                } else {
                    fixed.set(p.getKey(), p.getValue());
                }
            });
            s.set("properties", fixed);
        }
        return normalise(s);
    }

    /** Drops free text, sorts object members and "required" lists, so only the structure is compared. */
    private static JsonNode normalise(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = YAML.createObjectNode();
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue()));
            sorted.forEach((k, v) -> {
                if (TEXT_KEYWORDS.contains(k) && v.isTextual()) {
                    return;
                }
                if (k.equals("required") && v.isArray()) {
                    List<String> names = new ArrayList<>();
                    v.forEach(n -> names.add(n.asText()));
                    names.sort(null);
                    ArrayNode arr = YAML.createArrayNode();
                    names.forEach(arr::add);
                    out.set(k, arr);
                    return;
                }
                out.set(k, normalise(v));
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = YAML.createArrayNode();
            node.forEach(n -> out.add(normalise(n)));
            return out;
        }
        return node;
    }

    private static Map<String, JsonNode> load(Path dir) throws IOException {
        Map<String, JsonNode> docs = new TreeMap<>();
        for (String f : FILES) {
            docs.put(f, YAML.readTree(dir.resolve(f).toFile()));
        }
        return docs;
    }

    private static List<String> refs(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var f = it.next();
                if (f.getKey().equals("$ref")) {
                    out.add(f.getValue().asText());
                } else {
                    out.addAll(refs(f.getValue()));
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> out.addAll(refs(n)));
        }
        return out;
    }

    private static String qualify(String file, String ref) {
        return ref.startsWith("#") ? file + ref : ref;
    }
}
