/*
 * Loaded into the bench backend with `node --require`: records the SQL that
 * knex sends while an HTTP request is being served, so that the bench can count
 * the queries of each request and replay them as the raw-SQL floor. Queries of
 * background work (the catalog's processing loop) run outside any request and
 * are left out. The bench drives it over the IPC channel: `capture-start`, then
 * `capture-stop`, which answers with what was recorded.
 */
const { AsyncLocalStorage } = require('node:async_hooks');
const http = require('node:http');
const KnexClient = require('knex/lib/client');

const requestContext = new AsyncLocalStorage();
let capturing = false;
let queries = [];
let requests = [];

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function captureRequest(event, req, ...rest) {
  if (event === 'request' && capturing) {
    requests.push(`${req.method} ${req.url}`);
    return requestContext.run(true, () => emit.call(this, event, req, ...rest));
  }
  return emit.call(this, event, req, ...rest);
};

function plain(value, sqlite) {
  if (value instanceof Date)
    return sqlite ? value.getTime() : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString();
  return value;
}

const query = KnexClient.prototype.query;
KnexClient.prototype.query = function capture(connection, queryParam) {
  if (capturing && requestContext.getStore()) {
    const settings = this.connectionSettings ?? {};
    const sqlite = this.config.client === 'better-sqlite3';
    const param =
      typeof queryParam === 'string' ? { sql: queryParam } : queryParam;
    queries.push({
      client: this.config.client,
      database: sqlite ? settings.filename : settings.database,
      sql: param.sql,
      bindings: (param.bindings ?? []).map(b => plain(b, sqlite)),
      // The name a statement the plugin prepares is sent under.
      name: param.options?.name,
    });
  }
  return query.call(this, connection, queryParam);
};

process.on('message', message => {
  if (message === 'capture-start') {
    queries = [];
    requests = [];
    capturing = true;
    process.send({ type: 'capture-started' });
  } else if (message === 'capture-stop') {
    capturing = false;
    process.send({ type: 'captured', queries, requests });
  }
});

// The bench went away (finished or killed): the backend goes with it.
process.on('disconnect', () => process.exit(0));
