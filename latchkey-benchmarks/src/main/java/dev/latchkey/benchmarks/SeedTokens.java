package dev.latchkey.benchmarks;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.latchkey.client.TokenFormat;
import dev.latchkey.client.TokenKind;
import dev.latchkey.client.TokenSecret;

/**
 * Fills a migrated Latchkey database with personal access tokens for the data-scale
 * benchmarks, in JDBC batches, and writes the plain tokens to a file for the load tool.
 * <pre>
 * java -cp latchkey-benchmarks/target/benchmarks.jar dev.latchkey.benchmarks.SeedTokens \
 *     JDBC_URL USER PASSWORD COUNT TOKENS_FILE
 * </pre>
 * The tokens belong to one account per 1,000 tokens ({@code seed-N}), as a real platform's
 * would be spread over users.
 */
public final class SeedTokens {

	private static final int PER_ACCOUNT = 1000;

	private static final int BATCH = 5000;

	private SeedTokens() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int count = Integer.parseInt(args[3]);
		Path out = Path.of(args[4]);
		TokenFormat format = TokenFormat.withDefaultPrefix();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long started = System.nanoTime();
		try (Connection db = DriverManager.getConnection(url, args[1], args[2]);
				BufferedWriter tokens = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
			db.setAutoCommit(false);
			PreparedStatement account = db.prepareStatement("""
					INSERT INTO accounts (username, username_key, email, email_key, password_hash, is_admin, created_at)
					VALUES (?, ?, NULL, NULL, '{noop}unusable', FALSE, ?)""", Statement.RETURN_GENERATED_KEYS);
			PreparedStatement token = db.prepareStatement("""
					INSERT INTO personal_access_tokens
					    (account_id, name, scopes, token_hash, last_four, created_at, expires_at)
					VALUES (?, ?, 'user notes:read', ?, ?, ?, ?)""");
			long accountId = 0;
			for (int i = 0; i < count; i++) {
				if (i % PER_ACCOUNT == 0) {
					String username = "seed-" + System.nanoTime() % 1_000_000_000L + "-" + (i / PER_ACCOUNT);
					account.setString(1, username);
					account.setString(2, username);
					account.setObject(3, now);
					account.executeUpdate();
					try (ResultSet keys = account.getGeneratedKeys()) {
						keys.next();
						accountId = keys.getLong(1);
					}
				}
				TokenSecret secret = TokenSecret.generate(format, TokenKind.PERSONAL);
				token.setLong(1, accountId);
				token.setString(2, "seed-" + i);
				token.setString(3, secret.sha256());
				token.setString(4, secret.lastFour());
				token.setObject(5, now);
				token.setObject(6, now.plusDays(30));
				token.addBatch();
				tokens.write(secret.reveal());
				tokens.newLine();
				if ((i + 1) % BATCH == 0) {
					token.executeBatch();
					db.commit();
				}
			}
			token.executeBatch();
			db.commit();
			BulkLoads.compactIfH2(url, db);
		}
		System.out.printf("Seeded %,d tokens in %.1f s into %s%n", count, (System.nanoTime() - started) / 1e9, url);
	}

}
