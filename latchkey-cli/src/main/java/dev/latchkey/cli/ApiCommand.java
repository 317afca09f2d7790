package dev.latchkey.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code latchkey api}: call any API endpoint with the login's token, like {@code gh api}.
 */
@Command(name = "api", description = "Call the API with your token and print the answer, like gh api.")
final class ApiCommand implements Runnable {

	@ParentCommand
	Latchkey root;

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "PATH", description = "Such as /api/v1/user.")
	String path;

	@Option(names = { "-X", "--method" }, description = "The HTTP method (default: GET, or POST with fields).")
	@Nullable String method;

	@Option(names = { "-f", "--field" }, description = "A key=value field: in the JSON body, or the query for GET.")
	List<String> fields = new ArrayList<>();

	@Override
	public void run() {
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : this.fields) {
			int equals = field.indexOf('=');
			if (equals <= 0) {
				throw new CliException(ExitCodes.USAGE, "A field must be key=value: " + field);
			}
			values.put(field.substring(0, equals), field.substring(equals + 1));
		}
		String verb = (this.method != null) ? this.method.toUpperCase(java.util.Locale.ROOT)
				: (values.isEmpty() ? "GET" : "POST");
		String target = this.path.startsWith("/") ? this.path : "/" + this.path;
		String body = null;
		if (!values.isEmpty() && (verb.equals("GET") || verb.equals("DELETE"))) {
			StringBuilder query = new StringBuilder(target.contains("?") ? "&" : "?");
			values.forEach((k, v) -> query.append(enc(k)).append('=').append(enc(v)).append('&'));
			target += query.substring(0, query.length() - 1);
		}
		else if (!values.isEmpty()) {
			body = Session.JSON.writeValueAsString(values);
		}
		Session.Answer answer = this.root.session().api(verb, target, body);
		if (!answer.body().isBlank()) {
			this.spec.commandLine().getOut().println(answer.body());
		}
		answer.requireSuccess();
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
