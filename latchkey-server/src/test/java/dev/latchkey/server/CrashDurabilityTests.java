package dev.latchkey.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server on its embedded default (H2 in a file under the data directory) is killed with
 * {@code SIGKILL} while token creations, regenerations and revocations are in flight, and
 * started again on the same files: every change it answered must still be there. A
 * revocation that comes undone after a crash is a leaked token that works again.
 */
class CrashDurabilityTests {

	private static final String ADMIN = "root";

	private static final String PASSWORD = "root-password-for-crashes";

	private static final int WORKERS = 6;

	/** Answered changes before the kill: enough that many of them are recent when it comes. */
	private static final int ANSWERS_BEFORE_KILL = 150;

	private static final Pattern NEW_TOKEN = Pattern.compile("data-testid=\"new-token\">([^<]+)<");

	@TempDir
	Path work;

	@Test
	void answeredChangesWhenServerKilledMidLoadThenAllSurviveTheRestart() throws Exception {
		Path data = this.work.resolve("data");
		Map<String, Integer> expected = new ConcurrentHashMap<>();
		List<String> surprises = new CopyOnWriteArrayList<>();
		try (ServerProcess first = ServerProcess.start(this.work.resolve("first.log"), arguments(data))) {
			String creator = creatorToken(first.port());
			CountDownLatch answers = new CountDownLatch(ANSWERS_BEFORE_KILL);
			List<Thread> workers = new ArrayList<>();
			for (int i = 0; i < WORKERS; i++) {
				Worker worker = new Worker(new Http(first.port()), creator, "w" + i, expected, surprises, answers);
				Thread thread = new Thread(worker::run, "crash-worker-" + i);
				thread.start();
				workers.add(thread);
			}
			assertThat(answers.await(2, TimeUnit.MINUTES)).as("changes answered before the kill").isTrue();
			first.kill();
			for (Thread worker : workers) {
				worker.join(TimeUnit.SECONDS.toMillis(30));
			}
		}
		assertThat(surprises).as("answers other than the expected ones before the kill").isEmpty();
		// Counts only: the map's keys are tokens.
		assertThat(expected.size()).as("tokens with an answered change").isGreaterThan(ANSWERS_BEFORE_KILL / 2);

		try (ServerProcess second = ServerProcess.start(this.work.resolve("second.log"), arguments(data))) {
			Http http = new Http(second.port());
			List<String> lost = new ArrayList<>();
			expected.forEach((token, status) -> {
				int actual = http.get("/api/v1/tokens/self", Http.bearer(token)).status();
				if (actual != status) {
					// The hint only, never the token.
					lost.add(token.substring(token.length() - 4) + ": answered " + status + " before the crash, "
							+ actual + " after");
				}
			});
			assertThat(lost).as("%d answered changes lost of %d", lost.size(), expected.size()).isEmpty();
		}
	}

	private static String[] arguments(Path data) {
		return new String[] { "--latchkey.data-dir=" + data, "--latchkey.admin.username=" + ADMIN,
				"--latchkey.admin.password=" + PASSWORD, "--latchkey.rate-limit.per-user-per-hour=1000000000" };
	}

	/** A token that can manage tokens, generated through the pages as a user does it. */
	private static String creatorToken(int port) {
		PageSession browser = new PageSession(port);
		browser.signIn(ADMIN, PASSWORD);
		String page = browser
			.submit("/settings/tokens/new", "/settings/tokens",
					"name=creator&expiration=none&scopes=user&scopes=" + PageSession.encode("tokens:write"))
			.body();
		Matcher token = NEW_TOKEN.matcher(page);
		assertThat(token.find()).as("the new token is shown").isTrue();
		return token.group(1);
	}

	/**
	 * Creates, regenerates and revokes tokens in turn until the server stops answering,
	 * noting for each answered change what its tokens must answer afterwards: 200 for a token
	 * created or regenerated, 401 for one revoked or regenerated away. A token whose change
	 * got no answer is forgotten, since either outcome is right for it.
	 */
	private record Worker(Http http, String creator, String name, Map<String, Integer> expected,
			List<String> surprises, CountDownLatch answers) {

		void run() {
			List<JsonNode> live = new ArrayList<>();
			AtomicInteger step = new AtomicInteger();
			try {
				while (true) {
					switch (step.getAndIncrement() % 4) {
						case 0, 1 -> create(live);
						case 2 -> regenerate(live);
						default -> revoke(live);
					}
					this.answers.countDown();
				}
			}
			catch (IllegalStateException noAnswer) {
				// The server was killed; this change may or may not have happened.
			}
		}

		private void create(List<JsonNode> live) {
			Http.Response created = this.http.postJson("/api/v1/user/tokens",
					"{\"name\":\"" + this.name + "-" + System.nanoTime() + "\",\"scopes\":[\"user\"]}",
					Http.bearer(this.creator));
			if (expect(created, 201)) {
				live.add(created.json());
				this.expected.put(created.json().get("token").asString(), 200);
			}
		}

		private void regenerate(List<JsonNode> live) {
			changeOldest(live, (old) -> {
				Http.Response regenerated = this.http.post("/api/v1/user/tokens/" + old.get("id").asLong() + "/regenerate",
						"application/json", "{\"expires_in_days\":7}", Http.bearer(this.creator));
				if (!expect(regenerated, 200)) {
					return false;
				}
				live.add(regenerated.json());
				this.expected.put(regenerated.json().get("token").asString(), 200);
				return true;
			});
		}

		private void revoke(List<JsonNode> live) {
			changeOldest(live, (token) -> expect(
					this.http.delete("/api/v1/user/tokens/" + token.get("id").asLong(), Http.bearer(this.creator)), 204));
		}

		/**
		 * Kills the oldest live token's value by the change, which says whether it was
		 * answered as expected. Until then the value's outcome is unknown, so it is forgotten.
		 */
		private void changeOldest(List<JsonNode> live, Predicate<JsonNode> change) {
			if (live.isEmpty()) {
				create(live);
				return;
			}
			JsonNode oldest = live.remove(0);
			String value = oldest.get("token").asString();
			this.expected.remove(value);
			if (change.test(oldest)) {
				this.expected.put(value, 401);
			}
		}

		private boolean expect(Http.Response response, int status) {
			if (response.status() != status) {
				this.surprises.add(response.status() + " instead of " + status + ": " + response.body());
				return false;
			}
			return true;
		}

	}

}
