package dev.latchkey.examples.notes;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.latchkey.spring.LatchkeyAuthenticatedPrincipal;
import dev.latchkey.spring.RequireScope;

/**
 * Notebooks and notes, each user's own. Reading needs {@code notes:read} (or
 * {@code notes:write}); changing needs {@code notes:write}. A fine-grained token limited to
 * selected notebooks sees and touches only those, and can't create new ones.
 */
@RestController
class NotesController {

	private static final String READ = "notes:read";

	private static final String WRITE = "notes:write";

	private static final String NOTEBOOK = Notebook.RESOURCE_TYPE;

	private final NotesStore store;

	NotesController(NotesStore store) {
		this.store = store;
	}

	@GetMapping("/notebooks")
	@RequireScope({ READ, WRITE })
	List<Notebook> notebooks(@AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller) {
		return this.store.notebooks(owner(caller))
			.stream()
			.filter((notebook) -> caller.allowsResource(NOTEBOOK, String.valueOf(notebook.id())))
			.toList();
	}

	@PostMapping("/notebooks")
	@RequireScope(WRITE)
	ResponseEntity<Notebook> createNotebook(@AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller,
			@RequestBody NotebookJson body) {
		caller.requireAll(NOTEBOOK);
		return ResponseEntity.status(HttpStatus.CREATED).body(this.store.createNotebook(owner(caller), required(body.name(), "name")));
	}

	@GetMapping("/notebooks/{id}")
	@RequireScope({ READ, WRITE })
	Notebook notebook(@AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller, @PathVariable long id) {
		return readable(caller, id);
	}

	@DeleteMapping("/notebooks/{id}")
	@RequireScope(WRITE)
	ResponseEntity<Void> deleteNotebook(@AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller,
			@PathVariable long id) {
		caller.require(NOTEBOOK, String.valueOf(id), WRITE);
		if (!this.store.deleteNotebook(owner(caller), id)) {
			throw notFound();
		}
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/notebooks/{id}/notes")
	@RequireScope({ READ, WRITE })
	List<Note> notes(@AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller, @PathVariable long id) {
		readable(caller, id);
		return this.store.notes(owner(caller), id);
	}

	@PostMapping("/notebooks/{id}/notes")
	@RequireScope(WRITE)
	ResponseEntity<Note> createNote(@AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller,
			@PathVariable long id, @RequestBody NoteJson body) {
		caller.require(NOTEBOOK, String.valueOf(id), WRITE);
		readable(caller, id);
		Note note = this.store.createNote(id, required(body.title(), "title"), (body.body() != null) ? body.body() : "");
		return ResponseEntity.status(HttpStatus.CREATED).body(note);
	}

	@GetMapping("/notes/{id}")
	@RequireScope({ READ, WRITE })
	Note note(@AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller, @PathVariable long id) {
		Note note = this.store.note(owner(caller), id).orElseThrow(NotesController::notFound);
		caller.require(NOTEBOOK, String.valueOf(note.notebookId()), READ, WRITE);
		return note;
	}

	@PutMapping("/notes/{id}")
	@RequireScope(WRITE)
	Note updateNote(@AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller, @PathVariable long id,
			@RequestBody NoteJson body) {
		Note current = note(caller, id);
		caller.require(NOTEBOOK, String.valueOf(current.notebookId()), WRITE);
		this.store.updateNote(id, (body.title() != null) ? required(body.title(), "title") : current.title(),
				(body.body() != null) ? body.body() : current.body());
		return note(caller, id);
	}

	@DeleteMapping("/notes/{id}")
	@RequireScope(WRITE)
	ResponseEntity<Void> deleteNote(@AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller,
			@PathVariable long id) {
		Note note = note(caller, id);
		caller.require(NOTEBOOK, String.valueOf(note.notebookId()), WRITE);
		this.store.deleteNote(id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A user's notebooks, for Latchkey's token picker: only the Latchkey server, calling as
	 * itself, may ask (the URL is {@code latchkey.resources[].list-url} on the server).
	 */
	@GetMapping("/latchkey/notebooks")
	List<Notebook> notebooksForPicker(@AuthenticationPrincipal LatchkeyAuthenticatedPrincipal caller,
			@RequestParam String user) {
		if (!caller.token().isLatchkeyServer()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the Latchkey server lists notebooks here.");
		}
		return this.store.notebooks(user);
	}

	private Notebook readable(LatchkeyAuthenticatedPrincipal caller, long id) {
		Notebook notebook = this.store.notebook(owner(caller), id).orElseThrow(NotesController::notFound);
		caller.require(NOTEBOOK, String.valueOf(id), READ, WRITE);
		return notebook;
	}

	/** Notes belong to people; a token that acts for an app itself has no notes. */
	private static String owner(LatchkeyAuthenticatedPrincipal caller) {
		if (caller.username() == null) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This token acts for an app, not for a user.");
		}
		return caller.username();
	}

	private static String required(@Nullable String value, String field) {
		if (value == null || value.isBlank() || value.length() > 200) {
			throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
					field + " is required and at most 200 characters.");
		}
		return value.strip();
	}

	private static ResponseStatusException notFound() {
		// Someone else's notebook is as invisible as one that doesn't exist.
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such notebook or note.");
	}

	/**
	 * A new notebook.
	 *
	 * @param name its name
	 */
	record NotebookJson(@Nullable String name) {
	}

	/**
	 * A new or changed note.
	 *
	 * @param title its title
	 * @param body its text
	 */
	record NoteJson(@Nullable String title, @Nullable String body) {
	}

}
