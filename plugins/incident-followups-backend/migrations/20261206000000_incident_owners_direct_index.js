// @ts-check

/**
 * A team overview reads the incidents a team owns directly (`owner_ref` and
 * `direct`) for its incident figures, post-mortems and missing post-mortems.
 * The index by owner held no `direct`, so every one of a team's incidents
 * (4,700 for a busy team at 100,000 incidents) was fetched from the table to
 * read it, from as many scattered pages. With `direct` in the index the
 * lookup reads the index alone.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_owners', table => {
    table.index(
      ['owner_ref', 'direct', 'incident_id'],
      'incident_owners_team_idx',
    );
  });
  await knex.schema.alterTable('incident_owners', table => {
    table.dropIndex([], 'incident_owners_ref_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_owners', table => {
    table.index(['owner_ref', 'incident_id'], 'incident_owners_ref_idx');
  });
  await knex.schema.alterTable('incident_owners', table => {
    table.dropIndex([], 'incident_owners_team_idx');
  });
};
