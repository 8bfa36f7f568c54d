import { readFileSync } from 'node:fs';
import { loadContractSpec, PAGERDUTY_OPENAPI_PATH } from './contractSpec';

/*
 * The validator's copy of PagerDuty's document corrects a few contradictions in it.
 * Each test here shows one is still in the published document: when PagerDuty
 * fixes it, its test fails and the correction can go.
 */
describe("the corrections to PagerDuty's OpenAPI document", () => {
  const published = JSON.parse(readFileSync(PAGERDUTY_OPENAPI_PATH, 'utf8'));
  const corrected = loadContractSpec() as any;
  const schemas = published.components.schemas;

  it('AcknowledgeLogEntry narrows its type to one its base does not allow', () => {
    expect(schemas.AcknowledgeLogEntry.allOf[1].properties.type.enum).toEqual([
      'acknowledgement_log_entry',
    ]);
    expect(
      corrected.components.schemas.AcknowledgeLogEntry.allOf[1].properties.type
        .enum,
    ).toEqual(['acknowledge_log_entry']);
  });

  it('statuses[] is typed as one string though it is passed more than once', () => {
    expect(published.components.parameters.statuses_incidents.schema.type).toBe(
      'string',
    );
    expect(corrected.components.parameters.statuses_incidents.schema.type).toBe(
      'array',
    );
  });

  it('a post update created with its post must name the post', () => {
    expect(schemas.StatusPagePostUpdateRequest.required).toContain('post');
    expect(
      corrected.components.schemas.StatusPagePostUpdateRequest.required,
    ).not.toContain('post');
  });

  it('the ids of references are read-only, even in requests that send them', () => {
    expect(schemas.Tag.allOf[0].properties.id.readOnly).toBe(true);
  });
});
