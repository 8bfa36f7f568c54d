import autocannon from 'autocannon';
import { Knex } from 'knex';
/** The latencies (ms) of one slice of load, and the requests that failed. */
export interface LoadSlice {
  latencies: number[];
  errors: number;
  seconds: number;
}

/** Drives one URL with autocannon at a fixed concurrency; only 2xx answers count. */
export async function loadHttp(options: {
  url: string;
  token: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}): Promise<LoadSlice> {
  const samples: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...options.headers,
        },
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
      else errors++;
    });
  });
  errors += result.errors + result.timeouts;
  return { latencies: samples, errors, seconds: options.seconds };
}

/** One statement of the raw-SQL floor, on the database it ran on. */
export interface FloorStatement {
  knex: Knex;
  sql: string;
  bindings: unknown[];
  /** The name the plugin prepares it under: replayed prepared, as it ran. */
  name?: string;
}

/**
 * The floor: the statements a request issued, one after the other as the
 * backend ran them, repeated by as many concurrent workers as the HTTP load
 * has connections, straight against the databases.
 */
export async function loadSql(options: {
  statements: FloorStatement[];
  connections: number;
  seconds: number;
}): Promise<LoadSlice> {
  const samples: number[] = [];
  let errors = 0;
  const deadline = Date.now() + options.seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      try {
        for (const { knex, sql, bindings, name } of options.statements) {
          await knex
            .raw(sql, bindings as Knex.RawBinding[])
            .options(name ? { name } : {});
        }
        samples.push(performance.now() - started);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  return { latencies: samples, errors, seconds: options.seconds };
}
