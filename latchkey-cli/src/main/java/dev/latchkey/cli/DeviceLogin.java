package dev.latchkey.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The device authorization grant (RFC 8628) from the device's side: ask for a code, show it,
 * poll until the user approves, honouring {@code interval} and {@code slow_down}.
 */
final class DeviceLogin {

	private final Session session;

	private final PrintWriter out;

	DeviceLogin(Session session, PrintWriter out) {
		this.session = session;
		this.out = out;
	}

	Result login(String scope) {
		Session.Answer started = this.session.oauth("/oauth2/device_authorization",
				Map.of("client_id", Session.CLIENT_ID, "scope", scope));
		if (started.status() != 200) {
			throw new CliException(ExitCodes.FAILED, "The host refused to start a login (HTTP " + started.status() + ").");
		}
		JsonNode device = Session.JSON.readTree(started.body());
		String deviceCode = device.get("device_code").asString();
		this.out.println("! First copy your one-time code: " + device.get("user_code").asString());
		this.out.println("Then open " + device.get("verification_uri").asString() + " in your browser and enter it.");
		this.out.flush();
		Duration interval = Duration.ofSeconds(device.path("interval").asLong(5));
		while (true) {
			pause(interval);
			Session.Answer answer = this.session.oauth("/oauth2/token",
					Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code", deviceCode,
							"client_id", Session.CLIENT_ID));
			JsonNode body = Session.JSON.readTree(answer.body());
			if (answer.status() == 200) {
				return new Result(body.get("access_token").asString(), body.path("refresh_token").asString(null),
						System.currentTimeMillis() / 1000 + body.path("expires_in").asLong(0));
			}
			switch (body.path("error").asString("")) {
				case "authorization_pending" -> {
				}
				case "slow_down" -> interval = interval.plusSeconds(5);
				case "access_denied" -> throw new CliException(ExitCodes.DENIED, "The login was denied in the browser.");
				case "expired_token" -> throw new CliException(ExitCodes.EXPIRED,
						"The code expired before it was entered. Run: latchkey auth login");
				default -> throw new CliException(ExitCodes.FAILED, "The login failed: " + body.path("error").asString("")
						+ " (HTTP " + answer.status() + ")");
			}
		}
	}

	private static void pause(Duration interval) {
		try {
			// RFC 8628 section 3.5: a device waits the interval between polls.
			Thread.sleep(interval.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException(ExitCodes.FAILED, "Interrupted");
		}
	}

	/**
	 * A finished login.
	 *
	 * @param accessToken the access token
	 * @param refreshToken the refresh token
	 * @param expiresAt when the access token expires, in epoch seconds
	 */
	record Result(String accessToken, @Nullable String refreshToken, long expiresAt) {

		@Override
		public String toString() {
			return "Result[redacted]";
		}

	}

}
