/**
 * The migrations shipped with this build, one folder per engine: migrations/sqlite/ (a vault's
 * own file) and migrations/postgres/ (a trust's server), each numbered 0001, 0002, … on its own.
 * Vite inlines the SQL files at build time, so the bundled CLI and the packaged app carry
 * exactly the migrations they were built with.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export type Engine = 'sqlite' | 'postgres';

// import.meta.glob takes literal patterns only, hence one call per folder.
const files: Record<Engine, Record<string, string>> = {
  sqlite: import.meta.glob<string>('../../../migrations/sqlite/*.sql', { query: '?raw', import: 'default', eager: true }),
  postgres: import.meta.glob<string>('../../../migrations/postgres/*.sql', { query: '?raw', import: 'default', eager: true }),
};

/** The engine's migrations in order. SQLite is the default: every vault on a computer is one. */
export function bundledMigrations(engine: Engine = 'sqlite'): Migration[] {
  return parseMigrationFiles(files[engine]);
}

export function parseMigrationFiles(sources: Record<string, string>): Migration[] {
  const migrations = Object.entries(sources).map(([path, sql]) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const match = /^(\d{4})_[a-z0-9_]+\.sql$/.exec(name);
    if (match === null) throw new Error(`Migration file ${name} is not named NNNN_name.sql`);
    return { version: Number(match[1]), name, sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${migration.name}`);
    }
  });
  return migrations;
}
