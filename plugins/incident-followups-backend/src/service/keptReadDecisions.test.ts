import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { incidentReadPermission } from '@incident-followups/plugin-incident-followups-common';
import { withKeptReadDecisions } from './keptReadDecisions';

function userSignedInAt(ref: string, expiresAt: string): BackstageCredentials {
  return { ...mockCredentials.user(ref), expiresAt: new Date(expiresAt) };
}

const alice = userSignedInAt('user:default/alice', '2026-12-07T18:00:00Z');
const bob = userSignedInAt('user:default/bob', '2026-12-07T18:00:00Z');
const read = [{ permission: incidentReadPermission }];

function policy() {
  const permissions = mockServices.permissions.mock();
  let result: AuthorizeResult = AuthorizeResult.ALLOW;
  permissions.authorizeConditional.mockImplementation(async requests =>
    requests.map(() => ({ result } as any)),
  );
  permissions.authorize.mockImplementation(async requests =>
    requests.map(() => ({ result } as any)),
  );
  return {
    permissions,
    deny: () => {
      result = AuthorizeResult.DENY;
    },
  };
}

describe('withKeptReadDecisions', () => {
  it('asks the policy once per caller and question while the answer is kept', async () => {
    const { permissions, deny } = policy();
    const kept = withKeptReadDecisions(permissions, 60_000);

    const first = await kept.authorizeConditional(read, { credentials: alice });
    deny();
    expect(
      await kept.authorizeConditional(read, { credentials: alice }),
    ).toEqual(first);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);

    // Another user, and the same user signed in again, are asked anew.
    expect(await kept.authorizeConditional(read, { credentials: bob })).toEqual(
      [{ result: AuthorizeResult.DENY }],
    );
    await kept.authorizeConditional(read, {
      credentials: userSignedInAt('user:default/alice', '2026-12-07T19:00:00Z'),
    });
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(3);

    // Another question: one incident, and each incident for itself.
    for (const resourceRef of ['inc-1', 'inc-2', 'inc-1']) {
      await kept.authorize(
        [{ permission: incidentReadPermission, resourceRef }],
        {
          credentials: alice,
        },
      );
    }
    expect(permissions.authorize).toHaveBeenCalledTimes(2);
  });

  it('shares an answer under way, and keeps no failure', async () => {
    const { permissions } = policy();
    let fail = true;
    permissions.authorizeConditional.mockImplementation(async requests => {
      await new Promise(resolve => setTimeout(resolve, 10));
      if (fail) {
        fail = false;
        throw new Error('permission backend unavailable');
      }
      return requests.map(() => ({ result: AuthorizeResult.ALLOW } as any));
    });
    const kept = withKeptReadDecisions(permissions, 60_000);

    const together = await Promise.allSettled([
      kept.authorizeConditional(read, { credentials: alice }),
      kept.authorizeConditional(read, { credentials: alice }),
    ]);
    expect(together.map(r => r.status)).toEqual(['rejected', 'rejected']);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);

    expect(
      await kept.authorizeConditional(read, { credentials: alice }),
    ).toEqual([{ result: AuthorizeResult.ALLOW }]);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);
  });

  it('asks again once the answer is older than its time to live', async () => {
    const { permissions, deny } = policy();
    const kept = withKeptReadDecisions(permissions, 20);

    await kept.authorizeConditional(read, { credentials: alice });
    deny();
    await new Promise(resolve => setTimeout(resolve, 40));
    expect(
      await kept.authorizeConditional(read, { credentials: alice }),
    ).toEqual([{ result: AuthorizeResult.DENY }]);
  });

  it('keeps nothing with a time to live of 0, or for a user without a token expiry', async () => {
    const { permissions } = policy();
    const never = withKeptReadDecisions(permissions, 0);
    await never.authorizeConditional(read, { credentials: alice });
    await never.authorizeConditional(read, { credentials: alice });
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);

    const kept = withKeptReadDecisions(permissions, 60_000);
    const noExpiry = mockCredentials.user('user:default/carol');
    delete (noExpiry as { expiresAt?: Date }).expiresAt;
    await kept.authorizeConditional(read, { credentials: noExpiry });
    await kept.authorizeConditional(read, { credentials: noExpiry });
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(4);
  });

  it('keeps a service caller apart from users', async () => {
    const { permissions } = policy();
    const kept = withKeptReadDecisions(permissions, 60_000);
    await kept.authorizeConditional(read, {
      credentials: mockCredentials.service('plugin:search'),
    });
    await kept.authorizeConditional(read, {
      credentials: mockCredentials.service('plugin:search'),
    });
    await kept.authorizeConditional(read, {
      credentials: mockCredentials.service('plugin:catalog'),
    });
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);
  });
});
