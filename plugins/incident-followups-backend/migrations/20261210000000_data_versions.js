// @ts-check

/**
 * Every table a kept answer is read from (`team_followups` follows `followups`
 * and `incident_owners`). Not the bookkeeping that no kept answer reads, and
 * that scheduled tasks write on every run: the import cursors
 * (`incident_source_services`), the tickets' last check (`followup_tickets`;
 * a ticket's link and the status it sets are the followup's), the reminders
 * sent (`followup_reminders`) and the chat import proposals
 * (`postmortem_chat_proposals`).
 */
const WATCHED_TABLES = [
  'incidents',
  'incident_entities',
  'incident_owners',
  'incident_responders',
  'incident_history',
  'incident_feedback',
  'followups',
  'postmortems',
  'postmortem_transitions',
  'process_reviews',
  'process_review_items',
  'process_review_attendees',
  'process_review_decisions',
  'process_review_join_requests',
];
const EVENTS = ['insert', 'update', 'delete'];
/** The one writer of SQLite, whose row the migration creates. */
const SQLITE_WRITER = 'sqlite';

/**
 * The team overview, its card and the process reviews count thousands of rows
 * per request; their answers are kept (see `AnswerCache`) under the sum of
 * `data_versions.writes`, which every committed write of any table above
 * raises, so that no writer of the plugin, present or future, can leave a kept
 * answer in use after its change.
 *
 * The count is raised inside the writing transaction (it becomes visible with
 * the change, and a rolled back write raises nothing), in a row of the
 * writing connection's own: concurrent transactions never wait for each other
 * on it, as they would on one shared counter row (and could deadlock, when one
 * holds the counter and waits for a row the other locked). A statement that
 * writes no row (a refresh that finds everything as it was) changes nothing.
 * SQLite has one writer at a time and one row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('data_versions', table => {
    table.comment(
      'Committed writes per database connection; their sum changes with every write',
    );
    table.string('writer', 64).primary();
    table.bigInteger('writes').notNullable().defaultTo(0);
  });
  if (isSqlite(knex)) {
    await knex('data_versions').insert({ writer: SQLITE_WRITER, writes: 0 });
  }
  for (const statement of triggers(knex)) await knex.raw(statement);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of WATCHED_TABLES) {
    for (const event of EVENTS) {
      await knex.raw(
        `drop trigger if exists ${triggerName(table, event)}${
          isPg(knex) ? ` on ${table}` : ''
        }`,
      );
    }
  }
  if (isPg(knex)) {
    await knex.raw('drop function if exists data_versions_count()');
  }
  await knex.schema.dropTable('data_versions');
};

/**
 * @param {string} table
 * @param {string} event
 */
function triggerName(table, event) {
  return `data_versions_${table}_${event}`;
}

/**
 * @param {import('knex').Knex} knex
 * @returns {string[]}
 */
function triggers(knex) {
  if (isPg(knex)) {
    // Once per statement that wrote rows. Counting each row updates the
    // counter row once per row written, and PostgreSQL keeps every version of
    // it until the transaction ends: 10,000 rows inserted in one statement
    // took 28 times as long.
    return [
      `create function data_versions_count() returns trigger language plpgsql as $body$
       begin
         if exists (select from written) then
           insert into data_versions (writer, writes) values (pg_backend_pid()::text, 1)
           on conflict (writer) do update set writes = data_versions.writes + 1;
         end if;
         return null;
       end
       $body$`,
      ...WATCHED_TABLES.flatMap(table =>
        EVENTS.map(
          event => `create trigger ${triggerName(table, event)}
           after ${event} on ${table}
           referencing ${event === 'delete' ? 'old' : 'new'} table as written
           for each statement execute function data_versions_count()`,
        ),
      ),
    ];
  }
  const count = isMysql(knex)
    ? `insert into data_versions (writer, writes) values (connection_id(), 1)
       on duplicate key update writes = writes + 1`
    : `update data_versions set writes = writes + 1 where writer = '${SQLITE_WRITER}'`;
  return WATCHED_TABLES.flatMap(table =>
    EVENTS.map(
      event => `create trigger ${triggerName(table, event)}
       after ${event} on ${table} for each row begin ${count}; end`,
    ),
  );
}

/** @param {import('knex').Knex} knex */
function isMysql(knex) {
  return String(knex.client.config.client).includes('mysql');
}

/** @param {import('knex').Knex} knex */
function isPg(knex) {
  return String(knex.client.config.client).includes('pg');
}

/** @param {import('knex').Knex} knex */
function isSqlite(knex) {
  return !isMysql(knex) && !isPg(knex);
}
