import {
  createIncidentRequestSchema,
  describeValidationError,
  entityRefSchema,
  isoDateTimeSchema,
} from './validation';

describe('entityRefSchema', () => {
  it.each([
    ['component:default/checkout-api', 'component:default/checkout-api'],
    ['Component:Default/Checkout-API', 'component:default/checkout-api'],
    ['component:checkout-api', 'component:default/checkout-api'],
    ['group:payments/team-a', 'group:payments/team-a'],
  ])('accepts %s as %s', (input, expected) => {
    expect(entityRefSchema.parse(input)).toBe(expected);
  });

  it.each([
    'checkout-api',
    '',
    'component:',
    'component:default/',
    'a:b/c/d',
    'component:default/<script>',
  ])('rejects %p', input => {
    const result = entityRefSchema.safeParse(input);
    expect(result.success).toBe(false);
  });
});

describe('isoDateTimeSchema', () => {
  it.each([
    ['2026-11-02T09:14:00Z', true],
    ['2026-11-02T09:14:00+02:00', true],
    ['1970-01-02T00:00:00Z', true],
    ['2036-12-31T23:59:59Z', true],
    ['2026-11-02', false],
    ['0000-01-01T00:00:00Z', false],
    ['1969-12-31T23:59:59Z', false],
    ['2037-01-01T00:00:00Z', false],
    ['9999-12-31T23:59:59+14:00', false],
  ])('%s is accepted: %s', (value, ok) => {
    expect(isoDateTimeSchema.safeParse(value).success).toBe(ok);
  });
});

describe('createIncidentRequestSchema', () => {
  const valid = {
    title: 'Checkout failing',
    severity: 'SEV-2',
    startedAt: '2026-11-02T09:14:00Z',
    entityRefs: ['component:default/checkout-api'],
  };

  it('fills in defaults', () => {
    expect(createIncidentRequestSchema.parse(valid)).toEqual({
      ...valid,
      description: '',
      status: 'triggered',
      finalSeverity: null,
      acknowledgedAt: null,
      resolvedAt: null,
      responders: [],
      source: { type: 'manual', externalId: null, url: null },
    });
  });

  it.each([
    [{ title: '' }, 'title: must not be empty'],
    [
      { severity: 'sev1' },
      'severity: must be one of SEV-1, SEV-2, SEV-3, SEV-4, SEV-5',
    ],
    [{ status: 'closed' }, 'status:'],
    [{ startedAt: '2026-11-02' }, 'startedAt: must be an ISO 8601 date-time'],
    [{ status: 'resolved' }, 'resolvedAt: is required when status is resolved'],
    [
      { status: 'resolved', resolvedAt: '2026-11-02T10:00:00Z' },
      'finalSeverity: is required to resolve',
    ],
    [
      { responders: [{ role: 'scribe', userRef: 'bob' }] },
      "responders.0.userRef: 'bob' is not an entity ref",
    ],
    [
      { source: { type: 'pagerduty' } },
      'source.externalId: needs an externalId unless the type is manual',
    ],
    [
      { source: { type: 'manual', url: 'not a url' } },
      'source.url: must be a URL',
    ],
    [
      { resolvedAt: '2026-11-02T10:00:00Z' },
      'resolvedAt: is only allowed when status is resolved',
    ],
    [
      {
        status: 'resolved',
        finalSeverity: 'SEV-2',
        resolvedAt: '2026-11-01T10:00:00Z',
      },
      'resolvedAt: must not be before startedAt',
    ],
    [{ entityRefs: 'component:default/x' }, 'entityRefs: Expected array'],
  ])('rejects %p naming the field', (change, message) => {
    const result = createIncidentRequestSchema.safeParse({
      ...valid,
      ...change,
    });
    expect(result.success).toBe(false);
    expect(describeValidationError(result.error!)).toContain(message);
  });
});
