package dev.latchkey.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table for humans; {@code --json} prints the API's JSON instead.
 */
final class Table {

	private final List<String[]> rows = new ArrayList<>();

	Table(String... header) {
		this.rows.add(header);
	}

	Table row(String... cells) {
		this.rows.add(cells);
		return this;
	}

	void print(PrintWriter out) {
		int columns = this.rows.get(0).length;
		int[] widths = new int[columns];
		for (String[] row : this.rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : this.rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < columns; i++) {
				line.append(row[i]);
				if (i < columns - 1) {
					line.append(" ".repeat(widths[i] - row[i].length() + 2));
				}
			}
			out.println(line.toString().stripTrailing());
		}
	}

}
