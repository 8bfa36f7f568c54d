import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import { createRouter, RouterOptions } from '../service/router';
import { readOpenApiSpec } from './openApiSpec';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Served by backend-openapi-utils itself: the document, not part of it. */
const SPEC_ROUTE = 'GET /openapi.json';

/** Every `METHOD /path` an express router answers, in OpenAPI's path form. */
function servedRoutes(router: express.Router): string[] {
  const routes = new Set<string>();
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = String(layer.route.path).replace(/:(\w+)/g, '{$1}');
        for (const method of Object.keys(layer.route.methods)) {
          routes.add(`${method.toUpperCase()} ${path}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(router.stack);
  return [...routes].sort();
}

function documentedRoutes(): string[] {
  const spec = readOpenApiSpec();
  return Object.entries<Record<string, unknown>>(spec.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter(key => METHODS.includes(key))
        .map(method => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

describe('the OpenAPI document (src/schema/openapi.yaml)', () => {
  let served: string[];

  beforeAll(async () => {
    // Building the router touches none of the services; the routes are what matters.
    const router = await createRouter({
      auditor: mockServices.auditor.mock(),
      httpAuth: mockServices.httpAuth.mock(),
      permissions: mockServices.permissions.mock(),
      appBaseUrl: 'http://localhost:3000',
      requestBodyLimitBytes: 256 * 1024,
    } as Partial<RouterOptions> as RouterOptions);
    served = servedRoutes(router);
  });

  it('documents every route the router serves', () => {
    const documented = new Set(documentedRoutes());
    const undocumented = served.filter(
      route => route !== SPEC_ROUTE && !documented.has(route),
    );
    expect({
      'served but missing from src/schema/openapi.yaml': undocumented,
    }).toEqual({ 'served but missing from src/schema/openapi.yaml': [] });
  });

  it('serves every route it documents', () => {
    const servedSet = new Set(served);
    const unserved = documentedRoutes().filter(route => !servedSet.has(route));
    expect({
      'in src/schema/openapi.yaml but not served': unserved,
    }).toEqual({ 'in src/schema/openapi.yaml but not served': [] });
  });

  it('finds the routes it compares', () => {
    expect(served).toContain('PATCH /incidents/{id}');
    expect(served).toContain('POST /postmortems/{id}/chat-imports');
    expect(served).toContain(SPEC_ROUTE);
    expect(served.length).toBeGreaterThan(30);
  });
});
