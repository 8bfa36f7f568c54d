// @ts-check

/**
 * My followups and the team overview read the open followups a person or a
 * group owns; a person or team owns ten closed ones for each open one. The
 * covering index over all followups by owner reads them all and drops the
 * closed ones; `followups_open_owner_idx` holds the open ones only, in the
 * order of urgency. A process review counts the open process items carried
 * over from incidents resolved before its period by their incident: the
 * partial index of open process items now holds the incident too, so that
 * count reads the index alone. MySQL has no partial indexes: there the
 * covering indexes serve.
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
    table.dropIndex([], 'followups_open_process_items_idx');
  });
  await knex.schema.alterTable('followups', table => {
    table.index(
      ['created_at', 'id', 'incident_id'],
      'followups_open_process_items_idx',
      { predicate: openProcessItems(knex) },
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
    table.dropIndex([], 'followups_open_process_items_idx');
  });
  await knex.schema.alterTable('followups', table => {
    table.index(['created_at', 'id'], 'followups_open_process_items_idx', {
      predicate: openProcessItems(knex),
    });
  });
};

/** @param {import('knex').Knex} knex */
function openProcessItems(knex) {
  return knex.whereRaw(
    "type = 'action-item' and kind = 'process' and status in ('open', 'in-progress')",
  );
}
