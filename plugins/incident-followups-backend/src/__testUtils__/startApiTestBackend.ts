import {
  BackendFeature,
  ServiceFactory,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { startIncidentFollowupsTestBackend } from '@incident-followups/plugin-incident-followups-node/testUtils';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { incidentFollowupsPlugin } from '../plugin';
import { demoCatalog } from './demoCatalog';

/**
 * The plugin on a test backend: the given database, the demo catalog (or the
 * given entities), notifications and signals into the given mocks, and a
 * scheduler the test drives. Calls go to `/api/incident-followups` as a user,
 * Dave unless another user ref is passed.
 */
export async function startApiTestBackend(options: {
  knex: Knex;
  config?: JsonObject;
  catalog?: Entity[];
  send?: jest.Mock;
  publish?: jest.Mock;
  /** What the permission policy answers to everything; allow by default. */
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** A permission service of the test's own, for conditional answers. */
  permissions?: ServiceFactory;
  /** More features, such as modules that add ticket trackers. */
  features?: BackendFeature[];
  /** What the callers' identities say; by default their catalog memberships. */
  userInfo?: UserInfoService;
}) {
  const catalog = options.catalog ?? demoCatalog();
  const { server, scheduler, stop } = await startIncidentFollowupsTestBackend({
    features: [
      incidentFollowupsPlugin,
      mockServices.database.factory({ knex: options.knex }),
      options.permissions ??
        mockServices.permissions.factory({
          result: options.permission ?? AuthorizeResult.ALLOW,
        }),
      ...(options.features ?? []),
    ],
    config: options.config ?? {},
    entities: catalog,
    userInfo: options.userInfo,
    send: options.send,
    publish: options.publish,
  });
  const call =
    (method: 'get' | 'post' | 'patch' | 'put' | 'delete') =>
    (path: string, body?: object | string, userRef = 'user:default/dave') => {
      const req = request(server)
        [method](`/api/incident-followups${path}`)
        .set('Authorization', mockCredentials.user.header(userRef));
      return body === undefined ? req : req.send(body);
    };
  return {
    server: server as Server,
    knex: options.knex,
    catalog,
    scheduler,
    stop,
    get: (path: string, userRef?: string) =>
      call('get')(path, undefined, userRef),
    post: call('post'),
    patch: call('patch'),
    put: call('put'),
    delete: call('delete'),
    /** The user a call is made as. */
    as: (userRef: string) => userRef,
  };
}

export type ApiTestBackend = Awaited<ReturnType<typeof startApiTestBackend>>;
