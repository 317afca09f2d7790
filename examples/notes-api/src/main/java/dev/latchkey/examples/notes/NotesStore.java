package dev.latchkey.examples.notes;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Notebooks and notes. Every query names the owner, so one user's data is never another's.
 * Public, with the finders and {@link #createNote}, for the notes MCP server, which shares this
 * store (and, given the same {@code spring.datasource.url}, the database).
 */
@Repository
public class NotesStore {

	private final JdbcClient jdbc;

	private final Clock clock = Clock.systemUTC();

	public NotesStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Notebook> notebooks(String owner) {
		return this.jdbc.sql("SELECT id, name, created_at FROM notebooks WHERE owner = ? ORDER BY id")
			.param(owner)
			.query((rs, n) -> new Notebook(rs.getLong("id"), rs.getString("name"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	public Optional<Notebook> notebook(String owner, long id) {
		return this.jdbc.sql("SELECT id, name, created_at FROM notebooks WHERE owner = ? AND id = ?")
			.params(owner, id)
			.query((rs, n) -> new Notebook(rs.getLong("id"), rs.getString("name"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	Notebook createNotebook(String owner, String name) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		OffsetDateTime now = now();
		this.jdbc.sql("INSERT INTO notebooks (owner, name, created_at) VALUES (?, ?, ?)")
			.params(owner, name, now)
			.update(keys, "id");
		return new Notebook(keys.getKeyAs(Number.class).longValue(), name, now.toInstant());
	}

	boolean deleteNotebook(String owner, long id) {
		return this.jdbc.sql("DELETE FROM notebooks WHERE owner = ? AND id = ?").params(owner, id).update() == 1;
	}

	public List<Note> notes(String owner, long notebookId) {
		return this.jdbc.sql("""
				SELECT n.id, n.notebook_id, n.title, n.body, n.updated_at FROM notes n
				JOIN notebooks b ON b.id = n.notebook_id WHERE b.owner = ? AND b.id = ? ORDER BY n.id""")
			.params(owner, notebookId)
			.query(NotesStore::note)
			.list();
	}

	Optional<Note> note(String owner, long id) {
		return this.jdbc.sql("""
				SELECT n.id, n.notebook_id, n.title, n.body, n.updated_at FROM notes n
				JOIN notebooks b ON b.id = n.notebook_id WHERE b.owner = ? AND n.id = ?""")
			.params(owner, id)
			.query(NotesStore::note)
			.optional();
	}

	public Note createNote(long notebookId, String title, String body) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		OffsetDateTime now = now();
		this.jdbc.sql("INSERT INTO notes (notebook_id, title, body, updated_at) VALUES (?, ?, ?, ?)")
			.params(notebookId, title, body, now)
			.update(keys, "id");
		return new Note(keys.getKeyAs(Number.class).longValue(), notebookId, title, body, now.toInstant());
	}

	void updateNote(long id, String title, String body) {
		this.jdbc.sql("UPDATE notes SET title = ?, body = ?, updated_at = ? WHERE id = ?")
			.params(title, body, now(), id)
			.update();
	}

	void deleteNote(long id) {
		this.jdbc.sql("DELETE FROM notes WHERE id = ?").param(id).update();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static Note note(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Note(rs.getLong("id"), rs.getLong("notebook_id"), rs.getString("title"), rs.getString("body"),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}
