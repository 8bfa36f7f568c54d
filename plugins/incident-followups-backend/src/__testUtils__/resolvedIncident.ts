import { ApiTestBackend } from './startApiTestBackend';

/**
 * An incident on checkout-api, created through the API and resolved at once,
 * as the API answers it after the resolution. Dave commands it and Bob is its
 * scribe unless other responders are given.
 */
export async function resolvedIncident(
  api: Pick<ApiTestBackend, 'post' | 'patch'>,
  options: {
    severity?: string;
    startedAt?: string;
    resolvedAt?: string;
    responders?: { role: string; userRef: string }[];
  } = {},
) {
  const severity = options.severity ?? 'SEV-1';
  const { body: incident } = await api.post('/incidents', {
    title: 'Checkout failing',
    severity,
    startedAt: options.startedAt ?? '2026-11-02T09:14:00Z',
    entityRefs: ['component:default/checkout-api'],
    responders: options.responders ?? [
      { role: 'incident-commander', userRef: 'user:default/dave' },
      { role: 'scribe', userRef: 'user:default/bob' },
    ],
  });
  const resolved = await api.patch(`/incidents/${incident.id}`, {
    version: 1,
    status: 'resolved',
    ...(options.resolvedAt ? { resolvedAt: options.resolvedAt } : {}),
    finalSeverity: severity,
  });
  expect(resolved.status).toBe(200);
  return resolved.body;
}
