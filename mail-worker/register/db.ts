// Opens the register database (SQLite, WAL) and brings its schema up to date.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export function openRegisterDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'register.db'));
  db.pragma('journal_mode = WAL');
  // The register is a legal record: every commit is flushed, so a số đến once given survives a power loss too.
  db.pragma('synchronous = FULL');
  // Checkpoint the WAL every ~64 MB rather than every 4 MB: each checkpoint flushes the database file to disk.
  db.pragma('wal_autocheckpoint = 16000');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
