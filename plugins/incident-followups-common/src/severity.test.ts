import { compareSeverity, isMajorSeverity, SEVERITIES } from './severity';

describe('severity', () => {
  it.each([
    ['SEV-1', true],
    ['SEV-2', true],
    ['SEV-3', false],
    ['SEV-4', false],
    ['SEV-5', false],
  ] as const)('%s is major: %p', (severity, major) => {
    expect(isMajorSeverity(severity)).toBe(major);
  });

  it('sorts the most severe first', () => {
    expect(
      ['SEV-3', 'SEV-1', 'SEV-5', 'SEV-2'].sort(compareSeverity as any),
    ).toEqual(['SEV-1', 'SEV-2', 'SEV-3', 'SEV-5']);
    expect(SEVERITIES).toHaveLength(5);
  });
});
