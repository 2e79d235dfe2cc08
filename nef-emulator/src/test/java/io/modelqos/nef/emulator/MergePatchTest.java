package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelqos.openapi.T8Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifies JSON Merge Patch against the examples of RFC 7396 appendix A. */
class MergePatchTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'a':'b'}              | {'a':'c'}           | {'a':'c'}",
        "{'a':'b'}              | {'b':'c'}           | {'a':'b','b':'c'}",
        "{'a':'b'}              | {'a':null}          | {}",
        "{'a':'b','b':'c'}      | {'a':null}          | {'b':'c'}",
        "{'a':['b']}            | {'a':'c'}           | {'a':'c'}",
        "{'a':'c'}              | {'a':['b']}         | {'a':['b']}",
        "{'a':{'b':'c'}}        | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
        "{'a':[{'b':'c'}]}      | {'a':[1]}           | {'a':[1]}",
        "{'e':null}             | {'a':1}             | {'e':null,'a':1}",
        "{}                     | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}"
    })
    void followsRfc7396(String target, String patch, String expected) throws Exception {
        JsonNode result = MergePatch.apply(json(target), json(patch));

        assertEquals(json(expected), result);
    }

    private static JsonNode json(String relaxed) throws Exception {
        return T8Json.mapper().readTree(relaxed.trim().replace('\'', '"'));
    }
}
