// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_source_services', table => {
    table.comment(
      'Services of incident sources such as PagerDuty that catalog entities map to, with their sync cursor and status',
    );
    table.string('source_type', 32).notNullable();
    table.string('service_id', 255).notNullable();
    // Incidents created before the cursor have been imported.
    table.timestamp('cursor_at', { useTz: true, precision: 3 }).nullable();
    table
      .timestamp('last_attempt_at', { useTz: true, precision: 3 })
      .nullable();
    table.timestamp('last_synced_at', { useTz: true, precision: 3 }).nullable();
    table.text('last_error').nullable();
    table.integer('imported_count').notNullable().defaultTo(0);
    table.primary(['source_type', 'service_id']);
  });

  await knex.schema.alterTable('incident_history', table => {
    // Events imported from a source (such as PagerDuty log entries) carry their id there.
    table.string('source_event_id', 255).nullable();
    table.unique(['incident_id', 'source_event_id'], {
      indexName: 'incident_history_source_event_uniq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_history', table => {
    table.dropUnique(
      ['incident_id', 'source_event_id'],
      'incident_history_source_event_uniq',
    );
    table.dropColumn('source_event_id');
  });
  await knex.schema.dropTable('incident_source_services');
};
