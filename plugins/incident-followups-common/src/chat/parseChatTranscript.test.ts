import { InputError } from '@backstage/errors';
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  CHAT_TRANSCRIPT_MAX_BYTES,
  ChatProposal,
  parseChatTranscript,
} from './parseChatTranscript';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

const slackExport = fixture('slack-export.json');
const plainChat = fixture('plain.txt');

const referenceDate = '2026-11-20T13:58:00Z';
const parse = (transcript: string, reference = referenceDate) =>
  parseChatTranscript(transcript, { referenceDate: reference });

/** The key recipe as documented, computed independently with BigInt. */
function expectedKey(p: Omit<ChatProposal, 'key'>): string {
  const bytes = new TextEncoder().encode(
    [p.kind, p.at, p.author, p.text].join('\u0000'),
  );
  let hash = BigInt('0xcbf29ce484222325');
  const prime = BigInt('0x100000001b3');
  const mask = (BigInt(1) << BigInt(64)) - BigInt(1);
  for (const byte of bytes) {
    hash = ((hash ^ BigInt(byte)) * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}

const withoutKeys = (proposals: ChatProposal[]) =>
  proposals.map(({ key: _key, ...rest }) => rest);

/** A Slack export of the given messages, each with a timestamp a minute apart. */
function slack(...messages: Record<string, unknown>[]): string {
  return JSON.stringify(
    messages.map((message, index) => ({
      type: 'message',
      ts: `${1795183200 + index * 60}.000100`,
      user: 'U01JANE',
      ...message,
    })),
  );
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as Error;
  }
  throw new Error('expected an InputError');
}

describe('parseChatTranscript', () => {
  describe('Slack export fixture', () => {
    const result = parse(slackExport);

    it('skips channel notices and counts the messages', () => {
      expect(result.format).toBe('slack-export');
      // 15 entries: 2 joins, a topic change and a leave are notices
      expect(result.messageCount).toBe(11);
    });

    it('proposes pinned and starred messages and the TODO lines', () => {
      expect(withoutKeys(result.proposals)).toEqual([
        {
          kind: 'timeline-event',
          at: '2026-11-20T14:06:12.007Z',
          author: 'Omar Haddad',
          text: 'Root cause candidate: deploy of checkout-api v2.14.0 at 13:55 changed the DB pool size from 50 to 5',
        },
        {
          kind: 'timeline-event',
          at: '2026-11-20T14:11:03.011Z',
          author: 'Omar Haddad',
          text: 'Rollback done, error rate < 1% & falling',
        },
        {
          kind: 'action-item',
          at: '2026-11-20T14:18:44.015Z',
          author: 'jane',
          text: 'add an alert on DB pool saturation for checkout-api',
        },
        {
          kind: 'action-item',
          at: '2026-11-20T14:18:44.015Z',
          author: 'jane',
          text: 'make the pool size a reviewed config value, not a code default',
        },
        {
          kind: 'action-item',
          at: '2026-11-20T14:19:09.016Z',
          author: 'Omar Haddad',
          text: 'check why the canary did not catch it (@jane knows the canary config)',
        },
        {
          kind: 'timeline-event',
          at: '2026-11-20T14:22:00.018Z',
          author: 'priya.s',
          text: 'All clear: 5xx back at baseline since 14:12. Closing the bridge.',
        },
      ]);
    });

    it('keys each proposal by the documented hash', () => {
      for (const proposal of result.proposals) {
        expect(proposal.key).toMatch(/^[0-9a-f]{16}$/);
        expect(proposal.key).toBe(expectedKey(proposal));
      }
      expect(new Set(result.proposals.map(p => p.key)).size).toBe(
        result.proposals.length,
      );
    });

    it('accepts the export as an object with a messages array', () => {
      const wrapped = `{ "ok": true, "messages": ${slackExport} }`;
      expect(parse(wrapped)).toEqual(result);
    });

    it('gives the same proposals whatever the order of the messages', () => {
      const reversed = JSON.stringify(JSON.parse(slackExport).reverse());
      expect(parse(reversed)).toEqual(result);
    });
  });

  describe('plain text fixture', () => {
    const result = parse(plainChat, '2026-11-20T23:10:00Z');

    it('reads one message per timed line', () => {
      expect(result.format).toBe('plain');
      expect(result.messageCount).toBe(10);
    });

    it('proposes KEY: and 📌 messages and the TODO lines, past midnight', () => {
      expect(withoutKeys(result.proposals)).toEqual([
        {
          kind: 'timeline-event',
          at: '2026-11-20T23:15:00.000Z',
          author: 'Omar Haddad',
          text: 'deploy of v2.14.0 at 23:05 shrank the DB pool from 50 to 5',
        },
        {
          kind: 'timeline-event',
          at: '2026-11-20T23:58:00.000Z',
          author: 'Omar Haddad',
          text: 'rollback finished, error rate back under 1%',
        },
        {
          kind: 'action-item',
          at: '2026-11-21T00:03:00.000Z',
          author: 'Jane Doe',
          text: 'alert on DB pool saturation for checkout-api',
        },
        {
          kind: 'action-item',
          at: '2026-11-21T00:03:00.000Z',
          author: 'Jane Doe',
          text: 'make the pool size a reviewed config value',
        },
        {
          kind: 'action-item',
          at: '2026-11-21T00:05:30.000Z',
          author: 'Priya Sharma',
          text: 'update the status page template with a payments section',
        },
        {
          kind: 'action-item',
          at: '2026-11-21T00:07:00.000Z',
          author: 'Omar Haddad',
          text: 'find out why the canary missed it',
        },
        {
          kind: 'timeline-event',
          at: '2026-11-21T00:10:00.000Z',
          author: 'Jane Doe',
          text: 'incident resolved, closing the bridge',
        },
      ]);
      for (const proposal of result.proposals) {
        expect(proposal.key).toBe(expectedKey(proposal));
      }
    });

    it('accepts Windows line endings and a byte order mark', () => {
      const windows = `\uFEFF${plainChat.replace(/\n/g, '\r\n')}`;
      expect(parse(windows, '2026-11-20T23:10:00Z')).toEqual(result);
    });
  });

  describe('stable keys', () => {
    it('gives identical keys when the same transcript is parsed again', () => {
      expect(parse(slackExport)).toEqual(parse(slackExport));
      expect(parse(plainChat, '2026-11-20')).toEqual(
        parse(plainChat, '2026-11-20T23:10:00Z'),
      );
    });

    it('gives a Slack message the same key in a smaller export', () => {
      const full = parse(slackExport).proposals;
      // only the pinned message and the starred thread reply
      const part = JSON.stringify(JSON.parse(slackExport).slice(5, 8));
      const partial = parse(part).proposals;
      expect(partial).toHaveLength(2);
      expect(partial).toEqual(full.slice(0, 2));
    });

    it('gives a plain message the same key in a bigger transcript', () => {
      const small = parse(
        '[23:15] Omar Haddad: KEY: deploy of v2.14.0 at 23:05 shrank the DB pool from 50 to 5',
        '2026-11-20T23:10:00Z',
      ).proposals;
      const big = parse(
        `[23:11] Jane Doe: TODO: an earlier action\n${plainChat}\n[00:30] Jane Doe: KEY: post-mortem scheduled`,
        '2026-11-20T23:10:00Z',
      ).proposals;
      const full = parse(plainChat, '2026-11-20T23:10:00Z').proposals;
      expect(big).toHaveLength(full.length + 2);
      expect(big.slice(1, -1)).toEqual(full);
      expect(big).toContainEqual(small[0]);
    });

    it('changes the key when the author, time, kind or text differ', () => {
      const keys = [
        '[14:03] jane: KEY: db failover',
        '[14:03] omar: KEY: db failover',
        '[14:04] jane: KEY: db failover',
        '[14:03] jane: KEY: db failover!',
        '[14:03] jane: TODO db failover',
      ].map(line => parse(line).proposals[0].key);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('lists a repeated proposal once', () => {
      const repeated = {
        text: 'TODO: rotate the DB password\nTODO: rotate the DB password',
      };
      const result = parse(
        JSON.stringify([
          { ts: '1795183200.000100', user: 'U1', ...repeated },
          { ts: '1795183200.000100', user: 'U1', ...repeated },
        ]),
      );
      expect(result.messageCount).toBe(2);
      expect(withoutKeys(result.proposals)).toEqual([
        {
          kind: 'action-item',
          at: '2026-11-20T14:00:00.000Z',
          author: 'U1',
          text: 'rotate the DB password',
        },
      ]);
    });
  });

  describe('plain text times', () => {
    it.each([
      {
        name: 'rolls over to the next day when the clock goes back',
        lines: ['[23:50] a: KEY: one', '[00:10] a: KEY: two'],
        at: ['2026-11-20T23:50:00.000Z', '2026-11-21T00:10:00.000Z'],
      },
      {
        name: 'keeps the day when the clock goes back by a minute or less',
        lines: ['[10:00:30] a: KEY: one', '[09:59:30] a: KEY: two'],
        at: ['2026-11-20T09:59:30.000Z', '2026-11-20T10:00:30.000Z'],
      },
      {
        name: 'rolls over once per backward step',
        lines: [
          '[22:00] a: KEY: one',
          '[01:00] a: KEY: two',
          '[00:30] a: KEY: three',
        ],
        at: [
          '2026-11-20T22:00:00.000Z',
          '2026-11-21T01:00:00.000Z',
          '2026-11-22T00:30:00.000Z',
        ],
      },
      {
        name: 'takes the day from a dated line for the following lines',
        lines: [
          '[09:00] a: KEY: one',
          '[2026-11-22 08:00] a: KEY: two',
          '[08:30] a: KEY: three',
          '[01:00] a: KEY: four',
        ],
        at: [
          '2026-11-20T09:00:00.000Z',
          '2026-11-22T08:00:00.000Z',
          '2026-11-22T08:30:00.000Z',
          '2026-11-23T01:00:00.000Z',
        ],
      },
      {
        name: 'reads seconds, fractions and full ISO times',
        lines: [
          '[9:07] a: KEY: one',
          '[2026-11-20T14:03:27Z] a: KEY: two',
          '[2026-11-20T14:03:27.5Z] a: KEY: three',
          '[14:05:09] a: KEY: four',
        ],
        at: [
          '2026-11-20T09:07:00.000Z',
          '2026-11-20T14:03:27.000Z',
          '2026-11-20T14:03:27.500Z',
          '2026-11-20T14:05:09.000Z',
        ],
      },
    ])('$name', ({ lines, at }) => {
      const { proposals } = parse(lines.join('\n'), '2026-11-20');
      expect(proposals.map(p => p.at)).toEqual(at);
    });

    it.each([
      ['2026-11-20', '2026-11-20T14:03:00.000Z'],
      ['2026-11-20T23:59:59.999Z', '2026-11-20T14:03:00.000Z'],
      ['2026-11-20T20:30:00-05:00', '2026-11-21T14:03:00.000Z'],
      ['2026-11-21T00:30:00+01:00', '2026-11-20T14:03:00.000Z'],
      ['2026-11-20 09:00', '2026-11-20T14:03:00.000Z'],
    ])('places undated times on the UTC day of %s', (reference, at) => {
      expect(parse('[14:03] jane: KEY: x', reference).proposals[0].at).toBe(at);
    });
  });

  describe('plain text messages', () => {
    it('appends continuation lines and finds TODO lines in them', () => {
      const { proposals, messageCount } = parse(
        [
          '[14:03] jane: KEY: we failed over the primary',
          '  replica lag was 40s',
          '',
          '[note] the old primary is kept for forensics',
          'TODO: write a runbook for the failover',
          '[14:05] omar: ack',
        ].join('\n'),
      );
      expect(messageCount).toBe(2);
      expect(withoutKeys(proposals)).toEqual([
        {
          kind: 'timeline-event',
          at: '2026-11-20T14:03:00.000Z',
          author: 'jane',
          text: 'we failed over the primary\n  replica lag was 40s\n[note] the old primary is kept for forensics\nTODO: write a runbook for the failover',
        },
        {
          kind: 'action-item',
          at: '2026-11-20T14:03:00.000Z',
          author: 'jane',
          text: 'write a runbook for the failover',
        },
      ]);
    });

    it.each([
      [
        '[14:03] Jane Doe: 📌 DNS change rolled out',
        'Jane Doe',
        'DNS change rolled out',
      ],
      ['[14:03] Jane Doe: 📌DNS change', 'Jane Doe', 'DNS change'],
      ['[14:03]   jane  :KEY:DNS change', 'jane', 'DNS change'],
    ])('reads the key event in %p', (line, author, text) => {
      expect(withoutKeys(parse(line).proposals)).toEqual([
        {
          kind: 'timeline-event',
          at: '2026-11-20T14:03:00.000Z',
          author,
          text,
        },
      ]);
    });

    it('proposes no event for a marker without text', () => {
      expect(parse('[14:03] jane: KEY: \n[14:04] jane: 📌').proposals).toEqual(
        [],
      );
    });

    it('does not treat other messages as key events', () => {
      const { proposals } = parse(
        '[14:03] jane: the key: rotate it\n[14:04] jane: key: lower case\n[14:05] jane: see 📌 above',
      );
      expect(proposals).toEqual([]);
    });
  });

  describe('TODO lines', () => {
    it.each([
      ['TODO: add an alert', 'add an alert'],
      ['TODO - add an alert', 'add an alert'],
      ['TODO add an alert', 'add an alert'],
      ['TODO:add an alert', 'add an alert'],
      ['   TODO: add an alert  ', 'add an alert'],
      ['TODOS are done', undefined],
      ['todo: add an alert', undefined],
      ['Todo: add an alert', undefined],
      ['see TODO: add an alert', undefined],
      ['TODO:', undefined],
      ['TODO', undefined],
    ])('%p gives %p', (line, expected) => {
      const fromSlack = parse(slack({ text: `intro\n${line}` })).proposals;
      const fromPlain = parse(`[14:03] jane: intro\n${line}`).proposals;
      const texts = (proposals: ChatProposal[]) =>
        proposals.filter(p => p.kind === 'action-item').map(p => p.text);
      const want = expected === undefined ? [] : [expected];
      expect(texts(fromSlack)).toEqual(want);
      expect(texts(fromPlain)).toEqual(want);
    });

    it('gives a message that is both a key event and has TODO lines both', () => {
      const { proposals } = parse(
        slack({
          text: 'DB restored\nTODO: test restores monthly',
          pinned_to: ['C1'],
        }),
      );
      expect(proposals.map(p => [p.kind, p.text])).toEqual([
        ['timeline-event', 'DB restored\nTODO: test restores monthly'],
        ['action-item', 'test restores monthly'],
      ]);
    });

    it('cuts long texts with an ellipsis', () => {
      const long = `${'x'.repeat(399)}y`;
      const { proposals } = parse(
        slack({ text: `TODO: ${long}`, reactions: [{ name: 'pushpin' }] }),
      );
      const event = proposals.find(p => p.kind === 'timeline-event');
      const item = proposals.find(p => p.kind === 'action-item');
      expect(item?.text).toHaveLength(300);
      expect(item?.text).toBe(`${'x'.repeat(299)}…`);
      expect(event?.text).toBe(`TODO: ${long}`);

      const longEvent = parse(
        slack({ text: 'e'.repeat(2500), pinned_to: ['C1'] }),
      ).proposals[0];
      expect(longEvent.text).toBe(`${'e'.repeat(1999)}…`);
    });

    it('does not split a surrogate pair when cutting', () => {
      const { proposals } = parse(`[14:03] jane: TODO: ${'x'.repeat(298)}🔥🔥`);
      expect(proposals[0].text).toBe(`${'x'.repeat(298)}…`);
    });
  });

  describe('Slack messages', () => {
    it.each([
      ['a &lt;b&gt; &amp; c', 'a <b> & c'],
      ['&amp;lt; stays escaped once', '&lt; stays escaped once'],
      [
        'see <https://grafana.example.com/d/x?a=1&amp;b=2|the dashboard>',
        'see the dashboard (https://grafana.example.com/d/x?a=1&b=2)',
      ],
      ['see <https://status.example.com>', 'see https://status.example.com'],
      ['<https://example.com|https://example.com>', 'https://example.com'],
      ['mail <mailto:sre@example.com|sre@example.com>', 'mail sre@example.com'],
      ['ping <@U0UNKNOWN>', 'ping @U0UNKNOWN'],
      ['ping <@U02OMAR>', 'ping @Omar Haddad'],
      ['ping <@U0LEGACY|legacy>', 'ping @legacy'],
      ['in <#C07INC|inc-4211>', 'in #inc-4211'],
      ['<!here> and <!channel>', '@here and @channel'],
      ['<!subteam^S0SRE|@sre-oncall> please', '@sre-oncall please'],
    ])('decodes %p', (text, expected) => {
      const { proposals } = parse(
        slack(
          {
            subtype: 'channel_join',
            user: 'U02OMAR',
            text: '<@U02OMAR> has joined the channel',
            user_profile: { real_name: 'Omar Haddad', display_name: '' },
          },
          { text, pinned_to: ['C07INC'] },
        ),
      );
      expect(proposals.map(p => p.text)).toEqual([expected]);
    });

    it.each([
      [
        'by the display name',
        { user_profile: { display_name: 'jd', real_name: 'Jane Doe' } },
        'jd',
      ],
      [
        'by the real name without a display name',
        { user_profile: { display_name: '', real_name: 'Jane Doe' } },
        'Jane Doe',
      ],
      ['by the user id without a profile', {}, 'U01JANE'],
      ['unknown without a user', { user: undefined }, 'unknown'],
      [
        'a bot by its username',
        {
          subtype: 'bot_message',
          user: undefined,
          bot_id: 'B01',
          username: 'PagerDuty',
        },
        'PagerDuty',
      ],
      [
        'a bot by its profile',
        {
          subtype: 'bot_message',
          user: undefined,
          bot_id: 'B01',
          bot_profile: { name: 'Statuspage' },
        },
        'Statuspage',
      ],
      [
        'a bot by its id',
        { subtype: 'bot_message', user: undefined, bot_id: 'B01' },
        'B01',
      ],
    ])('names the author %s', (_name, fields, author) => {
      const { proposals } = parse(slack({ text: 'TODO: x', ...fields }));
      expect(proposals[0].author).toBe(author);
    });

    it('names an author from the profile given with another message', () => {
      const { proposals } = parse(
        slack(
          { text: 'TODO: x' },
          {
            text: 'hi',
            user_profile: { display_name: 'jane', real_name: 'Jane Doe' },
          },
        ),
      );
      expect(proposals[0].author).toBe('jane');
    });

    it.each([
      ['channel_join', false],
      ['channel_leave', false],
      ['channel_topic', false],
      ['channel_purpose', false],
      ['bot_add', false],
      ['pinned_item', false],
      ['thread_broadcast', true],
      ['bot_message', true],
      ['me_message', true],
      ['file_share', true],
    ])('reads a message of subtype %s: %p', (subtype, kept) => {
      const result = parse(slack({ subtype, text: 'TODO: x' }));
      expect(result.messageCount).toBe(kept ? 1 : 0);
      expect(result.proposals).toHaveLength(kept ? 1 : 0);
    });

    it.each([
      [{ pinned_to: ['C1'] }, true],
      [{ pinned_to: [] }, false],
      [{ reactions: [{ name: 'star', users: ['U1'], count: 1 }] }, true],
      [{ reactions: [{ name: 'pushpin', users: ['U1'], count: 1 }] }, true],
      [
        { reactions: [{ name: 'round_pushpin', users: ['U1'], count: 1 }] },
        true,
      ],
      [
        { reactions: [{ name: 'star-struck', users: ['U1'], count: 1 }] },
        false,
      ],
      [{ reactions: [{ name: 'eyes', users: ['U1'], count: 1 }] }, false],
      [{}, false],
    ])('treats %p as a key event: %p', (fields, key) => {
      const { proposals } = parse(slack({ text: 'rolled back', ...fields }));
      expect(proposals.length).toBe(key ? 1 : 0);
    });

    it('keeps the order of messages within the same millisecond', () => {
      const { proposals } = parse(
        JSON.stringify([
          { ts: '1795183200.000900', user: 'U1', text: 'TODO: second' },
          { ts: '1795183200.000100', user: 'U1', text: 'TODO: first' },
        ]),
      );
      expect(proposals.map(p => p.text)).toEqual(['first', 'second']);
    });
  });

  describe('errors', () => {
    const valid = { ts: '1795183200.000100', user: 'U1', text: 'hi' };
    const withFourth = (fourth: unknown) =>
      JSON.stringify([valid, valid, valid, fourth]);

    it.each([
      ['an empty transcript', '', 'transcript: is empty'],
      ['a blank transcript', ' \n\t\r\n ', 'transcript: is empty'],
      [
        'JSON that is not an array',
        '{"channel": "inc-4211"}',
        'transcript: a Slack export is a JSON array of messages',
      ],
      [
        'an object whose messages are not an array',
        '{"messages": {"ts": "1795183200.000100"}}',
        'transcript: a Slack export is a JSON array of messages',
      ],
      [
        'a message that is not an object',
        withFourth('hi'),
        'messages[3]: must be an object',
      ],
      [
        'a message that is null',
        withFourth(null),
        'messages[3]: must be an object',
      ],
      [
        'a message that is an array',
        withFourth([]),
        'messages[3]: must be an object',
      ],
      [
        'a message without ts',
        withFourth({ text: 'hi' }),
        'messages[3].ts: must be a Slack timestamp like 1700000000.000100',
      ],
      [
        'a ts that is a number',
        withFourth({ ts: 1795183200.0001, text: 'hi' }),
        'messages[3].ts: must be a Slack timestamp like 1700000000.000100',
      ],
      [
        'a ts that is a date',
        withFourth({ ts: '2026-11-20T14:00:00Z', text: 'hi' }),
        'messages[3].ts: must be a Slack timestamp like 1700000000.000100',
      ],
      [
        'a text that is a number',
        withFourth({ ts: '1795183200.000100', text: 42 }),
        'messages[3].text: must be a string',
      ],
      [
        'a text that is null',
        withFourth({ ts: '1795183200.000100', text: null }),
        'messages[3].text: must be a string',
      ],
      [
        'text before the first message',
        'Incident chat\n[14:03] jane: hi',
        'line 1: expected a message like "[14:03] jane: text"',
      ],
      [
        'text before the first message after blank lines',
        '\n\n  notes\n[14:03] jane: hi',
        'line 3: expected a message like "[14:03] jane: text"',
      ],
      [
        'a message without a name',
        '[14:03] : hi',
        'line 1: expected a message like "[14:03] jane: text"',
      ],
      [
        'an impossible time',
        '[14:03] jane: one\n[14:04] jane: two\n\n[14:05] omar: three\ncontinued\n[14:06] jane: four\n[25:70] omar: five',
        'line 7: 25:70 is not a time of day',
      ],
      [
        'an impossible time with seconds',
        '[14:03] jane: one\n[23:59:60] omar: two',
        'line 2: 23:59:60 is not a time of day',
      ],
      [
        'an impossible date',
        '[2026-02-29 10:00] jane: one',
        'line 1: 2026-02-29 is not a date',
      ],
    ])('rejects %s', (_name, transcript, message) => {
      expect(thrown(() => parse(transcript)).message).toBe(message);
    });

    it.each([
      [
        '[{"ts": "1795183200.000100",}]',
        "transcript: is not valid JSON: expected a property name in double quotes but found '}' at position 28 (line 1 column 29)",
      ],
      [
        '{"messages": [',
        'transcript: is not valid JSON: unexpected end of input, expected a value at position 14 (line 1 column 15)',
      ],
      [
        '[\n  {"ts": "1795183200.000100" "text": "hi"}\n]',
        `transcript: is not valid JSON: expected ',' or '}' but found '"' at position 31 (line 2 column 30)`,
      ],
      [
        '[not json',
        "transcript: is not valid JSON: expected a value but found 'n' at position 1 (line 1 column 2)",
      ],
      [
        '[{"ts": "1795183200.000100", "text": "a\\qb"}]',
        'transcript: is not valid JSON: bad escape sequence in a string at position 39 (line 1 column 40)',
      ],
      [
        '[{"ts": "1795183200.000100"}] trailing',
        "transcript: is not valid JSON: expected the end of the input but found 't' at position 30 (line 1 column 31)",
      ],
      [
        '{"messages": [{"ts": "1795183200.000100", "text": "unterminated}]}',
        'transcript: is not valid JSON: unexpected end of input in a string at position 66 (line 1 column 67)',
      ],
    ])(
      'names the JSON problem and its position in %p',
      (transcript, message) => {
        expect(thrown(() => parse(transcript)).message).toBe(message);
      },
    );

    it('reads a transcript starting with [ as plain text when it looks like one', () => {
      const result = parse('\n[14:03] jane: KEY: {"not": "json"}');
      expect(result.format).toBe('plain');
      expect(result.proposals[0].text).toBe('{"not": "json"}');
    });

    it.each([
      'yesterday',
      '',
      '2026-02-30',
      '2026-13-01',
      '2026-11-20T25:00:00Z',
      '2026-11-20T10:00:00+25:00',
      '20/11/2026',
      '1795183200',
    ])('rejects the referenceDate %p', reference => {
      expect(thrown(() => parse('[14:03] jane: hi', reference)).message).toBe(
        'referenceDate: must be an ISO 8601 date',
      );
    });

    it('rejects a missing referenceDate', () => {
      expect(
        thrown(() =>
          parseChatTranscript(
            '[14:03] jane: hi',
            {} as { referenceDate: string },
          ),
        ).message,
      ).toBe('referenceDate: must be an ISO 8601 date');
    });
  });

  describe('size limit', () => {
    const prefix = '[14:03] jane: ';
    const limitMessage = `transcript: is larger than the limit of ${CHAT_TRANSCRIPT_MAX_BYTES} bytes (1 MiB); import a shorter part of the chat`;

    it('is 1 MiB', () => {
      expect(CHAT_TRANSCRIPT_MAX_BYTES).toBe(1048576);
    });

    it.each([
      ['one-byte characters', 'x', 1],
      ['two-byte characters', 'é', 2],
      ['three-byte characters', '€', 3],
      ['four-byte characters', '🔥', 4],
    ])('counts UTF-8 bytes of %s', (_name, char, bytes) => {
      const room = CHAT_TRANSCRIPT_MAX_BYTES - prefix.length;
      const fill = char.repeat(Math.floor(room / bytes));
      const padding = 'x'.repeat(room - (fill.length / char.length) * bytes);
      const atLimit = `${prefix}${fill}${padding}`;
      expect(new TextEncoder().encode(atLimit).length).toBe(
        CHAT_TRANSCRIPT_MAX_BYTES,
      );
      expect(parse(atLimit).messageCount).toBe(1);
      expect(thrown(() => parse(`${atLimit}x`)).message).toBe(limitMessage);
      expect(thrown(() => parse(`${atLimit}${char}`)).message).toBe(
        limitMessage,
      );
    });

    it('refuses a large Slack export before reading it', () => {
      const big = `[${' '.repeat(CHAT_TRANSCRIPT_MAX_BYTES)}]`;
      expect(thrown(() => parse(big)).message).toBe(limitMessage);
    });
  });
});
