// @ts-check

/**
 * The team overview counts a team's followups (those of its incidents, and
 * those its groups own) by status and dates; with these indexes holding every
 * column it reads, the counts come from the index alone, not from a fetch of
 * each followup row. My followups finds the incidents a person commanded, and
 * the service tab counts a component's incidents not grouped under another,
 * from an index alone too.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('followups', table => {
    table.index(
      [
        'incident_id',
        'type',
        'status',
        'due_at',
        'created_at',
        'completed_at',
        'owner_ref',
        'id',
      ],
      'followups_incident_cover_idx',
    );
    table.index(
      [
        'owner_ref',
        'type',
        'status',
        'due_at',
        'created_at',
        'completed_at',
        'id',
      ],
      'followups_owner_cover_idx',
    );
  });
  await knex.schema.alterTable('incidents', table => {
    table.index(['id', 'primary_incident_id'], 'incidents_id_primary_idx');
  });
  await knex.schema.alterTable('incident_responders', table => {
    table.index(
      ['user_ref', 'role', 'incident_id'],
      'incident_responders_user_role_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('followups', table => {
    table.dropIndex([], 'followups_incident_cover_idx');
    table.dropIndex([], 'followups_owner_cover_idx');
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex([], 'incidents_id_primary_idx');
  });
  await knex.schema.alterTable('incident_responders', table => {
    table.dropIndex([], 'incident_responders_user_role_idx');
  });
};
