/**
 * The migrations shipped with this build. Vite inlines the SQL files at build time, so the
 * bundled CLI and the packaged app carry exactly the migrations they were built with.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const files = import.meta.glob<string>('../../../migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function bundledMigrations(): Migration[] {
  return parseMigrationFiles(files);
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
