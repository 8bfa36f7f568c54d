import { AnswerCache } from './answers/AnswerCache';
import { DataVersions } from './answers/DataVersions';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { resolve as resolvePath } from 'node:path';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { registerFollowupActions } from './actions/registerFollowupActions';
import { readPluginConfig } from './config/readPluginConfig';
import { GroupHierarchy } from './catalog/GroupHierarchy';
import {
  OWNERSHIP_REFRESH_TASK,
  ownershipRefreshTask,
} from './catalog/ownershipRefreshTask';
import { CatalogOwnershipResolver } from './catalog/CatalogOwnershipResolver';
import { DatabaseFollowupStore } from './database/DatabaseFollowupStore';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import { FollowupService } from './followups/FollowupService';
import { seedDemoIncidents } from './demo/seedDemoIncidents';
import { seedDemoFollowups } from './demo/seedDemoFollowups';
import { seedDemoPostmortems } from './demo/seedDemoPostmortems';
import { seedDemoProcessReviews } from './demo/seedDemoProcessReviews';
import { IncidentService } from './service/IncidentService';
import { ReminderService } from './reminders/ReminderService';
import { ReminderStore } from './reminders/ReminderStore';
import { IncidentSignals } from './service/IncidentSignals';
import { createRouter } from './service/router';
import { DatabasePostmortemStore } from './postmortems/DatabasePostmortemStore';
import { MeetingReminders } from './postmortems/MeetingReminders';
import { DatabaseTeamOverviewStore } from './database/DatabaseTeamOverviewStore';
import { TeamOverviewService } from './teams/TeamOverviewService';
import { DatabaseProcessReviewStore } from './processReviews/DatabaseProcessReviewStore';
import { ProcessReviewNotifier } from './processReviews/ProcessReviewNotifier';
import { ProcessReviewService } from './processReviews/ProcessReviewService';
import {
  processReviewResourceRef,
  processReviewRules,
} from './processReviews/processReviewPermissions';
import {
  followupUpdatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  postmortemEditPermission,
  postmortemTransitionPermission,
  processReviewCreatePermission,
  processReviewDecideJoinPermission,
  processReviewEditPermission,
} from '@incident-followups/plugin-incident-followups-common';
import { NotFoundError } from '@backstage/errors';
import { createAuthorize } from './service/authorize';
import { createReadAccess } from './service/readFilter';
import { withKeptReadDecisions } from './service/keptReadDecisions';
import {
  incidentResourceRef,
  incidentRules,
  toIncidentResource,
} from './service/incidentPermissions';
import { PostmortemNotifier } from './postmortems/PostmortemNotifier';
import { PostmortemService } from './postmortems/PostmortemService';
import {
  IncidentSource,
  incidentSourcesExtensionPoint,
  TicketTracker,
  ticketTrackersExtensionPoint,
} from '@incident-followups/plugin-incident-followups-node';
import { scheduleSourceSyncs } from './sources/scheduleSourceSyncs';
import { SourceSyncStore } from './sources/SourceSyncStore';
import { SourceStatusService } from './sources/SourceStatusService';
import { SourceWriteBackService } from './sources/SourceWriteBackService';
import { onCallOwnerSuggestions } from './sources/onCallOwnerSuggestions';
import { TicketService } from './tickets/TicketService';
import { TicketStore } from './tickets/TicketStore';

/**
 * The incident-followups backend plugin: incidents, their followups and post-mortems.
 *
 * @public
 */
