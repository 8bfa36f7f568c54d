// @ts-check

/**
 * The process-review list counts each meeting's people: the commanders of the
 * incidents resolved in its period and not grouped under another. For the 50
 * meetings of a list at 100k incidents that is 32,000 incidents, whose rows
 * PostgreSQL read for `primary_incident_id`, and every responder row, read in
 * full and filtered by role, to join them (175 ms a list). From these two
 * indexes alone it takes 105 ms. PostgreSQL only: SQLite matches a partial
 * index's condition only to the same text in a query, which the filter-only
 * `+primary_incident_id` of SQLite's queries is not, and MySQL has no partial
 * indexes (there the responders' primary key holds the commanders by incident
 * already).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!String(knex.client.config.client).includes('pg')) return;
  await knex.schema.alterTable('incidents', table => {
    table.index(['resolved_at', 'id'], 'incidents_ungrouped_resolved_idx', {
      predicate: knex.whereNull('primary_incident_id'),
    });
  });
  await knex.schema.alterTable('incident_responders', table => {
    table.index(
      ['incident_id', 'user_ref'],
      'incident_responders_commander_idx',
      {
        predicate: knex.whereRaw("role = 'incident-commander'"),
      },
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!String(knex.client.config.client).includes('pg')) return;
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex([], 'incidents_ungrouped_resolved_idx');
  });
  await knex.schema.alterTable('incident_responders', table => {
    table.dropIndex([], 'incident_responders_commander_idx');
  });
};
