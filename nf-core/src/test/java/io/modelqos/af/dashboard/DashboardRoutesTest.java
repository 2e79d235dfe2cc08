package io.modelqos.af.dashboard;

import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's files as a browser gets them over real HTTP: its page, what the page loads, and the headers. */
class DashboardRoutesTest {
    private static Vertx vertx;
    private static HttpServer server;
    private static WebClient client;

    @BeforeAll
    static void start() {
        vertx = EventLoopGuard.vertx();
        Router router = Router.router(vertx);
        DashboardRoutes.mount(router);
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404).end("not here"));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()).setFollowRedirects(false));
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static HttpResponse<Buffer> get(String path) {
        return client.get(path).send().await();
    }

    @Test
    void thePageAndEverythingItLoadsAreServedUnderAStrictPolicy() {
        HttpResponse<Buffer> page = get("/ui/");

        assertEquals(200, page.statusCode());
        assertTrue(page.getHeader("Content-Type").startsWith("text/html"), page.getHeader("Content-Type"));
        String csp = page.getHeader("Content-Security-Policy");
        assertNotNull(csp);
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'")
                && csp.contains("connect-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
        assertEquals("no-cache", page.getHeader("Cache-Control"));
        assertNotNull(page.getHeader("Last-Modified"));

        String html = page.bodyAsString();
        assertFalse(html.contains("@uplot.version@"), "the build puts the WebJar's version in the page");
        assertFalse(html.contains("<script>") || html.contains("style="), "nothing inline: the policy forbids it");
        List<String> assets = localAssets(html);
        assertTrue(assets.size() >= 4, assets.toString());
        for (String asset : assets) {
            HttpResponse<Buffer> answer = get("/ui/" + asset);
            assertEquals(200, answer.statusCode(), asset);
            String type = answer.getHeader("Content-Type");
            if (asset.endsWith(".js")) {
                assertTrue(type.contains("javascript"), asset + ": " + type);
            } else if (asset.endsWith(".css")) {
                assertTrue(type.startsWith("text/css"), asset + ": " + type);
            }
            assertNotNull(answer.getHeader("Content-Security-Policy"), asset);
        }
    }

    @Test
    void theModulesThePageImportsAreServed() {
        for (String module : List.of("app.js", "api.js", "dom.js", "format.js", "stats.js", "series.js", "chart.js",
                "overview.js", "delivery.js")) {
            HttpResponse<Buffer> answer = get("/ui/" + module);
            assertEquals(200, answer.statusCode(), module);
            for (String imported : imports(answer.bodyAsString())) {
                assertEquals(200, get("/ui/" + imported).statusCode(), module + " imports " + imported);
            }
        }
    }

    @Test
    void theChartLibraryIsCachedForAYearUnderItsVersionedPath() {
        String html = get("/ui/").bodyAsString();
        String vendor = localAssets(html).stream().filter(a -> a.startsWith("vendor/uplot/")).findFirst().orElseThrow();

        HttpResponse<Buffer> answer = get("/ui/" + vendor);

        assertEquals(200, answer.statusCode());
        assertEquals("public, max-age=31536000, immutable", answer.getHeader("Cache-Control"));
    }

    @Test
    void anUnchangedFileIsNotSentAgain() {
        String lastModified = get("/ui/app.js").getHeader("Last-Modified");

        HttpResponse<Buffer> again = client.get("/ui/app.js").putHeader("If-Modified-Since", lastModified).send().await();

        assertEquals(304, again.statusCode());
    }

    @Test
    void uiWithoutItsSlashRedirects() {
        HttpResponse<Buffer> answer = get("/ui");

        assertEquals(301, answer.statusCode());
        assertEquals("/ui/", answer.getHeader("Location"));
    }

    @Test
    void nothingOutsideTheDashboardsFilesIsServed() {
        for (String path : List.of("/ui/missing.js", "/ui/../store/postgres/V1__deliveries.sql",
                "/ui/%2e%2e/store/postgres/V1__deliveries.sql", "/ui/..%2fstore/postgres/V1__deliveries.sql",
                "/ui/vendor/uplot/../../../../io/modelqos/af/store/postgres/V1__deliveries.sql")) {
            HttpResponse<Buffer> answer = get(path);
            assertEquals(404, answer.statusCode(), path);
            assertEquals("not here", answer.bodyAsString(), path);
        }
    }

    /** The page's own src and href values (not data: URLs). */
    private static List<String> localAssets(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"").matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The relative modules a module imports. */
    private static List<String> imports(String js) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("from '\\./([^']+)'").matcher(js);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
