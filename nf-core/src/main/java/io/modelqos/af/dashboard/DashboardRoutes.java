package io.modelqos.af.dashboard;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The delivery dashboard at {@code /ui/}: static HTML, CSS and JavaScript modules from this jar, and the chart library
 * from its WebJar. The pages read the northbound API only, as the signed-in caller, so the dashboard needs no route
 * and no privilege of its own: what it can show is what that caller may read.
 *
 * <p>Every answer carries a Content-Security-Policy that lets the pages load scripts, styles and data from this origin
 * only (no inline script, no eval, no framing), so that a delivery's text (a model name, a cause) can never run as
 * code. The dashboard's own files are revalidated on each load ({@code no-cache} with {@code Last-Modified}), so an
 * upgraded AF serves its new pages at once; the WebJar's files sit under a versioned path and are cached for a year.
 */
public final class DashboardRoutes {
    /** Where the dashboard is served. */
    public static final String PATH = "/ui/";
    /** The dashboard's files on the class path. */
    static final String ASSETS = "io/modelqos/af/dashboard/assets";
    /** The uPlot WebJar's files on the class path; its URL path names the version, as the WebJar does. */
    static final String UPLOT_WEBJAR = "META-INF/resources/webjars/uplot";

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");

    private DashboardRoutes() {
    }

    /** Mounts {@code /ui/} (and a redirect from {@code /ui}) on {@code router}. */
    public static void mount(Router router) {
        // Vert.x matches "/ui" to "/ui/" too: only the bare path is redirected (the page's links are relative).
        router.get("/ui").handler(ctx -> {
            if (ctx.request().path().equals("/ui")) {
                ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, PATH).end();
            } else {
                ctx.next();
            }
        });
        router.route(PATH + "vendor/uplot/*")
                .handler(ctx -> secure(ctx, "public, max-age=31536000, immutable"))
                .handler(staticFiles(UPLOT_WEBJAR));
        router.route(PATH + "*")
                .handler(ctx -> secure(ctx, "no-cache"))
                .handler(staticFiles(ASSETS));
    }

    private static StaticHandler staticFiles(String root) {
        return StaticHandler.create(FileSystemAccess.RELATIVE, root)
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setDefaultContentEncoding("UTF-8");
    }

    /** The headers of every dashboard answer; the static handler keeps a {@code Cache-Control} set before it. */
    private static void secure(RoutingContext ctx, String cacheControl) {
        ctx.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY")
                .set("Cross-Origin-Opener-Policy", "same-origin")
                .set(HttpHeaders.CACHE_CONTROL, cacheControl);
        ctx.next();
    }
}
