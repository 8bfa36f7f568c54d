import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const directory = resolvePackagePath(
  '@incident-followups/plugin-incident-followups-backend',
  'migrations',
);

async function tableNames(knex: Knex): Promise<string[]> {
  const client = knex.client.config.client as string;
  let names: string[];
  if (client.includes('sqlite')) {
    const rows = await knex('sqlite_master')
      .where({ type: 'table' })
      .whereNot('name', 'like', 'sqlite_%')
      .select('name');
    names = rows.map(r => r.name);
  } else if (client.includes('pg')) {
    const rows = await knex('pg_tables')
      .whereRaw('schemaname = current_schema()')
      .select('tablename');
    names = rows.map(r => r.tablename);
  } else {
    const rows = await knex('information_schema.tables')
      .whereRaw('table_schema = database()')
      .select({ name: 'table_name' });
    names = rows.map(r => r.name);
  }
  return names.filter(name => !name.startsWith('knex_migrations')).sort();
}

/** Applies the migrations that come before `migration`. */
async function migrateUpTo(knex: Knex, migration: string) {
  const [, pending] = await knex.migrate.list({ directory });
  for (const { file } of pending) {
    if (file >= migration) break;
    await knex.migrate.up({ directory, name: file });
  }
}

/** Every table of the plugin with its columns and whether they take null. */
async function schemaOf(knex: Knex) {
  const schema: Record<string, Record<string, boolean>> = {};
  for (const table of await tableNames(knex)) {
    const columns = await knex(table).columnInfo();
    schema[table] = Object.fromEntries(
      Object.entries(columns).map(([name, info]) => [name, info.nullable]),
    );
  }
  return schema;
}

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('go all the way up, all the way down, and up again to the same schema', async () => {
    const knex = await databases.init(databaseId);
    const [, applied] = await knex.migrate.latest({ directory });
    expect(applied.length).toBeGreaterThan(0);
    const schema = await schemaOf(knex);
    expect(Object.keys(schema)).toEqual(
      expect.arrayContaining([
        'incidents',
        'followups',
        'postmortems',
        'process_reviews',
        'followup_tickets',
        'incident_source_services',
      ]),
    );

    const [, rolledBack] = await knex.migrate.rollback({ directory }, true);
    expect(rolledBack).toHaveLength(applied.length);
    expect(await tableNames(knex)).toEqual([]);

    const [, reapplied] = await knex.migrate.latest({ directory });
    expect(reapplied).toEqual(applied);
    expect(await schemaOf(knex)).toEqual(schema);
  });

  it('give PostgreSQL statistics of the final severity, which most reads filter by', async () => {
    const knex = await databases.init(databaseId);
    if (!String(knex.client.config.client).includes('pg')) return;
    await knex.migrate.latest({ directory });
    const rows = await knex('pg_statistic_ext').where({
      stxname: 'incidents_final_severity_stats',
    });
    expect(rows).toHaveLength(1);
  });

  it("copy each incident's start to the entities it affects, for the service tabs", async () => {
    const knex = await databases.init(databaseId);
    await migrateUpTo(knex, '20261209000000_incident_entities_started_at.js');
    const startedAt = new Date('2026-03-04T05:06:07.089Z');
    await knex('incidents').insert({
      id: 'incident-1',
      title: 'Checkout down',
      description: '',
      severity: 'SEV-2',
      status: 'resolved',
      started_at: startedAt,
      source_type: 'manual',
      owners_stale: false,
      created_at: startedAt,
      updated_at: startedAt,
      version: 1,
    });
    await knex('incident_entities').insert([
      {
        incident_id: 'incident-1',
        entity_ref: 'component:default/checkout',
        direct: true,
      },
      {
        incident_id: 'incident-1',
        entity_ref: 'system:default/shop',
        direct: false,
      },
    ]);

    await knex.migrate.latest({ directory });

    const rows = await knex('incident_entities').orderBy('entity_ref');
    expect(rows.map(row => new Date(row.started_at).toISOString())).toEqual([
      startedAt.toISOString(),
      startedAt.toISOString(),
    ]);
    // Every writer must give the start: an insert without it is refused.
    const refusal = await knex('incident_entities')
      .insert({
        incident_id: 'incident-1',
        entity_ref: 'component:default/cart',
        direct: true,
      })
      .then(
        () => 'inserted',
        (error: Error) => error.message,
      );
    expect(refusal).toMatch(/started_at/);
  });

  it('make the organiser of each meeting scheduled before an attendee, once', async () => {
    const knex = await databases.init(databaseId);
    await migrateUpTo(knex, '20261211000000_organisers_attend.js');
    const at = new Date('2026-11-20T10:00:00.000Z');
    const meeting = (id: string, createdBy: string) => ({
      id,
      title: id,
      scheduled_for: at,
      duration_minutes: 60,
      period_since: at,
      period_until: at,
      created_at: at,
      created_by: createdBy,
      updated_at: at,
      version: 1,
    });
    await knex('process_reviews').insert([
      meeting('by-dave', 'user:default/dave'),
      meeting('by-carol', 'user:default/carol'),
      meeting('by-a-service', 'plugin:scheduler'),
    ]);
    // Carol had joined her own meeting already.
    await knex('process_review_attendees').insert({
      review_id: 'by-carol',
      user_ref: 'user:default/carol',
      added_by: 'user:default/dave',
      added_at: at,
    });

    await knex.migrate.latest({ directory });

    const rows = await knex('process_review_attendees')
      .orderBy('review_id')
      .select('review_id', 'user_ref', 'added_by');
    expect(rows).toEqual([
      {
        review_id: 'by-carol',
        user_ref: 'user:default/carol',
        added_by: 'user:default/dave',
      },
      {
        review_id: 'by-dave',
        user_ref: 'user:default/dave',
        added_by: 'user:default/dave',
      },
    ]);
  });

  it('migrate a new database when two replicas start on it together', async () => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    await Promise.all([
      DatabaseIncidentStore.create({ database }),
      DatabaseIncidentStore.create({ database }),
    ]);
    const [, pending] = await knex.migrate.list({ directory });
    expect(pending).toEqual([]);
  });

  it('migrates when two replicas creating knex’s lock table together left it two lock rows', async () => {
    const knex = await databases.init(databaseId);
    // knex creates its bookkeeping tables, and one lock row, on listing.
    await knex.migrate.list({ directory });
    await knex('knex_migrations_lock').insert({ is_locked: 0 });
    await DatabaseIncidentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const [, pending] = await knex.migrate.list({ directory });
    expect(pending).toEqual([]);
    expect(await knex('knex_migrations_lock').select('is_locked')).toEqual([
      { is_locked: 0 },
    ]);
  });
});
