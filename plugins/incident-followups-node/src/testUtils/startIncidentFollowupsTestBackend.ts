import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { catalogUserInfo } from './catalogUserInfo';

/** @public */
export interface IncidentFollowupsTestBackendOptions {
  /**
   * The incident-followups backend plugin, the modules under test, and the
   * service factories that replace a test backend's default (permissions,
   * database).
   */
  features: Array<BackendFeature | Promise<{ default: BackendFeature }>>;
  /** The root config. */
  config: JsonObject;
  /** What the catalog holds. */
  entities: Entity[];
  /**
   * What the callers' identities say of them; by default the user and the
   * groups the catalog's entities make them a member of.
   */
  userInfo?: UserInfoService;
  /** Receives the notifications the plugin sends; none go anywhere by default. */
  send?: (notification: any) => Promise<void>;
  /** Receives the signals the plugin publishes; none go anywhere by default. */
  publish?: (signal: any) => Promise<void>;
}

/**
 * A request to the test backend, signed in as one user.
 *
 * @public
 */
export type IncidentFollowupsTestCall = (
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  body?: object,
) => request.Test;

/** @public */
export interface IncidentFollowupsTestBackend {
  /** The HTTP server, for supertest. */
  server: TestBackend['server'];
  /** Runs the scheduled tasks once on start-up, then when the test triggers them. */
  scheduler: SchedulerService;
  /** Requests as the user, to paths below basePath. */
  callAs(userRef: string, basePath?: string): IncidentFollowupsTestCall;
  /** Stops the backend, as a portal restart does. */
  stop(): Promise<void>;
}

/**
 * Starts a test backend with the features given, a mock catalog, signals and
 * notifications that go to the given mocks (or nowhere), and a scheduler that
 * the test triggers.
 *
 * @public
 */
export async function startIncidentFollowupsTestBackend(
  options: IncidentFollowupsTestBackendOptions,
): Promise<IncidentFollowupsTestBackend> {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(): ServiceFactory;
  };
  const backend = await startTestBackend({
    features: [
      ...options.features,
      scheduler.factory(),
      mockServices.rootConfig.factory({ data: options.config }),
      catalogServiceMock.factory({
        entities: options.entities,
      }) as ServiceFactory,
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => options.userInfo ?? catalogUserInfo(options.entities),
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({ publish: options.publish ?? (async () => {}) }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: options.send ?? (async () => {}) }),
      }),
    ],
  });
  const { server } = backend;
  return {
    server,
    scheduler,
    stop: () => backend.stop(),
    callAs:
      (userRef, basePath = '/api/incident-followups') =>
      (method, path, body) => {
        const req = request(server)
          [method](`${basePath}${path}`)
          .set('Authorization', mockCredentials.user.header(userRef));
        return body ? req.send(body) : req;
      },
  };
}
