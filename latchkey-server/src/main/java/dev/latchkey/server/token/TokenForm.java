package dev.latchkey.server.token;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.latchkey.server.input.InvalidInputException;

/**
 * The "Generate new token" and "Regenerate" forms.
 *
 * @param name the token's name
 * @param description an optional note
 * @param scopes the ticked scopes
 * @param expiration {@code 7}, {@code 30}, {@code 60}, {@code 90}, {@code custom} or {@code none}
 * @param customDate the date chosen when {@code expiration} is {@code custom}
 */
public record TokenForm(@Nullable String name, @Nullable String description, @Nullable List<String> scopes,
		@Nullable String expiration, @Nullable String customDate) {

	static final String DEFAULT_EXPIRATION = "30";

	private static final List<String> CHOICES = List.of("7", "30", "60", "90", "none");

	public static TokenForm empty() {
		return new TokenForm("", "", List.of(), DEFAULT_EXPIRATION, "");
	}

	/** An empty form with this expiration chosen, if it is one of the choices. */
	static TokenForm withExpiration(@Nullable String expiration) {
		return new TokenForm("", "", List.of(), knownChoice(expiration), "");
	}

	/** The choice, or the default when it isn't one. */
	static String knownChoice(@Nullable String expiration) {
		return (expiration != null && CHOICES.contains(expiration)) ? expiration : DEFAULT_EXPIRATION;
	}

	public List<String> scopeList() {
		return (this.scopes != null) ? this.scopes : List.of();
	}

	public String expirationChoice() {
		return (this.expiration != null) ? this.expiration : DEFAULT_EXPIRATION;
	}

	public TokenRequest toRequest(Map<String, List<String>> resources) {
		return new TokenRequest(this.name, this.description, scopeList(), toExpiration(), null, resources);
	}

	Expiration toExpiration() {
		return switch (expirationChoice()) {
			case "7", "30", "60", "90" -> new Expiration.InDays(Integer.parseInt(expirationChoice()));
			case "none" -> new Expiration.Never();
			case "custom" -> customExpiration();
			default -> throw new InvalidInputException("expiration", "invalid", "Choose an expiration.");
		};
	}

	private Expiration customExpiration() {
		if (this.customDate == null || this.customDate.isBlank()) {
			throw new InvalidInputException("expiration", "missing", "Choose a custom expiration date.");
		}
		try {
			return new Expiration.OnDate(LocalDate.parse(this.customDate));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("expiration", "invalid", "The custom date must look like 2027-01-31.");
		}
	}

}
