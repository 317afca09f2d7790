package dev.latchkey.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Writes the security log as CSV (RFC 4180) for an admin's export.
 */
final class SecurityEventCsv {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader("id", "occurred_at", "action", "account_id", "actor", "ip_address", "user_agent", "token_id",
				"details")
		.get();

	private SecurityEventCsv() {
	}

	/** Writes every entry matching the query, newest first. */
	static void write(AuditLog audit, SecurityEventQuery query, Writer out) throws IOException {
		try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
			audit.forEach(query, (event) -> {
				try {
					csv.printRecord(event.id(), event.occurredAt(), event.action().code(), event.accountId(),
							cell(event.actor()), event.ipAddress(), cell(event.userAgent()), event.tokenId(),
							cell(event.details().entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue())
								.collect(Collectors.joining("; "))));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	/**
	 * A text cell that a spreadsheet won't run: user agents and names come from clients, and a
	 * cell starting with {@code =}, {@code +}, {@code -} or {@code @} is a formula to Excel.
	 */
	static @Nullable String cell(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + text : text;
	}

}
