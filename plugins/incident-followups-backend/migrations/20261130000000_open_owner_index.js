// @ts-check

/**
 * My followups and the team overview read the open followups a person or a
 * group owns; a person or team owns ten closed ones for each open one. The
 * covering index over all followups by owner reads them all and drops the
 * closed ones; this one holds the open ones only, in the order of urgency.
 * MySQL has no partial indexes: there the covering index serves.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client.includes('mysql')) return;
  await knex.schema.alterTable('followups', table => {
    table.index(
      ['owner_ref', 'due_at', 'id', 'status'],
      'followups_open_owner_idx',
      { predicate: knex.whereRaw("status in ('open', 'in-progress')") },
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client.includes('mysql')) return;
  await knex.schema.alterTable('followups', table => {
    table.dropIndex([], 'followups_open_owner_idx');
  });
};
