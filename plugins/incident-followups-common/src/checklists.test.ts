import {
  checklistsConfigSchema,
  DEFAULT_CHECKLISTS,
  mergeChecklists,
  planRoleFollowups,
} from './checklists';
import { Responder } from './roles';
import { describeValidationError } from './validation';

const policy = { timeZone: 'UTC', holidays: [] };
const responders: Responder[] = [
  { role: 'incident-commander', userRef: 'user:default/dave' },
  { role: 'scribe', userRef: 'user:default/bob' },
  { role: 'scribe', userRef: 'user:default/carol' },
];

function plan(
  severity: any,
  people: Responder[] = responders,
  checklists = DEFAULT_CHECKLISTS,
) {
  return planRoleFollowups(
    {
      severity: 'SEV-1',
      finalSeverity: severity,
      resolvedAt: '2026-11-25T10:00:00.000Z',
      responders: people,
    },
    checklists,
    policy,
  );
}

describe('planRoleFollowups', () => {
  it('gives a SEV-1 every step, to each person in the role, with due dates from the resolution', () => {
    const steps = plan('SEV-1');
    expect(steps.map(s => s.key)).toEqual([
      'incident-commander:update-incident:user:default/dave',
      'incident-commander:create-postmortem:user:default/dave',
      'incident-commander:email-stakeholders:user:default/dave',
      'incident-commander:check-postmortem-progress:user:default/dave',
      'scribe:key-events:user:default/bob',
      'scribe:key-events:user:default/carol',
      'scribe:todo-items:user:default/bob',
      'scribe:todo-items:user:default/carol',
      'scribe:notes:user:default/bob',
      'scribe:notes:user:default/carol',
      'subject-matter-expert:notes:unassigned',
      'customer-liaison:customer-replies:unassigned',
      'customer-liaison:status-page:unassigned',
    ]);
    expect(steps[0]).toMatchObject({
      status: 'done',
      dueAt: null,
      autoCompletion: 'resolved',
    });
    expect(steps[1]).toMatchObject({
      status: 'open',
      dueAt: '2026-11-26T23:59:59.999Z',
      autoCompletion: 'postmortem-owner-assigned',
    });
    expect(
      steps.find(s => s.key.startsWith('subject-matter-expert'))?.ownerRef,
    ).toBeNull();
  });

  it.each([
    ['SEV-2', 13],
    ['SEV-3', 11],
    ['SEV-5', 11],
  ])(
    'a %s gets %i steps (post-mortem steps only for major incidents)',
    (severity, count) => {
      expect(plan(severity)).toHaveLength(count);
    },
  );

  it('uses configured checklists over the defaults', () => {
    const config = checklistsConfigSchema.parse({
      deputy: [
        {
          id: 'handover',
          title: 'Write the handover notes',
          due: { days: 1 },
          severities: ['SEV-1'],
        },
      ],
      'customer-liaison': [],
    });
    const checklists = mergeChecklists(config);
    const steps = plan(
      'SEV-1',
      [...responders, { role: 'deputy', userRef: 'user:default/erin' }],
      checklists,
    );
    expect(steps.filter(s => s.role === 'deputy')).toEqual([
      {
        key: 'deputy:handover:user:default/erin',
        role: 'deputy',
        title: 'Write the handover notes',
        ownerRef: 'user:default/erin',
        dueAt: '2026-11-26T23:59:59.999Z',
        status: 'open',
        autoCompletion: null,
      },
    ]);
    expect(steps.filter(s => s.role === 'customer-liaison')).toEqual([]);
    expect(
      plan('SEV-2', responders, checklists).filter(s => s.role === 'deputy'),
    ).toEqual([]);
  });

  it.each([
    [
      { captain: [] },
      'captain: is not a role; the roles are incident-commander',
    ],
    [{ scribe: [{ id: 'x', title: 'y', due: { weeks: 1 } }] }, 'scribe.0.due'],
    [{ scribe: [{ id: 'x', title: 'y', due: { days: -1 } }] }, 'scribe.0.due'],
    [
      { scribe: [{ id: 'Bad Id', title: 'y' }] },
      'scribe.0.id: must be a lower-case id',
    ],
    [
      { scribe: [{ id: 'x', title: 'y', severities: ['SEV-9'] }] },
      'scribe.0.severities.0',
    ],
    [
      {
        scribe: [
          { id: 'x', title: 'y' },
          { id: 'x', title: 'z' },
        ],
      },
      "scribe: has the item id 'x' twice",
    ],
  ])('refuses the checklist config %p', (config, message) => {
    const result = checklistsConfigSchema.safeParse(config);
    expect(result.success).toBe(false);
    expect(describeValidationError(result.error!)).toContain(message);
  });
});
