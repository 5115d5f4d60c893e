// The journal's open SQLite connection, as database.ts opens it and every journal module uses it.
import type Database from 'better-sqlite3';

export type JournalDatabase = Database.Database;
