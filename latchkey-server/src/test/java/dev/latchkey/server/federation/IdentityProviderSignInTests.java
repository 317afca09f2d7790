package dev.latchkey.server.federation;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latchkey.server.LatchkeyApplication;
import dev.latchkey.server.account.Account;
import dev.latchkey.server.account.AccountService;
import dev.latchkey.server.account.AccountStore;
import dev.latchkey.server.account.SignupForm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in to Latchkey through another Latchkey, a full OpenID Connect provider, both
 * running: the provider on {@code 127.0.0.1}, this Latchkey on {@code localhost}, so each keeps
 * its own cookies as two sites do. The first sign-in makes the account from the provider's
 * claims and links it; the next one finds it by the provider's subject.
 */
class IdentityProviderSignInTests {

	private static final String PASSWORD = "provider password 1";

	private static ConfigurableApplicationContext provider;

	private static ConfigurableApplicationContext latchkey;

	private static int providerPort;

	private static int port;

	@BeforeAll
	static void startBoth() throws Exception {
		provider = start(0, List.of());
		providerPort = port(provider);
		provider.getBean(AccountService.class).signUp(new SignupForm("ida-lovelace", "ida@example.com", PASSWORD));
		port = freePort();
		String[] client = registerApp("http://localhost:" + port + "/login/oauth2/code/idp");
		String[] plain = registerApp("http://localhost:" + port + "/login/oauth2/code/plain");
		String providerBase = "http://127.0.0.1:" + providerPort;
		latchkey = start(port, List.of("--latchkey.identity-providers[0].id=idp",
				"--latchkey.identity-providers[0].name=Acme ID",
				"--latchkey.identity-providers[0].issuer-uri=" + providerBase,
				"--latchkey.identity-providers[0].client-id=" + client[0],
				"--latchkey.identity-providers[0].client-secret=" + client[1],
				// The same Latchkey as a plain OAuth 2 provider, as GitHub is: its API says who the user is.
				"--latchkey.identity-providers[1].id=plain", "--latchkey.identity-providers[1].name=Acme OAuth",
				"--latchkey.identity-providers[1].authorization-uri=" + providerBase + "/oauth2/authorize",
				"--latchkey.identity-providers[1].token-uri=" + providerBase + "/oauth2/token",
				"--latchkey.identity-providers[1].user-info-uri=" + providerBase + "/api/v1/user",
				"--latchkey.identity-providers[1].username-claim=username",
				"--latchkey.identity-providers[1].scopes=user",
				"--latchkey.identity-providers[1].client-id=" + plain[0],
				"--latchkey.identity-providers[1].client-secret=" + plain[1]));
	}

	@AfterAll
	static void stopBoth() {
		if (latchkey != null) {
			latchkey.close();
		}
		if (provider != null) {
			provider.close();
		}
	}

	@Test
	void firstSignInWhenTheProviderVouchesThenAnAccountFromItsClaimsAndTheNextSignInFindsIt() throws Exception {
		Browser first = new Browser();
		String login = first.get("http://localhost:" + port + "/login").body();
		assertThat(login).contains("Sign in with Acme ID");

		HttpResponse<String> landed = signInThroughProvider(first);
		assertThat(landed.uri().getPath()).isEqualTo("/settings/tokens");
		assertThat(landed.body()).contains("ida-lovelace");
		JdbcClient database = latchkey.getBean(JdbcClient.class);
		assertThat(database.sql("SELECT email, email_verified_at IS NULL FROM accounts WHERE username = 'ida-lovelace'")
			.query((rs, row) -> rs.getString(1) + " unverified=" + rs.getBoolean(2))
			.single()).as("the provider didn't say the address is verified").isEqualTo("ida@example.com unverified=true");
		assertThat(database.sql("SELECT COUNT(*) FROM linked_identities WHERE subject = 'ida-lovelace'")
			.query(Long.class)
			.single()).isEqualTo(1);

		for (int i = 0; i < 2; i++) {
			HttpResponse<String> again = signInThroughProvider(new Browser());
			assertThat(again.uri().getPath()).isEqualTo("/settings/tokens");
		}
		assertThat(database.sql("SELECT COUNT(*) FROM accounts WHERE username LIKE 'ida-lovelace%'")
			.query(Long.class)
			.single()).as("the same account, not a second one").isEqualTo(1);
		assertThat(database.sql("SELECT details FROM security_events WHERE action = 'user.sign_in' ORDER BY id DESC")
			.query(String.class)
			.list()).first().asString().contains("identity_provider:idp");
	}

