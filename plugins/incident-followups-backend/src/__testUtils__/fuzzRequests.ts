import fc from 'fast-check';
import { resolveRef } from '../schema/openApiSpec';
import { hostileString, hostileValue, trickyValue } from './fuzzValues';

/** One generated request, ready to send. */
export interface FuzzRequest {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Path and query, relative to the plugin's base URL. */
  url: string;
  contentType?: string;
  body?: string;
}

/** Ids of stored things, so that some requests reach past the 404s. */
export interface FuzzTargets {
  incidentId: string;
  relatedIncidentId: string;
  followupId: string;
  postmortemId: string;
  processReviewId: string;
  joinRequestId: string;
  proposalKey: string;
  groupRef: string;
}

interface Operation {
  operationId: string;
  method: FuzzRequest['method'];
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyProperties: string[];
  example?: unknown;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Percent-encodes as a client would; lone surrogates cannot be, so they are replaced. */
function encode(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
}

/** The operations of an OpenAPI document, with what the fuzzer varies. */
export function operationsOf(spec: any): Operation[] {
  return Object.entries<any>(spec.paths).flatMap(([path, item]) =>
    METHODS.filter(method => item[method]).map(method => {
      const operation = item[method];
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map(p => resolveRef(spec, p));
      const json = operation.requestBody?.content?.['application/json'];
      const schema = resolveRef(spec, json?.schema);
      return {
        operationId: operation.operationId,
        method,
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map(m => m[1]),
        queryParams: parameters
          .filter(p => p.in === 'query')
          .map(p => p.name as string),
        bodyProperties: Object.keys(schema?.properties ?? {}),
        example: json?.example,
      };
    }),
  );
}

function mutated(example: Record<string, unknown>, keys: string[]) {
  const key = fc.constantFrom(...keys, 'unknownField', '__proto__');
  return fc.oneof(
    fc.tuple(key, trickyValue).map(([k, v]) => ({ ...example, [k]: v })),
    fc.tuple(key, hostileValue).map(([k, v]) => ({ ...example, [k]: v })),
    key.map(k => {
      const copy = { ...example };
      delete copy[k];
      return copy;
    }),
    fc
      .tuple(key, key, hostileValue, hostileValue)
      .map(([k1, k2, v1, v2]) => ({ ...example, [k1]: v1, [k2]: v2 })),
  );
}

function bodyOf(operation: Operation): fc.Arbitrary<string | undefined> {
  const keys = operation.bodyProperties.length
    ? operation.bodyProperties
    : ['value'];
  const fromKeys = fc
    .subarray(keys)
    .chain(chosen =>
      fc
        .tuple(...chosen.map(() => hostileValue))
        .map(values =>
          Object.fromEntries(chosen.map((k, i) => [k, values[i]])),
        ),
    );
  const example =
    operation.example && typeof operation.example === 'object'
      ? (operation.example as Record<string, unknown>)
      : undefined;
  const json = fc.oneof(
    {
      weight: example ? 5 : 0,
      arbitrary: example ? mutated(example, keys) : fc.constant({}),
    },
    { weight: 3, arbitrary: fromKeys },
    { weight: 2, arbitrary: hostileValue },
  );
  return fc.oneof(
    { weight: 10, arbitrary: json.map(value => JSON.stringify(value)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '{',
        '{"title": ',
        '[1,2',
        'null',
        '"text"',
        '{"a":1,"a":2}',
        '{"__proto__": {"isAdmin": true}}',
        '{"constructor": {"prototype": {"x": 1}}}',
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
        `{"transcript": "${'x'.repeat(300_000)}"}`,
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function realValue(
  path: string,
  param: string,
  targets: FuzzTargets,
): string | undefined {
  if (param === 'groupRef') return targets.groupRef;
  if (param === 'key') return targets.proposalKey;
  if (param === 'requestId') return targets.joinRequestId;
  if (param === 'relatedId') return targets.relatedIncidentId;
  if (param === 'incidentId') return targets.incidentId;
  if (path.startsWith('/incidents/')) return targets.incidentId;
  if (path.startsWith('/followups/')) return targets.followupId;
  if (path.startsWith('/postmortems/')) return targets.postmortemId;
  if (path.startsWith('/process-reviews/')) return targets.processReviewId;
  return undefined;
}

function pathValue(path: string, param: string, targets: FuzzTargets) {
  const real = realValue(path, param, targets);
  return fc
    .oneof(
      { weight: real ? 4 : 0, arbitrary: fc.constant(real ?? '') },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 3, arbitrary: hostileString },
    )
    .chain(value =>
      // Mostly encoded as a client would; sometimes raw, broken encodings included.
      fc.constantFrom(encode(value), value.replace(/[/?#]/g, '')),
    );
}

function queryOf(operation: Operation, minPairs: number): fc.Arbitrary<string> {
  const name = fc.oneof(
    {
      weight: operation.queryParams.length ? 4 : 0,
      arbitrary: fc.constantFrom(...operation.queryParams, 'x'),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('colour', '__proto__', 'limit[]', 'status[0]'),
    },
  );
  const pair = fc
    .tuple(
      name,
      fc.oneof(
        hostileString.map(v => [v]),
        fc.array(hostileString, { minLength: 2, maxLength: 3 }),
      ),
      fc.boolean(),
    )
    .map(([n, values, encoded]) =>
      values
        .map(v =>
          encoded
            ? `${encode(n)}=${encode(v)}`
            : `${n}=${v.replace(/[&#\s]/g, '')}`,
        )
        .join('&'),
    );
  return fc
    .array(pair, { minLength: minPairs, maxLength: 4 })
    .map(pairs => (pairs.length ? `?${pairs.join('&')}` : ''));
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'multipart/form-data; boundary=x',
  'application/xml',
);

/** What one request gets wrong; the rest of it is valid, so that the fault is what is tested. */
const FAULTS = [
  'path',
  'query',
  'contentType',
  'body',
  'body',
  'body',
  'body',
  'everything',
] as const;

/**
 * Requests for every operation of the document, each malformed in its path
 * parameters, query, content type or body (or all of them), the rest valid and
 * aimed at stored things where the path names one.
 */
export function fuzzRequests(
  spec: any,
  targets: FuzzTargets,
): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(fc.constantFrom(...operationsOf(spec)), fc.constantFrom(...FAULTS))
    .chain(([operation, fault]) => {
      const hasBody =
        operation.method !== 'get' && operation.method !== 'delete';
      // A fault the operation has no place for goes into the query instead.
      const placed =
        (!hasBody && (fault === 'body' || fault === 'contentType')) ||
        (fault === 'path' && operation.pathParams.length === 0)
          ? 'query'
          : fault;
      const faulty = (part: (typeof FAULTS)[number]) =>
        placed === part || placed === 'everything';
      const validParams = operation.pathParams.map(p =>
        fc.constant(
          encode(
            realValue(operation.path, p, targets) ??
              '00000000-0000-4000-8000-000000000000',
          ),
        ),
      );
      const validBody = JSON.stringify(operation.example ?? {});
      return fc
        .record({
          params: faulty('path')
            ? fc.tuple(
                ...operation.pathParams.map(p =>
                  pathValue(operation.path, p, targets),
                ),
              )
            : fc.tuple(...validParams),
          query: faulty('query')
            ? queryOf(operation, placed === 'query' ? 1 : 0)
            : fc.constant(''),
          body:
            hasBody && faulty('body')
              ? bodyOf(operation)
              : fc.constant(hasBody ? validBody : undefined),
          contentType: faulty('contentType')
            ? contentTypes
            : fc.constant('application/json'),
        })
        .map(({ params, query, body, contentType }) => {
          let i = 0;
          const path = operation.path.replace(/\{\w+\}/g, () => params[i++]);
          return {
            operationId: operation.operationId,
            method: operation.method,
            url: `${path}${query}`,
            ...(body === undefined ? {} : { body, contentType }),
          };
        });
    });
}
