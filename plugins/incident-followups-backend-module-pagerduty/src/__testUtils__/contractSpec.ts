import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';

/** PagerDuty's published OpenAPI document, which the fake holds itself and its callers to. */
export const PAGERDUTY_OPENAPI_PATH = resolvePackagePath(
  '@incident-followups/plugin-incident-followups-backend-module-pagerduty',
  'openapi/pagerduty-rest-openapiv3.json',
);

type Json = unknown;

/**
 * Examples are documentation, not contract, and some carry `id` fields that the
 * schema compiler takes for schema ids (and then finds twice).
 */
function withoutExamples(node: Json, inProperties = false): Json {
  if (Array.isArray(node)) return node.map(item => withoutExamples(item));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(
        ([key]) =>
          inProperties || !['example', 'examples', 'x-examples'].includes(key),
      )
      .map(([key, value]) => [
        key,
        withoutExamples(value, !inProperties && key === 'properties'),
      ]),
  );
}

function pointerGet(document: any, pointer: string): Json {
  return pointer
    .slice(2)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, part) => node?.[part], document);
}

/**
 * The document refers into the middle of schemas (`#/components/schemas/Tag/allOf/0`),
 * which the validator's schema compiler cannot follow: each such part becomes a
 * component of its own, with the same content.
 */
function hoistDeepRefs(document: any): void {
  const hoisted = new Map<string, string>();
  const visit = (node: any): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.split('/').length > 4) {
      let target = hoisted.get(ref);
      if (!target) {
        const name = `Hoisted_${ref.slice(2).replace(/[^A-Za-z0-9]+/g, '_')}`;
        target = `#/components/schemas/${name}`;
        hoisted.set(ref, target);
        document.components.schemas[name] = structuredClone(
          pointerGet(document, ref),
        );
        visit(document.components.schemas[name]);
      }
      node.$ref = target;
    }
    Object.values(node).forEach(visit);
  };
  visit(document);
}

/**
 * `nullable` without a `type` beside it (as on some `$ref`s and `allOf`s) means
 * nothing to the schema compiler, which refuses it: such a schema becomes "this,
 * or null", as its authors meant.
 */
function typelessNullables(node: Json, inProperties = false): Json {
  if (Array.isArray(node)) return node.map(item => typelessNullables(item));
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]) => [
    key,
    typelessNullables(value, !inProperties && key === 'properties'),
  ]);
  const schema = Object.fromEntries(entries);
  if (!inProperties && 'nullable' in schema && !('type' in schema)) {
    const { nullable, ...rest } = schema;
    return nullable === true ? { anyOf: [rest, { enum: [null] }] } : rest;
  }
  return schema;
}

/**
 * express-openapi-validator 5.6 folds `service_ids[]=A` into `service_ids` before it
 * looks the parameter up, whatever the document says; so the validator's copy names
 * PagerDuty's array parameters the way it will look for them.
 */
function bracketlessQueryNames(document: any): void {
  const rename = (parameter: any) => {
    if (parameter?.in === 'query' && parameter.name?.endsWith('[]')) {
      parameter.name = parameter.name.slice(0, -2);
      // Some are typed as one string although their description says to pass them
      // more than once (`statuses[]`, `include[]`): they are arrays of that string.
      if (parameter.schema && parameter.schema.type !== 'array') {
        const { uniqueItems, ...item } = parameter.schema;
        parameter.schema = { type: 'array', items: item, uniqueItems };
      }
    }
  };
  Object.values(document.components?.parameters ?? {}).forEach(rename);
  for (const pathItem of Object.values<any>(document.paths)) {
    for (const operation of Object.values<any>(pathItem)) {
      if (Array.isArray(operation?.parameters))
        operation.parameters.forEach(rename);
    }
    if (Array.isArray(pathItem.parameters)) pathItem.parameters.forEach(rename);
  }
}

/**
 * `AcknowledgeLogEntry` narrows the type to `acknowledgement_log_entry`, which its
 * base `LogEntry` does not allow, so no acknowledgement could ever pass; PagerDuty
 * sends `acknowledge_log_entry`, as `LogEntry` lists.
 */
function fixAcknowledgeLogEntry(document: any): void {
  const narrowed = document.components.schemas.AcknowledgeLogEntry?.allOf?.[1];
  if (narrowed?.properties?.type?.enum?.[0] === 'acknowledgement_log_entry') {
    narrowed.properties.type.enum = ['acknowledge_log_entry'];
  }
}

/**
 * Requests refer to objects by `{ id, type }` (`source_incidents`, a priority, a
 * status page), as the document's own request examples do, but the base schema of
 * all references marks both read-only, which would refuse every such request.
 */
function writableReferences(node: Json, inProperties = false): void {
  if (Array.isArray(node)) {
    node.forEach(item => writableReferences(item));
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (inProperties && (key === 'id' || key === 'type')) {
      delete (value as { readOnly?: boolean }).readOnly;
    }
    writableReferences(value, !inProperties && key === 'properties');
  }
}

/**
 * A post update must name its `post`, which a post being created with its first
 * update has no id for yet; the document's own example of creating a post leaves
 * it out, and the update endpoints carry the post in their path.
 */
function postUpdatesWithoutPost(document: any): void {
  const update = document.components.schemas.StatusPagePostUpdateRequest;
  if (Array.isArray(update?.required)) {
    update.required = update.required.filter((key: string) => key !== 'post');
  }
}

let cached: object | undefined;

/** The document as the fake's validator reads it. */
export function loadContractSpec(): object {
  if (!cached) {
    const document = withoutExamples(
      JSON.parse(readFileSync(PAGERDUTY_OPENAPI_PATH, 'utf8')),
    ) as any;
    hoistDeepRefs(document);
    bracketlessQueryNames(document);
    fixAcknowledgeLogEntry(document);
    writableReferences(document);
    postUpdatesWithoutPost(document);
    cached = typelessNullables(document) as object;
  }
  return structuredClone(cached!);
}
