import { CHECKOUT_SERVICE_REF } from './checkoutCatalog';
import { IncidentFollowupsTestCall } from './startIncidentFollowupsTestBackend';

/**
 * Creates a resolved SEV-2 incident on the service of `checkoutCatalog`, the
 * owner its incident commander, and a P1 prevention action item of it that the
 * owner has.
 *
 * @public
 */
export async function createIncidentWithActionItem(
  call: IncidentFollowupsTestCall,
  ownerRef: string,
) {
  const { body: incident } = await call('post', '/incidents', {
    title: 'Checkout failing',
    severity: 'SEV-2',
    finalSeverity: 'SEV-2',
    status: 'resolved',
    startedAt: '2026-11-24T22:40:00Z',
    resolvedAt: '2026-11-24T23:10:00Z',
    entityRefs: [CHECKOUT_SERVICE_REF],
    responders: [{ role: 'incident-commander', userRef: ownerRef }],
  });
  const { body: item } = await call(
    'post',
    `/incidents/${incident.id}/followups`,
    {
      title: 'Retry card authorisations with backoff',
      kind: 'prevention',
      priority: 'P1',
      ownerRef,
    },
  );
  return { incident, item };
}
