// @ts-check

const OWNER_COVER_COLUMNS = [
  'owner_ref',
  'type',
  'status',
  'due_at',
  'created_at',
  'completed_at',
  'id',
];
const OPEN_OWNER_COLUMNS = ['owner_ref', 'due_at', 'id', 'status'];

/**
 * The team overview adds the followups a team's groups own on other teams'
 * incidents: it reads the groups' followups by owner and drops those of the
 * team's own incidents, which takes each one's incident. The indexes by owner
 * held no incident, so each followup was fetched from the table for it (a
 * top-level group's 125 groups: 4,500 followups of the period, 2,600 open
 * ones, from as many pages). With the incident in them, these reads come
 * from the indexes alone. MySQL has no partial indexes: there only the
 * covering index changes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const partial = !knex.client.config.client.includes('mysql');
  await knex.schema.alterTable('followups', table => {
    table.index(
      [...OWNER_COVER_COLUMNS, 'incident_id'],
      'followups_owner_incident_cover_idx',
    );
    if (partial) {
      table.index(
        [...OPEN_OWNER_COLUMNS, 'incident_id'],
        'followups_open_owner_incident_idx',
        { predicate: knex.whereRaw("status in ('open', 'in-progress')") },
      );
    }
  });
  await knex.schema.alterTable('followups', table => {
    table.dropIndex([], 'followups_owner_cover_idx');
    if (partial) table.dropIndex([], 'followups_open_owner_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const partial = !knex.client.config.client.includes('mysql');
  await knex.schema.alterTable('followups', table => {
    table.index(OWNER_COVER_COLUMNS, 'followups_owner_cover_idx');
    if (partial) {
      table.index(OPEN_OWNER_COLUMNS, 'followups_open_owner_idx', {
        predicate: knex.whereRaw("status in ('open', 'in-progress')"),
      });
    }
  });
  await knex.schema.alterTable('followups', table => {
    table.dropIndex([], 'followups_owner_incident_cover_idx');
    if (partial) table.dropIndex([], 'followups_open_owner_incident_idx');
  });
};
