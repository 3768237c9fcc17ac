// The register's schema, as ordered migrations; column names follow the incoming register (Phụ lục IV) and edXML.

export const MIGRATIONS: string[] = [
  `
  CREATE TABLE register_counters (
    register_id   TEXT NOT NULL,
    register_year INTEGER NOT NULL,
    last_number   INTEGER NOT NULL,
    PRIMARY KEY (register_id, register_year)
  ) STRICT;

  CREATE TABLE register_entries (
    id                 INTEGER PRIMARY KEY,
    register_id        TEXT NOT NULL,
    register_year      INTEGER NOT NULL,
    incoming_number    INTEGER NOT NULL,          -- số đến
    arrival_date       TEXT NOT NULL,             -- ngày đến, ISO 8601 instant
    dedupe_key         TEXT NOT NULL UNIQUE,      -- Message-ID + content hash
    message_id         TEXT,                      -- RFC 5322 Message-ID
    from_name          TEXT,
    from_address       TEXT,
    sent_date          TEXT,
    subject            TEXT NOT NULL DEFAULT '',
    category           TEXT NOT NULL,
    status             TEXT NOT NULL,
    status_reason      TEXT,
    confidence         REAL,
    type_name          TEXT,
    type_code          TEXT,
    code_number        TEXT,
    code_notation      TEXT,
    issuer             TEXT,                      -- tác giả
    place              TEXT,
    issued_date        TEXT,                      -- ngày tháng văn bản
    document_subject   TEXT,                      -- trích yếu
    signer_competence  TEXT,
    signer_position    TEXT,
    signer_full_name   TEXT,
    document_recipients TEXT,                     -- JSON array (nơi nhận)
    urgency            TEXT,
    confidentiality    TEXT,
    due_date           TEXT,                      -- thời hạn giải quyết
    assignee           TEXT,                      -- đơn vị hoặc người nhận
    notes              TEXT,                      -- ghi chú
    body_text          TEXT,
    created_at         TEXT NOT NULL,
    UNIQUE (register_id, register_year, incoming_number)
  ) STRICT;
  CREATE INDEX register_entries_by_arrival ON register_entries (arrival_date DESC, id DESC);

  CREATE TABLE messages (
    id           INTEGER PRIMARY KEY,
    entry_id     INTEGER NOT NULL REFERENCES register_entries (id),
    raw_sha256   TEXT NOT NULL UNIQUE,
    size         INTEGER NOT NULL,
    received_at  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX messages_by_entry ON messages (entry_id);

  CREATE TABLE message_locations (
    id           INTEGER PRIMARY KEY,
    message_row  INTEGER NOT NULL REFERENCES messages (id),
    source       TEXT NOT NULL,
    mailbox_id   TEXT NOT NULL,
    folder       TEXT,
    uid_validity INTEGER,
    uid          INTEGER,
    seen_at      TEXT NOT NULL,
    UNIQUE (mailbox_id, folder, uid_validity, uid)
  ) STRICT;
  CREATE INDEX message_locations_by_message ON message_locations (message_row);

  CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    message_row  INTEGER NOT NULL REFERENCES messages (id),
    filename     TEXT,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX attachments_by_message ON attachments (message_row);

  CREATE TABLE checkpoints (
    mailbox_id   TEXT NOT NULL,
    folder       TEXT NOT NULL,
    uid_validity INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (mailbox_id, folder)
  ) STRICT;

  -- Side effects, written in the same transaction as the entry they belong to; carried out by the dispatcher.
  CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    entry_id         INTEGER REFERENCES register_entries (id),
    kind             TEXT NOT NULL,
    payload          TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL DEFAULT 'pending',  -- pending | done | dead
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    done_at          TEXT
  ) STRICT;
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

  -- Folded text (no tone marks, đ -> d) of each entry, for diacritic-insensitive search.
  CREATE VIRTUAL TABLE entry_search USING fts5 (folded, content = '', contentless_delete = 1, tokenize = 'unicode61');
  `,
  `
  -- Small raw messages (up to 64 KiB) live in the register itself, written in the same transaction as their entry: one fsync
  -- for many messages instead of a file and a flush each. Larger ones stay files in the blob store (NULL here).
  ALTER TABLE messages ADD COLUMN raw_inline BLOB;
  `,
  `
  -- Message-ID + identity headers: the same for a copy that parsed and a copy that could not be read, so an
  -- unreadable copy never becomes a second entry of a message already registered (or the other way round).
  ALTER TABLE register_entries ADD COLUMN identity_key TEXT;
  CREATE INDEX register_entries_by_identity ON register_entries (identity_key);
  `,
  `
  -- Classification (issue 3): why an entry got its category, and the meeting an invitation calls.
  ALTER TABLE register_entries ADD COLUMN evidence TEXT;          -- JSON array of { category, weight, source, detail }
  ALTER TABLE register_entries ADD COLUMN meeting TEXT;           -- JSON { start, end, location, chair, participants }
  ALTER TABLE attachments ADD COLUMN kind TEXT;                   -- pdf, word, spreadsheet, calendar, ...
  ALTER TABLE attachments ADD COLUMN text_status TEXT;            -- read | none | skipped | failed
  ALTER TABLE attachments ADD COLUMN text_reason TEXT;            -- E_... code and why

  -- Clerks' corrections: who changed what, and the example the classifier learns from.
  CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES register_entries (id),
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    changes     TEXT NOT NULL,                                    -- JSON { field: { from, to } }
    category    TEXT,                                             -- the category after the correction
    sender      TEXT,
    tokens      TEXT NOT NULL                                     -- JSON array: folded words and word pairs
  ) STRICT;
  CREATE INDEX corrections_by_entry ON corrections (entry_id);
  `,
  `
  -- Routing rules as saved versions (who, when, what): the newest is in force; a rollback saves an older one again.
  CREATE TABLE rule_versions (
    version     INTEGER PRIMARY KEY,
    rules       TEXT NOT NULL,                                    -- JSON: the checked rules
    source      TEXT NOT NULL,                                    -- the file as given (YAML or JSON)
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    comment     TEXT
  ) STRICT;
  `,
  `
  -- Processing status (edXML 01-06): received, rejected, registered, assigned, processing, done; every change kept.
  ALTER TABLE register_entries ADD COLUMN processing_status TEXT NOT NULL DEFAULT 'registered';
  CREATE TABLE status_changes (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES register_entries (id),
    status      TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    note        TEXT
  ) STRICT;
  CREATE INDEX status_changes_by_entry ON status_changes (entry_id);
  CREATE INDEX register_entries_by_due ON register_entries (due_date) WHERE due_date IS NOT NULL;
  `,
  `
  -- Every signature vanthu makes: who, which document (SHA-256 before and after), when.
  CREATE TABLE signature_log (
    id              INTEGER PRIMARY KEY,
    signed_by       TEXT NOT NULL,
    kind            TEXT NOT NULL,                                -- pdf | cms
    document_sha256 TEXT NOT NULL,
    output_sha256   TEXT NOT NULL,
    signer_subject  TEXT,
    signed_at       TEXT NOT NULL
  ) STRICT;
  `,
  `
  -- Signatures found on arrival (issue 5): each attachment's results, the message's own S/MIME results, and the one
  -- word for the entry (valid, invalid, untrusted, expired, revoked, modified_after_signing, none) rules and lists use.
  ALTER TABLE attachments ADD COLUMN signatures TEXT;             -- JSON array of SignatureResult
  ALTER TABLE messages ADD COLUMN signatures TEXT;                -- JSON array of SignatureResult (S/MIME)
  ALTER TABLE register_entries ADD COLUMN signature TEXT;         -- summary; NULL: not checked
  `,
  `
  -- People who use the API with their own token (issue 5: signing is a role). Tokens are random, 256 bits; only
  -- their SHA-256 is kept. The admin token in <dataDir>/admin-token stays the mail admin's.
  CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    unit         TEXT,
    roles        TEXT NOT NULL,                                   -- comma-separated: admin, clerk, signer
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    disabled_at  TEXT
  ) STRICT;
  `,
];
