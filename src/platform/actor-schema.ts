// Numbered migrations for an actor's SQLite storage, as cloudflare/actors does them: each
// runs once, in order, in one transaction with the version it brings, recorded in the
// object's own storage. An object made by an older deploy is brought up to date the first
// time it wakes, before it handles anything.
//
// Version 1 of every actor is its schema as it stood before versioning, written with
// IF NOT EXISTS: objects created back then already have those tables and simply get
// stamped with version 1.

/** `migrations[i]` takes the schema from version i to version i + 1. Only ever append. */
export type Migrations = readonly string[];

export function migrateActorStorage(storage: DurableObjectStorage, migrations: Migrations): number {
  return storage.transactionSync(() => {
    const sql = storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS _schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
    const current = sql.exec<{ version: number }>("SELECT version FROM _schema WHERE id = 1").toArray()[0]?.version ?? 0;
    if (current > migrations.length) {
      // A rollback to older code: it must not write into a schema it does not know.
      throw new Error(`actor storage is at version ${current}, newer than this code's ${migrations.length}`);
    }
    for (let v = current; v < migrations.length; v++) sql.exec(migrations[v]!);
    if (current < migrations.length) sql.exec("INSERT OR REPLACE INTO _schema (id, version) VALUES (1, ?)", migrations.length);
    return migrations.length;
  });
}

/** The version an object's storage is at (0: never migrated). */
export function actorSchemaVersion(storage: DurableObjectStorage): number {
  const table = storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_schema'").toArray();
  if (!table.length) return 0;
  return storage.sql.exec<{ version: number }>("SELECT version FROM _schema WHERE id = 1").toArray()[0]?.version ?? 0;
}

/**
 * An actor's storage that comes into being only when there is something to keep. An object
 * that already has tables (of any version) is migrated when it wakes; a blank one stays
 * blank, writing nothing, until `create()`: a request naming an actor it is not entitled to
 * (a made-up chat id, a made-up bot token) then stores nothing at all.
 */
export class LazyActorStorage {
  private created: boolean;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly migrations: Migrations,
  ) {
    this.created = hasTables(storage);
    if (this.created) migrateActorStorage(storage, migrations);
  }

  exists(): boolean {
    return this.created;
  }

  /** Brings the storage into being (idempotent). Call before the first write. */
  create(): void {
    if (this.created) return;
    migrateActorStorage(this.storage, this.migrations);
    this.created = true;
  }
}

function hasTables(storage: DurableObjectStorage): boolean {
  return (
    storage.sql
      .exec<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'")
      .one().n > 0
  );
}