	@Test
	void linkWhenTheSignedInOwnerLinksTheirProviderAccountThenItSignsInToTheirsAndUnlinksWhileAPasswordRemains()
			throws Exception {
		provider.getBean(AccountService.class)
			.signUp(new SignupForm("grace-at-acme", "grace@acme.example", PASSWORD));
		latchkey.getBean(AccountService.class).signUp(new SignupForm("grace", "grace@example.com", PASSWORD));
		Browser browser = new Browser();
		String base = "http://localhost:" + port;
		String login = browser.get(base + "/login").body();
		browser.post(base + "/login", "_csrf=" + enc(csrf(login)) + "&username=grace&password=" + enc(PASSWORD));
		String security = browser.get(base + "/settings/security").body();
		assertThat(security).contains("Link Acme ID");

		HttpResponse<String> toProvider = browser.post(base + "/settings/security/identities/idp/link",
				"_csrf=" + enc(csrf(security)));
		HttpResponse<String> back = throughProvider(browser, toProvider, "grace-at-acme");

		assertThat(back.uri().getPath()).isEqualTo("/settings/security");
		assertThat(back.body()).contains("Linked: you can sign in with it now").contains("data-testid=\"linked-identity\"");
		Browser elsewhere = new Browser();
		HttpResponse<String> signedIn = throughProvider(elsewhere, elsewhere.get(base + "/oauth2/authorization/idp"),
				"grace-at-acme");
		assertThat(signedIn.body()).as("the provider's user signs in to the account that linked it").contains("grace")
			.doesNotContain("grace-at-acme");

		String page = browser.get(base + "/settings/security").body();
		assertThat(location(browser.post(base + "/settings/security/identities/idp/unlink", "_csrf=" + enc(csrf(page)))))
			.endsWith("/settings/security");
		assertThat(latchkey.getBean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM linked_identities l JOIN accounts a ON a.id = l.account_id WHERE a.username = 'grace'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void signInWhenInChromiumThenTheButtonTheProvidersPagesAndBackSignedIn() {
		provider.getBean(AccountService.class).signUp(new SignupForm("barbara", "barbara@acme.example", PASSWORD));
		ChromeDriver chromium = dev.latchkey.server.Browser.shared();
		chromium.manage().deleteAllCookies();
		chromium.get("http://localhost:" + port + "/login");

		dev.latchkey.server.Browser.clickAndWait(chromium, chromium.findElement(By.linkText("Sign in with Acme ID")));
		assertThat(chromium.getCurrentUrl()).startsWith("http://127.0.0.1:" + providerPort + "/login");
		dev.latchkey.server.Browser.field(chromium, "Username").sendKeys("barbara");
		dev.latchkey.server.Browser.field(chromium, "Password").sendKeys(PASSWORD);
		dev.latchkey.server.Browser.clickAndWait(chromium, dev.latchkey.server.Browser.button(chromium, "Sign in"));
		dev.latchkey.server.Browser.screenshot(chromium, "identity-provider-consent");
		dev.latchkey.server.Browser.clickAndWait(chromium,
				dev.latchkey.server.Browser.button(chromium, "Authorize Latchkey RP"));

		new WebDriverWait(chromium, java.time.Duration.ofSeconds(10))
			.until(ExpectedConditions.urlContains("http://localhost:" + port + "/settings/tokens"));
		assertThat(chromium.getPageSource()).contains("barbara");
		dev.latchkey.server.Browser.screenshot(chromium, "identity-provider-signed-in");
	}

	@Test
	void firstSignInWhenTheProviderSaysTheEmailIsVerifiedThenItIsVerifiedHereToo() throws Exception {
		Account vera = provider.getBean(AccountService.class)
			.signUp(new SignupForm("vera", "vera@acme.example", PASSWORD));
		provider.getBean(AccountStore.class).markEmailVerified(vera.id(), "vera@acme.example", Instant.now());
		Browser browser = new Browser();

		throughProvider(browser, browser.get("http://localhost:" + port + "/oauth2/authorization/idp"), "vera");

		assertThat(latchkey.getBean(JdbcClient.class)
			.sql("SELECT email_verified_at IS NOT NULL FROM accounts WHERE username = 'vera'")
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void signInWhenTheProviderIsUnknownThenTheSignInPageSaysSoRatherThanAnError() throws Exception {
		HttpResponse<String> unknown = new Browser().get("http://localhost:" + port + "/oauth2/authorization/nobody");

		assertThat(unknown.statusCode()).isEqualTo(302);
		assertThat(location(unknown)).endsWith("/login?provider_error");
	}

	@Test
	void plainOAuth2ProviderWhenItsUserInfoNamesTheUserThenAnAccountLinkedByItsId() throws Exception {
		provider.getBean(AccountService.class).signUp(new SignupForm("alan-turing", "alan@acme.example", PASSWORD));
		Browser browser = new Browser();

		HttpResponse<String> landed = throughProvider(browser,
				browser.get("http://localhost:" + port + "/oauth2/authorization/plain"), "alan-turing", "plain");

		assertThat(landed.uri().getPath()).isEqualTo("/settings/tokens");
		assertThat(landed.body()).contains("alan-turing");
		assertThat(latchkey.getBean(JdbcClient.class)
			.sql("SELECT subject FROM linked_identities WHERE provider_id = 'plain'")
			.query(String.class)
			.single()).as("the user's id at the provider, which never changes").matches("[0-9]+");
	}

	@Test
	void confirmAccessWhenThroughTheProviderThenItIsAskedToSignInAgainAndOnlyTheLinkedAccountCounts() throws Exception {
		AccountService people = provider.getBean(AccountService.class);
		people.signUp(new SignupForm("edsger", "edsger@acme.example", PASSWORD));
		people.signUp(new SignupForm("mallory", "mallory@acme.example", PASSWORD));
		Browser browser = new Browser();
		String base = "http://localhost:" + port;
		throughProvider(browser, browser.get(base + "/oauth2/authorization/idp"), "edsger");
		String sudo = browser.get(base + "/sudo?continue=/settings/security").body();
		assertThat(sudo).contains("Confirm with Acme ID");

		HttpResponse<String> toProvider = browser.post(base + "/sudo/identities/idp",
				"_csrf=" + enc(csrf(sudo)) + "&continue=/settings/security");
		String authorize = location(browser.get(location(toProvider)));
		assertThat(authorize).contains("prompt=login").contains("max_age=0");
		// Signed out at the provider, so it asks for the password again, as prompt=login wants.
		browser.forget("127.0.0.1");
		HttpResponse<String> confirmed = throughProvider(browser, browser.get(authorize), "edsger");
		assertThat(confirmed.uri().getPath()).isEqualTo("/settings/security");

		sudo = browser.get(base + "/sudo?continue=/settings/security").body();
		browser.forget("127.0.0.1");
		HttpResponse<String> impostor = throughProvider(browser, browser.post(base + "/sudo/identities/idp",
				"_csrf=" + enc(csrf(sudo)) + "&continue=/settings/security"), "mallory");
		assertThat(impostor.uri().getPath()).isEqualTo("/sudo");
		assertThat(impostor.body()).contains("That isn't the account at the provider that is linked");
	}

	@Test
	void linkWhenAnAttackerSendsTheCallbackOfTheirOwnSignInThenNothingIsLinked() throws Exception {
		provider.getBean(AccountService.class).signUp(new SignupForm("trudy", "trudy@acme.example", PASSWORD));
		latchkey.getBean(AccountService.class).signUp(new SignupForm("victor", "victor@example.com", PASSWORD));
		String base = "http://localhost:" + port;
		Browser attacker = new Browser();
		String poisoned = callbackFor(attacker, attacker.get(base + "/oauth2/authorization/idp"), "trudy", "idp");

		Browser victim = new Browser();
		String login = victim.get(base + "/login").body();
		victim.post(base + "/login", "_csrf=" + enc(csrf(login)) + "&username=victor&password=" + enc(PASSWORD));
		String security = victim.get(base + "/settings/security").body();
		// The victim is even half-way through linking, so their session waits for a provider's answer.
		victim.post(base + "/settings/security/identities/idp/link", "_csrf=" + enc(csrf(security)));
		HttpResponse<String> opened = victim.get(poisoned);

		assertThat(location(opened)).endsWith("/login?provider_error");
		assertThat(latchkey.getBean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM linked_identities WHERE subject = 'trudy'")
			.query(Long.class)
			.single()).as("the attacker's provider account signs in to nobody here").isZero();
	}

	@Test
	void unlinkWhenTheProviderIsTheOnlyWayInThenRefused() throws Exception {
		provider.getBean(AccountService.class).signUp(new SignupForm("ada-byron", "ada@acme.example", PASSWORD));
		Browser browser = new Browser();
		String base = "http://localhost:" + port;
		throughProvider(browser, browser.get(base + "/oauth2/authorization/idp"), "ada-byron");
		String page = browser.get(base + "/settings/security").body();

		browser.post(base + "/settings/security/identities/idp/unlink", "_csrf=" + enc(csrf(page)));

		assertThat(browser.get(base + "/settings/security").body()).contains("This is your only way to sign in");
		assertThat(latchkey.getBean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM linked_identities l JOIN accounts a ON a.id = l.account_id WHERE a.username = 'ada-byron'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	/** Starts at this Latchkey's button, signs in at the provider, approves, and follows back. */
	private static HttpResponse<String> signInThroughProvider(Browser browser) throws Exception {
		return throughProvider(browser, browser.get("http://localhost:" + port + "/oauth2/authorization/idp"),
				"ida-lovelace");
	}

	/** From the redirect to the provider: signs in there as a user, approves, and follows back here. */
	private static HttpResponse<String> throughProvider(Browser browser, HttpResponse<String> toProvider,
			String providerUser) throws Exception {
		return throughProvider(browser, toProvider, providerUser, "idp");
	}

	private static HttpResponse<String> throughProvider(Browser browser, HttpResponse<String> toProvider,
			String providerUser, String providerId) throws Exception {
		String here = "http://localhost:" + port;
		String next = absolute(location(browser.get(callbackFor(browser, toProvider, providerUser, providerId))), here);
		// Back here: on through this site's own redirects to the page it lands on.
		HttpResponse<String> page = browser.get(next);
		while (page.statusCode() == 302) {
			page = browser.get(absolute(location(page), here));
		}
		return page;
	}

	/**
	 * Follows the browser's way to the provider, through its sign-in and consent when it asks,
	 * up to its redirect back here: the address that carries the code, not yet opened.
	 */
	private static String callbackFor(Browser browser, HttpResponse<String> toProvider, String providerUser,
			String providerId) throws Exception {
		String providerBase = "http://127.0.0.1:" + providerPort;
		String here = "http://localhost:" + port;
		String next = absolute(location(toProvider), here);
		for (int step = 0; step < 10; step++) {
			if (next.startsWith(here + "/login/oauth2/code/")) {
				assertThat(next).startsWith(here + "/login/oauth2/code/" + providerId);
				return next;
			}
			if (next.startsWith(providerBase + "/login")) {
				String page = browser.get(next).body();
				next = absolute(location(browser.post(providerBase + "/login",
						"_csrf=" + enc(csrf(page)) + "&username=" + providerUser + "&password=" + enc(PASSWORD))), providerBase);
			}
			else if (next.startsWith(providerBase + "/oauth2/consent")) {
				String consent = browser.get(next).body();
				Map<String, List<String>> query = com.nimbusds.oauth2.sdk.util.URLUtils
					.parseParameters(URI.create(next).getRawQuery());
				StringBuilder form = new StringBuilder("client_id=" + enc(query.get("client_id").get(0)) + "&state="
						+ enc(query.get("state").get(0)) + "&_csrf=" + enc(csrf(consent)));
				for (String scope : query.get("scope").get(0).split(" ")) {
					form.append("&scope=").append(enc(scope));
				}
				next = absolute(location(browser.post(providerBase + "/oauth2/authorize", form.toString())), providerBase);
			}
			else {
				next = absolute(location(browser.get(next)), next.startsWith(providerBase) ? providerBase : here);
			}
		}
		throw new AssertionError("Never came back from the provider: " + next);
	}

	private static String absolute(String location, String base) {
		return location.startsWith("http") ? location : base + location;
	}

	/** Registers this Latchkey as a confidential app at the provider, through its pages; its id and secret. */
	private static String[] registerApp(String callback) throws Exception {
		Browser developer = new Browser();
		String base = "http://127.0.0.1:" + providerPort;
		String login = developer.get(base + "/login").body();
		developer.post(base + "/login", "_csrf=" + enc(csrf(login)) + "&username=ida-lovelace&password=" + enc(PASSWORD));
		String form = developer.get(base + "/settings/developers/new").body();
		String page = developer.post(base + "/settings/developers", "_csrf=" + enc(csrf(form))
				+ "&name=Latchkey+RP&homepageUrl=" + enc("https://rp.example") + "&callbackUrls=" + enc(callback)
				+ "&clientType=confidential").body();
		return new String[] { testId(page, "client-id"), testId(page, "client-secret") };
	}

	private static ConfigurableApplicationContext start(int serverPort, List<String> more) throws IOException {
		String name = "federation-" + System.nanoTime();
		List<String> args = new java.util.ArrayList<>(List.of("--spring.profiles.active=test",
				"--server.port=" + serverPort, "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
				"--latchkey.data-dir=" + Files.createTempDirectory(name)));
		args.addAll(more);
		return new SpringApplicationBuilder(LatchkeyApplication.class).run(args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String location(HttpResponse<?> response) {
		assertThat(response.statusCode()).as("a redirect from %s", response.uri()).isIn(302, 303);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String csrf(String page) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(matcher.find()).as("a CSRF token").isTrue();
		return matcher.group(1);
	}

	private static String testId(String page, String id) {
		Matcher matcher = Pattern.compile("data-testid=\"" + id + "\">([^<]+)<").matcher(page);
		assertThat(matcher.find()).as(id).isTrue();
		return matcher.group(1);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** One person's browser: cookies per host, redirects looked at one by one. */
	private static final class Browser {

		private final CookieManager cookies = new CookieManager();

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(this.cookies).build();

		/** Signs out of a site by dropping its cookies, as clearing them in a browser does. */
		void forget(String host) {
			java.net.CookieStore store = this.cookies.getCookieStore();
			store.getCookies().stream().filter((cookie) -> host.equals(cookie.getDomain()) || cookie.getDomain() == null)
				.toList()
				.forEach((cookie) -> store.getURIs().forEach((uri) -> {
					if (host.equals(uri.getHost())) {
						store.remove(uri, cookie);
					}
				}));
		}

		HttpResponse<String> get(String url) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String url, String form) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Accept", "text/html")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

}
