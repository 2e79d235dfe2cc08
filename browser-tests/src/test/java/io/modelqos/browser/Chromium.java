package io.modelqos.browser;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}), driven through its
 * chromedriver. Nothing is downloaded: the binaries are given (system properties {@code chromium.binary} and
 * {@code chromedriver.binary}, set by the pom), and Selenium Manager is never asked for one. When the browser cannot be
 * started, {@link #start} fails with what to install: a test that needs it must fail, never skip.
 */
final class Chromium {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    static ChromeDriver start() {
        String binary = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String driver = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
        for (String path : List.of(binary, driver)) {
            if (!Files.isExecutable(Path.of(path))) {
                throw new AssertionError("The dashboard's browser test needs headless Chromium, and " + path
                        + " is not there. Install Debian's packages: apt-get install -y chromium chromium-driver"
                        + " (.ci/run does it when they are missing).");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--hide-scrollbars", "--lang=en-GB", "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver))
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver chrome = new ChromeDriver(service, options);
            chrome.manage().window().setSize(new Dimension(1280, 800));
            return chrome;
        } catch (RuntimeException e) {
            throw new AssertionError("Chromium (" + binary + ") could not be started through " + driver + ": "
                    + e.getMessage(), e);
        }
    }

    /** Sets the viewport (the page's inner size) to width x height. */
    static void viewport(ChromeDriver chrome, int width, int height) {
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** Makes the page see prefers-color-scheme: dark (or light). */
    static void colorScheme(ChromeDriver chrome, String scheme) {
        chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    static Path screenshot(ChromeDriver chrome, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, chrome.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** The whole page, as tall as its content, at the current width. */
    static Path fullPageScreenshot(ChromeDriver chrome, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Number> content = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", content.get("width"),
                        "height", content.get("height"), "scale", 1)));
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }
}
