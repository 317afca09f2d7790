package dev.latchkey.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.latchkey.server.LatchkeyApplication;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountService;
import dev.latchkey.server.account.SignupForm;
import dev.latchkey.server.token.Expiration;
import dev.latchkey.server.token.TokenRequest;
import dev.latchkey.server.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code latchkey} command against a real Latchkey server: device login approved in
 * headless Chromium, then tokens and {@code api}, and each failure as one line with its
 * exit code.
 */
class CliEndToEndTests {

	private static final String PASSWORD = "correct horse battery";

	private static ConfigurableApplicationContext latchkey;

	private static String host;

	private static ChromeDriver browser;

	private static Account user;

	@TempDir
	Path config;

	@BeforeAll
	static void start() {
		latchkey = new SpringApplicationBuilder(LatchkeyApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:cli-e2e;DB_CLOSE_DELAY=-1", "--latchkey.admin.username=root",
				"--latchkey.admin.password=root-password-for-cli");
		host = "http://localhost:" + latchkey.getEnvironment().getProperty("local.server.port");
		user = latchkey.getBean(AccountService.class).signUp(new SignupForm("cli-user", "cli@example.com", PASSWORD));
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (latchkey != null) {
			latchkey.close();
		}
	}

	@Test
	void loginWhenApprovedInBrowserThenTokensAndApiWork() throws Exception {
		Result login = loginApprovingInBrowser(true);
		assertThat(login.code()).as(login.err()).isZero();
		assertThat(login.out()).contains("Logged in to " + host + " as cli-user");
		Path hostsFile = this.config.resolve("latchkey/hosts.json");
		assertThat(Files.getPosixFilePermissions(hostsFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

		Result status = cli("auth", "status");
		assertThat(status.out()).contains("Logged in as cli-user").contains("tokens:write");

		Result created = cli("token", "create", "--name", "ci", "--scope", "user", "--expires", "7d", "--json");
		assertThat(created.code()).as(created.err()).isZero();
		String token = Session.JSON.readTree(created.out()).get("token").asString();
		long id = Session.JSON.readTree(created.out()).get("id").asLong();
		assertThat(token).startsWith("lkp_");

		Result list = cli("token", "list");
		assertThat(list.out()).contains("NAME").contains("ci").contains("user");
		assertThat(Session.JSON.readTree(cli("token", "list", "--json").out()).findValuesAsString("name")).contains("ci");

		Result api = cli("api", "/api/v1/user");
		assertThat(api.code()).isZero();
		assertThat(api.out()).contains("\"username\":\"cli-user\"");

		assertThat(cli("auth", "token").out().strip()).startsWith("lko_");
		assertThat(cli("token", "revoke", String.valueOf(id)).out()).contains("Revoked token " + id);
		Result gone = cli("token", "view", String.valueOf(id));
		assertThat(gone.code()).isEqualTo(1);
		assertThat(gone.err()).contains("HTTP 404").doesNotContain("at dev.latchkey");

		assertThat(cli("auth", "logout").out()).contains("Logged out");
		assertThat(cli("token", "list").code()).isEqualTo(4);
	}

	@Test
	void loginWhenDeniedInBrowserThenExitCodeDenied() throws Exception {
		Result login = loginApprovingInBrowser(false);
		assertThat(login.code()).isEqualTo(5);
		assertThat(login.err().strip()).isEqualTo("The login was denied in the browser.");
	}

	@Test
	void commandsWhenHostUnreachableThenOneLineAndExitCode3() {
		Result result = run(Map.of("LATCHKEY_TOKEN", "lkp_x"), "--host", "http://127.0.0.1:1", "api", "/api/v1/user");
		assertThat(result.code()).isEqualTo(3);
		assertThat(result.err().strip()).startsWith("Can't reach http://127.0.0.1:1").doesNotContain("\n");
		Result debug = run(Map.of("LATCHKEY_TOKEN", "lkp_x"), "--host", "http://127.0.0.1:1", "--debug", "api",
				"/api/v1/user");
		assertThat(debug.err()).contains("at dev.latchkey");
	}

	@Test
	void commandsWhenTokenLacksScopeThenExitCodeDenied() {
		String readOnly = latchkey.getBean(TokenService.class)
			.create(new TokenService.Owner(user.id(), false),
					new TokenRequest("narrow-" + System.nanoTime(), null, List.of("user"), new Expiration.InDays(1)), null)
			.secret()
			.reveal();
		Result result = run(Map.of("LATCHKEY_TOKEN", readOnly, "LATCHKEY_HOST", host), "token", "list");
		assertThat(result.code()).isEqualTo(5);
		assertThat(result.err().strip()).isEqualTo("Your token lacks the scope this needs: tokens:read, tokens:write.");
	}

	@Test
	void commandsWhenLoginExpiredThenExitCodeAuthentication() throws Exception {
		Path hosts = this.config.resolve("latchkey/hosts.json");
		Files.createDirectories(hosts.getParent());
		Files.writeString(hosts, "{\"hosts\":{\"" + host + "\":{\"user\":\"cli-user\",\"token\":\"lko_"
				+ "0".repeat(36) + "\",\"refreshToken\":\"lkr_" + "0".repeat(36) + "\",\"expiresAt\":1}},\"defaultHost\":\""
				+ host + "\"}");
		Result result = cli("auth", "status");
		assertThat(result.code()).isEqualTo(4);
		assertThat(result.err().strip()).isEqualTo("Your login to " + host + " has expired. Run: latchkey auth login --host "
				+ host);
	}

	@Test
	void completionWhenGeneratedThenBashScript() {
		Result result = cli("generate-completion");
		assertThat(result.code()).isZero();
		assertThat(result.out()).contains("complete -F").contains("latchkey");
	}

	/** Starts a login, enters its code in the browser, approves or denies, and waits for the command. */
	private Result loginApprovingInBrowser(boolean approve) throws Exception {
		CodeWatcher watcher = new CodeWatcher();
		StringWriter err = new StringWriter();
		CompletableFuture<Integer> login = CompletableFuture.supplyAsync(() -> Latchkey.run(
				new PrintWriter(watcher, true), new PrintWriter(err, true), "--config-dir", this.config.toString(),
				"--host", host, "auth", "login"));
		assertThat(watcher.codeShown.await(30, TimeUnit.SECONDS)).isTrue();
		ChromeDriver driver = browser();
		driver.manage().deleteAllCookies();
		driver.get(host + "/login");
		driver.findElement(By.id("username")).sendKeys(user.username());
		driver.findElement(By.id("password")).sendKeys(PASSWORD);
		clickAndWait(driver, driver.findElement(By.xpath("//button[normalize-space(.)='Sign in']")));
		driver.get(host + "/device");
		driver.findElement(By.id("user_code")).sendKeys(watcher.code);
		clickAndWait(driver, driver.findElement(By.xpath("//button[normalize-space(.)='Continue']")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Authorize Latchkey CLI");
		String button = approve ? "Authorize Latchkey CLI" : "Cancel";
		clickAndWait(driver, driver.findElement(By.xpath("//button[normalize-space(.)='" + button + "']")));
		if (approve) {
			assertThat(driver.getPageSource()).contains("you're all set");
		}
		int code = login.get(60, TimeUnit.SECONDS);
		return new Result(code, watcher.toString(), err.toString());
	}

	private Result cli(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		List<String> all = new ArrayList<>(List.of("--config-dir", this.config.toString(), "--host", host));
		all.addAll(List.of(args));
		int code = Latchkey.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
		return new Result(code, out.toString(), err.toString());
	}

	/** The command in its own process, so environment variables reach it as they would from a shell. */
	private Result run(Map<String, String> env, String... args) {
		try {
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), Latchkey.class.getName(), "--config-dir",
					this.config.toString()));
			command.addAll(List.of(args));
			ProcessBuilder builder = new ProcessBuilder(command);
			builder.environment().putAll(env);
			Process process = builder.start();
			CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
			String err = read(process.getErrorStream());
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			return new Result(process.exitValue(), out.join(), err);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(java.io.InputStream in) {
		try {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static synchronized ChromeDriver browser() {
		if (browser == null) {
			boolean installed = Files.isExecutable(Path.of("/usr/bin/chromium"))
					&& Files.isExecutable(Path.of("/usr/bin/chromedriver"));
			assumeTrue(installed || System.getenv("CI") != null, "Install chromium and chromium-driver (.ci/run does)");
			ChromeOptions options = new ChromeOptions();
			options.setBinary("/usr/bin/chromium");
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-dev-shm-usage");
			browser = new ChromeDriver(new ChromeDriverService.Builder()
				.usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
				.build(), options);
			browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		}
		return browser;
	}

	private static void clickAndWait(ChromeDriver driver, WebElement element) {
		WebElement page = driver.findElement(By.tagName("html"));
		element.click();
		// A new document has a new root element; asking the old one if it is stale can fail in Chromium.
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until((current) -> !current.findElement(By.tagName("html")).equals(page));
	}

	/**
	 * What a command did.
	 *
	 * @param code its exit code
	 * @param out what it printed
	 * @param err what it printed on stderr
	 */
	record Result(int code, String out, String err) {
	}

	/** Collects the command's output and signals when it shows the one-time code. */
	private static final class CodeWatcher extends Writer {

		private static final Pattern CODE = Pattern.compile("one-time code: (\\S+)");

		private final StringBuilder text = new StringBuilder();

		final CountDownLatch codeShown = new CountDownLatch(1);

		volatile String code;

		@Override
		public synchronized void write(char[] buffer, int offset, int length) {
			this.text.append(buffer, offset, length);
			Matcher matcher = CODE.matcher(this.text);
			if (this.code == null && matcher.find()) {
				this.code = matcher.group(1);
				this.codeShown.countDown();
			}
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public synchronized String toString() {
			return this.text.toString();
		}

	}

}
