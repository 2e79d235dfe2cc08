package io.modelqos.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no API keys and no JWT issuer configured, the dashboard asks for no sign-in and says that the API is open. */
class OpenApiDashboardTest {

    @Test
    void saysTheApiIsOpenAndShowsTheDefaultTenantsDeliveries() throws Exception {
        ChromeDriver chrome = Chromium.start();
        try (DashboardAf af = DashboardAf.start(true)) {
            af.makeDeliveries(null, null);
            chrome.get(af.dashboard().toString());
            WebDriverWait waiting = new WebDriverWait(chrome, Duration.ofSeconds(15));

            WebElement banner = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("banner")));
            waiting.until(d -> d.findElements(By.cssSelector("#deliveries tbody tr")).size() == 5);

            assertTrue(banner.getText().contains("The API is open"), banner.getText());
            assertTrue(chrome.findElement(By.id("tenant")).getText().contains("default"));
            assertTrue(chrome.findElements(By.id("token")).isEmpty(), "no sign-in form");
            assertTrue(chrome.findElements(By.id("sign-out")).isEmpty(), "nothing to sign out of");
            Chromium.screenshot(chrome, "open-api-overview");
        } finally {
            chrome.quit();
        }
    }
}
