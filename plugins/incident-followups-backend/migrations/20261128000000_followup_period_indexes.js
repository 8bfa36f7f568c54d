// @ts-check

/**
 * The team overview counts a team's followups by the week they were due, added
 * and closed in a period, and the process review lists the open process items:
 * without these indexes each of those reads every followup.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('followups', table => {
    table.index(['due_at'], 'followups_due_at_idx');
    table.index(['created_at'], 'followups_created_at_idx');
    table.index(['completed_at'], 'followups_completed_at_idx');
    table.index(['kind', 'status'], 'followups_kind_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('followups', table => {
    table.dropIndex(['due_at'], 'followups_due_at_idx');
    table.dropIndex(['created_at'], 'followups_created_at_idx');
    table.dropIndex(['completed_at'], 'followups_completed_at_idx');
    table.dropIndex(['kind', 'status'], 'followups_kind_idx');
  });
};
