import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Where the published OpenAPI document lives in this package. */
export const OPENAPI_SPEC_PATH = resolvePackagePath(
  '@incident-followups/plugin-incident-followups-backend',
  'src/schema/openapi.yaml',
);

/**
 * The plugin's OpenAPI 3 document: every route, its parameters and its body.
 * Requests are validated against it, and it is served at `/openapi.json`.
 */
export function readOpenApiSpec() {
  return parse(readFileSync(OPENAPI_SPEC_PATH, 'utf8'));
}

/** The schema or parameter a `$ref` of the document points to (or the node itself). */
export function resolveRef(spec: any, node: any): any {
  let current = node;
  while (current?.$ref) {
    current = String(current.$ref)
      .slice(2)
      .split('/')
      .reduce((parent: any, key: string) => parent?.[key], spec);
  }
  return current;
}
