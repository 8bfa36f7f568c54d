// @ts-check

/**
 * Most reads filter incidents by their final severity, the expression
 * `coalesce(final_severity, severity)`. PostgreSQL keeps no statistics of an
 * expression by itself and guesses that 0.5 % of the incidents match: for a
 * team overview's "post-mortem missing" list it guessed 1,000 major incidents
 * where there were 10,000 and hashed them all, not the team's 4,700 incident
 * ids (20 -> 11 ms at 100,000 incidents). Statistics of an expression need
 * PostgreSQL 14; SQLite and MySQL plan these reads without them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!(await postgresWithExpressionStatistics(knex))) return;
  await knex.raw(
    'create statistics incidents_final_severity_stats on (coalesce(final_severity, severity)) from incidents',
  );
  await knex.raw('analyze incidents');
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!(await postgresWithExpressionStatistics(knex))) return;
  await knex.raw('drop statistics if exists incidents_final_severity_stats');
};

/**
 * @param {import('knex').Knex} knex
 */
async function postgresWithExpressionStatistics(knex) {
  if (!String(knex.client.config.client).includes('pg')) return false;
  const { rows } = await knex.raw(
    "select current_setting('server_version_num')::int as version",
  );
  return rows[0].version >= 140000;
}
