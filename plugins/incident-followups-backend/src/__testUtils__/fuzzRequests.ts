import fc from 'fast-check';

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

function deref(spec: any, node: any): any {
  let current = node;
  while (current?.$ref) {
    current = String(current.$ref)
      .slice(2)
      .split('/')
      .reduce((parent, key) => parent[key], spec);
  }
  return current;
}

/** The operations of an OpenAPI document, with what the fuzzer varies. */
export function operationsOf(spec: any): Operation[] {
  return Object.entries<any>(spec.paths).flatMap(([path, item]) =>
    METHODS.filter(method => item[method]).map(method => {
      const operation = item[method];
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map(p => deref(spec, p));
      const json = operation.requestBody?.content?.['application/json'];
      const schema = deref(spec, json?.schema);
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

const specialStrings = [
  '',
  ' ',
  '\u0000',
  '\uFFFF\uD800',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e400',
  '9007199254740993',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'SEV-9',
  'P9',
  'resolved',
  'wont-do',
  'user:default/',
  ':/',
  'group:default/payments',
  'component:default/checkout-api',
  'user:default/dave',
  'kind:ns/name/extra',
  '2026-13-45T99:99:99Z',
  '2026-11-02T09:14:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  '1999-01-01',
  'http://',
  ['javascript', 'alert(1)'].join(':'),
  'https://example.com/x',
  '<script>alert(1)</script>',
  "'; DROP TABLE incidents; --",
  '%',
  '%zz',
  '..',
  '../../etc/passwd',
  'a'.repeat(301),
  'x'.repeat(70_000),
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...specialStrings) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.uuid() },
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      [],
      {},
      [null],
      { __proto__: { admin: true } },
    ),
  },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.array(hostileString, { minLength: 1, maxLength: 5 }),
  },
);

/** Values of a plausible shape that databases or services may still choke on. */
const trickyValue: fc.Arbitrary<unknown> = fc.constantFrom(
  '0001-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '2038-01-20T00:00:00Z',
  '2036-12-31T23:59:59-12:00',
  '9999-12-31T23:59:59+14:00',
  'a\u0000b',
  '\u0000',
  '\uD800',
  'é'.repeat(300),
  '😀'.repeat(150),
  '   ',
  `user:default/${'a'.repeat(250)}`,
  'user:default/nobody',
  'group:default/payments',
  'component:default/checkout-api',
  2147483648,
  -2147483649,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  0,
  [],
  [''],
);

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
