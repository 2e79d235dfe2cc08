package io.modelqos.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in headless Chromium against an AF on the NEF emulator: tenant A signs in and sees its four
 * deliveries (granted, fallen back to INT8, refused with a best offer, degraded for a while) in the overview, the
 * degraded one's chart with its not-guaranteed period shaded, and the refused one's best offer; tenant B's delivery
 * never shows. Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardInBrowserTest {
    private static DashboardAf af;
    private static ChromeDriver chrome;

    @BeforeAll
    static void start() throws Exception {
        chrome = Chromium.start();   // first: without a browser there is nothing to test, and the test fails saying so
        af = DashboardAf.start(false);
        af.makeDeliveries(DashboardAf.KEY_A, DashboardAf.KEY_B);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chrome != null) {
                chrome.quit();
            }
        } finally {
            if (af != null) {
                af.close();
            }
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(chrome, Duration.ofSeconds(15));
    }

    private static WebElement loaded() {
        return waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-loaded='true']")));
    }

    @Test
    @Order(1)
    void signsInWithAnApiKeyAfterRefusingAWrongOne() {
        chrome.get(af.dashboard().toString());
        WebElement token = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));

        token.sendKeys("not-a-key");
        chrome.findElement(By.id("sign-in")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "Not accepted"));

        token.clear();
        token.sendKeys(DashboardAf.KEY_A);
        chrome.findElement(By.id("sign-in")).click();
        loaded();
        assertEquals(DashboardAf.KEY_A, chrome.executeScript("return sessionStorage.getItem('modelqos.token')"));
        assertEquals(null, chrome.executeScript("return localStorage.getItem('modelqos.token')"));
        assertEquals("", chrome.executeScript("return document.cookie"));
    }

    @Test
    @Order(2)
    void theOverviewCountsTheFourDeliveriesOfItsTenantOnly() throws Exception {
        chrome.get(af.dashboard().toString());
        loaded();
        waiting().until(d -> d.findElements(By.cssSelector("#deliveries tbody tr")).size() == 4);

        assertEquals("3", stateCount("COMPLETED"));
        assertEquals("1", stateCount("FAILED"));
        assertEquals("0", stateCount("DEGRADED"));
        assertEquals("2", outcomeCount("granted"));
        assertEquals("1", outcomeCount("fallback"));
        assertEquals("1", outcomeCount("refused"));
        List<String> ids = chrome.findElements(By.cssSelector("#deliveries tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-delivery-id")).toList();
        assertEquals(List.of(af.degraded, af.refused, af.fallback, af.granted), ids, "newest first");
        assertTrue(chrome.findElement(By.cssSelector("tr[data-delivery-id='" + af.fallback + "']")).getText()
                .contains("fallback: mobilenet-224-int8"));
        waiting().until(d -> !d.findElement(By.cssSelector("[data-percentile='50']")).getText().equals("–"));
        assertNoTraceOfTenantB();
        assertFitsWidth();
        Chromium.screenshot(chrome, "overview");

        chrome.findElement(By.id("filter-model")).sendKeys("mobile");
        waiting().until(d -> d.findElements(By.cssSelector("#deliveries tbody tr")).size() == 1);
        chrome.findElement(By.id("filter-model")).clear();
    }

    @Test
    @Order(3)
    void theDegradedDeliveryShowsItsNotGuaranteedPeriodOnTheChartAndInItsEvents() throws Exception {
        chrome.get(af.dashboard() + "#/deliveries/" + af.degraded);
        loaded();
        WebElement chart = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#rate-chart[data-not-guaranteed-periods='1']")));
        waiting().until(d -> d.findElements(By.cssSelector("#event-log tr[data-type='completed']")).size() == 1);

        assertFalse(chart.findElements(By.tagName("canvas")).isEmpty(), "uPlot drew on a canvas");
        String legend = chart.getText();
        for (String series : List.of("requested GBR", "granted GBR", "achieved rate")) {
            assertTrue(legend.contains(series), legend);
        }
        assertTrue(Integer.parseInt(chart.getDomAttribute("data-achieved-points")) >= 5, "achieved rate measured");
        List<String> types = chrome.findElements(By.cssSelector("#event-log tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-type")).toList();
        assertEquals("qos-granted", types.get(0));
        assertTrue(types.indexOf("qos-degraded") > 0 && types.indexOf("qos-restored") > types.indexOf("qos-degraded"),
                types.toString());
        assertEquals("completed", types.get(types.size() - 1));
        String availability = chrome.findElement(By.id("availability")).getText();
        assertTrue(availability.contains("missed"), availability);
        assertTrue(chrome.findElement(By.id("plan")).getText().contains("inception-v3-fp32"));
        assertFitsWidth();
        Chromium.screenshot(chrome, "degraded-delivery");
        Chromium.fullPageScreenshot(chrome, "degraded-delivery-full");

        Chromium.colorScheme(chrome, "dark");
        try {
            chrome.navigate().refresh();
            loaded();
            waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#rate-chart[data-not-guaranteed-periods='1']")));
            waiting().until(d -> d.findElements(By.cssSelector("#event-log tr[data-type='completed']")).size() == 1);
            String background = (String) chrome.executeScript(
                    "return getComputedStyle(document.documentElement).backgroundColor");
            assertEquals("rgb(15, 20, 26)", background, "the dark palette applies");
            Chromium.fullPageScreenshot(chrome, "degraded-delivery-dark");
        } finally {
            Chromium.colorScheme(chrome, "light");
        }
    }

    @Test
    @Order(4)
    void theRefusedDeliveryShowsTheBestOffer() throws Exception {
        chrome.get(af.dashboard() + "#/deliveries/" + af.refused);
        loaded();
        WebElement offer = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("best-offer")));

        assertTrue(offer.getText().contains("1.5 Gbit/s"), offer.getText());
        assertTrue(chrome.findElement(By.id("negotiation")).getText().contains("refused"));
        assertTrue(chrome.findElement(By.id("negotiation")).getText().contains("QOS_REJECTED")
                || chrome.findElement(By.id("negotiation")).getText().contains("NO_QOS_FITS"));
        assertFitsWidth();
        Chromium.fullPageScreenshot(chrome, "refused-delivery");
    }

    @Test
    @Order(5)
    void onAPhoneTheOverviewAndADeliveryKeepTheirLayout() throws Exception {
        Chromium.viewport(chrome, 390, 844);
        try {
            chrome.get(af.dashboard().toString());
            loaded();
            waiting().until(d -> d.findElements(By.cssSelector("#deliveries tbody tr")).size() == 4);
            assertFitsWidth();
            Chromium.screenshot(chrome, "overview-390x844");

            chrome.get(af.dashboard() + "#/deliveries/" + af.degraded);
            loaded();
            waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#rate-chart[data-not-guaranteed-periods='1']")));
            assertFitsWidth();
            Chromium.screenshot(chrome, "degraded-delivery-390x844");
            Chromium.fullPageScreenshot(chrome, "degraded-delivery-390-full");
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    @Test
    @Order(6)
    void anotherTenantsDeliveryCannotBeOpenedByItsId() {
        chrome.get(af.dashboard() + "#/deliveries/" + af.otherTenants);

        WebElement refusal = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".banner.error")));

        assertTrue(refusal.getText().contains("is visible to you"), refusal.getText());
        assertNoTraceOfTenantB();
    }

    @Test
    @Order(7)
    void signingOutForgetsTheKey() {
        chrome.get(af.dashboard().toString());
        loaded();

        chrome.findElement(By.id("sign-out")).click();

        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        assertEquals(null, chrome.executeScript("return sessionStorage.getItem('modelqos.token')"));
    }

    @Test
    @Order(8)
    void thePagesBreakNoRuleOfTheirContentSecurityPolicy() {
        List<LogEntry> severe = chrome.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // The wrong key's 401 and the other tenant's 404 are answers the test asked for.
                .filter(e -> !e.getMessage().contains("the server responded with a status of 401")
                        && !e.getMessage().contains("the server responded with a status of 404"))
                .toList();
        assertEquals(List.of(), severe.stream().map(LogEntry::getMessage).toList());
    }

    private static String stateCount(String state) {
        return chrome.findElement(By.cssSelector("#state-counts [data-state='" + state + "'] b")).getText();
    }

    private static String outcomeCount(String outcome) {
        return chrome.findElement(By.cssSelector("#outcomes [data-outcome='" + outcome + "']")).getDomAttribute(
                "data-count");
    }

    private static void assertNoTraceOfTenantB() {
        String page = chrome.getPageSource();
        assertFalse(page.contains(DashboardAf.TENANT_B_MODEL), "tenant B's model shows on tenant A's page");
        assertFalse(page.contains("data-delivery-id=\"" + af.otherTenants + "\""), "tenant B's delivery is listed");
    }

    /** Nothing wider than the viewport: no sideways scrolling of the page itself. */
    private static void assertFitsWidth() {
        Number overflow = (Number) chrome.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, overflow.intValue(), "the page is wider than its viewport");
    }
}