export const incidentFollowupsPlugin = createBackendPlugin({
  pluginId: 'incident-followups',
  register(env) {
    const sources = new Map<string, IncidentSource>();
    env.registerExtensionPoint(incidentSourcesExtensionPoint, {
      addIncidentSource(source) {
        if (sources.has(source.type)) {
          throw new Error(
            `An incident source of type ${source.type} is added already`,
          );
        }
        sources.set(source.type, source);
      },
    });
    const ticketTrackers: TicketTracker[] = [];
    env.registerExtensionPoint(ticketTrackersExtensionPoint, {
      addTicketTracker(tracker) {
        if (ticketTrackers.some(t => t.id === tracker.id)) {
          throw new Error(`Ticket tracker '${tracker.id}' is added twice`);
        }
        ticketTrackers.push(tracker);
      },
    });
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        const {
          auditor,
          auth,
          cache,
          catalog,
          config,
          database,
          httpAuth,
          httpRouter,
          logger,
          scheduler,
          notifications,
          signals,
          actionsRegistry,
          permissions,
          permissionsRegistry,
          userInfo,
        } = deps;
        const settings = readPluginConfig(config);
        const store = await DatabaseIncidentStore.create({
          database,
          preparedStatements: settings.preparedStatements,
        });
        const ownership = new CatalogOwnershipResolver(
          catalog,
          settings.catalogTimeoutMs,
        );
        const followupStore = new DatabaseFollowupStore(store.db);
        const followups = new FollowupService({
          followups: followupStore,
          incidents: store,
          ownership,
          userInfo,
          config: settings.followups,
        });
        const appBaseUrl = config.getOptionalString('app.baseUrl') ?? '';
        const incidentSignals = new IncidentSignals(signals, logger);
        const tickets = new TicketService({
          trackers: ticketTrackers,
          store: new TicketStore(store.db),
          incidents: store,
          followups,
          catalog,
          auth,
          logger,
          appBaseUrl,
          leaseMs: 2 * 60_000,
          autoCreatePriorities: settings.tickets.autoCreatePriorities,
          signals: incidentSignals,
        });
        const incidents = new IncidentService({
          store,
          ownership,
          auth,
          logger,
          onResolved: actor => followups.roleFollowupsOnResolution(actor),
        });
        const reminders = new ReminderService({
          store: new ReminderStore(store.db, followupStore, async groupRefs =>
            ownership.membersOf(
              groupRefs,
              await auth.getOwnServiceCredentials(),
            ),
          ),
          notifications,
          policy: settings.followups.policy,
          hour: settings.reminderHour,
          logger,
        });

        const postmortemStore = new DatabasePostmortemStore(store.db);
        const notifier = new PostmortemNotifier(notifications, logger);
        const postmortems = new PostmortemService({
          store: postmortemStore,
          incidents,
          followups,
          followupStore,
          ownership,
          notifier,
          config: settings.postmortems,
          policy: settings.followups.policy,
          serviceCredentials: () => auth.getOwnServiceCredentials(),
          moreOwnerSuggestions: onCallOwnerSuggestions({
            sources: [...sources.values()],
            catalog,
            auth,
            logger,
          }),
        });
        const teams = new TeamOverviewService({
          store: new DatabaseTeamOverviewStore(store.db, followupStore),
          hierarchy: new GroupHierarchy({
            ownership,
            auth,
            cache,
            ttlMs: settings.groupHierarchyTtlMs,
          }),
          policy: settings.followups.policy,
        });
        const processReviewStore = new DatabaseProcessReviewStore(store.db);
        const processReviews = new ProcessReviewService({
          db: store.db,
          store: processReviewStore,
          incidents,
          followups,
          notifier: new ProcessReviewNotifier(notifications, logger),
        });
        const meetingReminders = new MeetingReminders({
          store: postmortemStore,
          notifier,
          policy: settings.followups.policy,
          logger,
        });

        if (settings.demoIncidentsFile) {
          await seedDemoIncidents({
            file: resolvePath(settings.demoIncidentsFile),
            incidents,
            store,
            credentials: await auth.getOwnServiceCredentials(),
            logger,
          });
          await seedDemoFollowups({
            file: resolvePath(settings.demoIncidentsFile),
            followups: followupStore,
            logger,
          });
          await seedDemoPostmortems({
            file: resolvePath(settings.demoIncidentsFile),
            store: postmortemStore,
            followups: followupStore,
            logger,
          });
          await seedDemoProcessReviews({
            file: resolvePath(settings.demoIncidentsFile),
            store: processReviewStore,
            logger,
          });
        }

        await scheduler.scheduleTask({
          id: OWNERSHIP_REFRESH_TASK,
          scope: 'global',
          ...settings.ownershipSchedule,
          fn: ownershipRefreshTask({
            refresh: () => incidents.refreshOwnership(),
            scheduler,
            logger,
          }),
        });
        await scheduler.scheduleTask({
          id: 'incident-followups-reminders',
          scope: 'global',
          ...settings.reminderSchedule,
          fn: async () => {
            const { sent } = await reminders.sendDigests();
            if (sent > 0)
              logger.info(`Followup reminders sent to ${sent} people`);
          },
        });

        await scheduler.scheduleTask({
          id: 'incident-followups-meeting-reminders',
          scope: 'global',
          frequency: { minutes: 15 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const { sent } = await meetingReminders.send();
            if (sent > 0)
              logger.info(`Post-mortem meeting reminders sent: ${sent}`);
          },
        });

        const sourceSyncStore = new SourceSyncStore(store.db);
        await scheduleSourceSyncs({
          sources: [...sources.values()],
          scheduler,
          store: sourceSyncStore,
          incidents,
          catalog,
          auth,
          logger,
        });
        if (tickets.enabled) {
          await scheduler.scheduleTask({
            id: 'incident-followups-ticket-status',
            scope: 'global',
            ...settings.tickets.statusSchedule,
            fn: async () => {
              const missing = await tickets.createMissing();
              if (missing > 0)
                logger.info(`Tickets created for new action items: ${missing}`);
              const { checked, changed } = await tickets.syncStatuses();
              if (changed > 0)
                logger.info(
                  `Tickets read back: ${checked} checked, ${changed} action items changed`,
                );
            },
          });
        }

        permissionsRegistry.addPermissions([processReviewCreatePermission]);
        permissionsRegistry.addResourceType({
          resourceRef: incidentResourceRef,
          permissions: [
            incidentReadPermission,
            incidentUpdatePermission,
            followupUpdatePermission,
            postmortemEditPermission,
            postmortemTransitionPermission,
          ],
          rules: Object.values(incidentRules),
          getResources: ids =>
            Promise.all(
              ids.map(id =>
                incidents.getIncident(id).then(toIncidentResource, error => {
                  if (error instanceof NotFoundError) return undefined;
                  throw error;
                }),
              ),
            ),
        });
        permissionsRegistry.addResourceType({
          resourceRef: processReviewResourceRef,
          permissions: [
            processReviewDecideJoinPermission,
            processReviewEditPermission,
          ],
          rules: Object.values(processReviewRules),
          getResources: ids =>
            Promise.all(ids.map(id => processReviews.resource(id))),
        });
        const readAccess = createReadAccess(
          withKeptReadDecisions(permissions, settings.readDecisionTtlMs),
          permissionsRegistry.getPermissionRuleset(incidentResourceRef),
        );
        registerFollowupActions(
          actionsRegistry,
          followups,
          createAuthorize(permissions),
          readAccess,
        );

        httpRouter.use(
          await createRouter({
            auditor,
            httpAuth,
            incidents,
            followups,
            tickets,
            store,
            postmortems,
            teams,
            processReviews,
            permissions,
            readAccess,
            answers: new AnswerCache(
              new DataVersions(store.db, logger),
              settings.answerCache,
            ),
            appBaseUrl,
            sourceStatus: new SourceStatusService({
              sources: [...sources.values()],
              store: sourceSyncStore,
              catalog,
            }),
            sourceWriteBack: new SourceWriteBackService({
              sources: [...sources.values()],
              incidents,
              postmortems,
              ownership,
              store: sourceSyncStore,
              appBaseUrl,
            }),
            requestBodyLimitBytes: settings.requestBodyLimitBytes,
            signals: incidentSignals,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
