-- 013_document_files.sql: documents that came as Word or PDF files (issue
-- 10). The text a document holds (documents.original_text) is then the
-- rendering the importer read; the file itself is kept beside it, as it
-- came, so that anyone can open what was imported. A review item names its
-- place in that file ("bảng 2, hàng 5, cột 3"), which a person finds in
-- Word more easily than a line of the rendering.
ALTER TABLE documents ADD COLUMN format TEXT NOT NULL DEFAULT 'text'
	CHECK (format IN ('text', 'markdown', 'docx', 'doc', 'pdf'));
ALTER TABLE review_items ADD COLUMN place TEXT;

CREATE TABLE document_files (
	document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	name        TEXT NOT NULL,      -- the file name it was imported from
	format      TEXT NOT NULL CHECK (format IN ('docx', 'doc', 'pdf')),
	size        INTEGER NOT NULL,
	sha256      TEXT NOT NULL,
	data        BLOB NOT NULL
);

-- A Word or PDF file uploaded on the import page and waiting for its
-- confirmation: the confirmation names it by id and the uploader must be
-- the same user, so the file is read again from here, never sent back by
-- the browser. Rows older than a day are removed by the next upload.
CREATE TABLE import_uploads (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name       TEXT NOT NULL,
	sha256     TEXT NOT NULL,
	data       BLOB NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX import_uploads_user ON import_uploads(user_id, created_at);
