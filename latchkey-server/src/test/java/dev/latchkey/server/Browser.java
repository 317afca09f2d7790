package dev.latchkey.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium from Debian's packages, driven by the system chromedriver so Selenium
 * never tries to download a browser. On a machine without them the browser tests are
 * skipped, except in CI, where {@code .ci/run} installs them and a missing browser fails.
 */
public final class Browser {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static ChromeDriver shared;

	private Browser() {
	}

	/** One browser for the whole test run, cleared of cookies for each caller; quit when the JVM exits. */
	public static synchronized ChromeDriver shared() {
		if (shared == null) {
			shared = start();
			ChromeDriver driver = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(driver::quit));
		}
		return shared;
	}

	/**
	 * Clicks something that loads a new page and waits until the old page is gone, so the
	 * next lookup can't find an element of the page being left.
	 */
	public static void clickAndWait(ChromeDriver driver, WebElement element) {
		WebElement page = driver.findElement(By.tagName("html"));
		element.click();
		// A new document has a new root element. (Asking the old root whether it is stale can fail
		// with an inspector error in Chromium while the next page replaces it.)
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until((current) -> !current.findElement(By.tagName("html")).equals(page));
	}

	/** A form field found the way a person finds it: by its visible label (or the scope name in it). */
	public static WebElement field(ChromeDriver driver, String label) {
		WebElement labelElement = driver.findElement(By.xpath("//label[normalize-space(.)='" + label
				+ "' or normalize-space(./code)='" + label + "']"));
		return driver.findElement(By.id(labelElement.getAttribute("for")));
	}

	/** A button by what it says. */
	public static WebElement button(ChromeDriver driver, String text) {
		return driver.findElement(By.xpath("//button[normalize-space(.)='" + text + "']"));
	}

	/** Saves what the page looks like under target/screenshots, for people reviewing a change. */
	public static void screenshot(ChromeDriver driver, String name) {
		try {
			java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
			java.nio.file.Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static ChromeDriver start() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		assumeTrue(installed || System.getenv("CI") != null,
				"Install Debian's chromium and chromium-driver to run the browser tests (.ci/run does)");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-dev-shm-usage", "--no-first-run", "--disable-sync",
				"--window-size=1280,1000");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		return driver;
	}

}
