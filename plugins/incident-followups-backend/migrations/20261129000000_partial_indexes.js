// @ts-check

/**
 * The team overview and the reminders read the open followups of many
 * incidents; most followups are closed. An index of the open ones only
 * (`where status in ('open', 'in-progress')`) is a tenth the size of one over
 * all, so reading a team's open backlog walks a tenth of the pages. MySQL has
 * no partial indexes: there the covering index of the team overview serves.
 * The team overview's "post-mortem missing" list reads the incidents that
 * need one (major, not grouped under another) through a partial index too,
 * and a process review's agenda the oldest open process action items.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client.includes('mysql')) return;
  await knex.schema.alterTable('followups', table => {
    table.index(
      ['incident_id', 'status', 'due_at', 'owner_ref', 'id'],
      'followups_open_incident_idx',
      { predicate: knex.whereRaw("status in ('open', 'in-progress')") },
    );
    table.index(['created_at', 'id'], 'followups_open_process_items_idx', {
      predicate: knex.whereRaw(
        "type = 'action-item' and kind = 'process' and status in ('open', 'in-progress')",
      ),
    });
  });
  await knex.schema.alterTable('incidents', table => {
    table.index(['id', 'started_at'], 'incidents_needing_postmortem_idx', {
      predicate: knex
        .whereNull('primary_incident_id')
        .whereRaw("coalesce(final_severity, severity) in ('SEV-1', 'SEV-2')"),
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client.includes('mysql')) return;
  await knex.schema.alterTable('followups', table => {
    table.dropIndex([], 'followups_open_incident_idx');
    table.dropIndex([], 'followups_open_process_items_idx');
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex([], 'incidents_needing_postmortem_idx');
  });
};
