import { InputError } from '@backstage/errors';

/**
 * The largest chat transcript, in UTF-8 bytes, that can be imported (1 MiB). The
 * backend answers 413 for larger uploads; the parser refuses them too.
 *
 * @public
 */
export const CHAT_TRANSCRIPT_MAX_BYTES = 1024 * 1024;

/**
 * The formats a chat transcript can come in; see {@link parseChatTranscript}.
 *
 * @public
 */
export type ChatTranscriptFormat = 'slack-export' | 'plain';

/**
 * Something found in a chat transcript that the scribe may accept into the
 * post-mortem: an action item (from a `TODO` line) or a timeline event (from a key
 * message).
 *
 * @public
 */
export interface ChatProposal {
  /**
   * Stable id: 16 lowercase hex characters, the 64-bit FNV-1a hash of the UTF-8
   * bytes of `kind`, `at`, `author` and `text` joined by NUL characters. The same
   * message gives the same key in every import.
   */
  key: string;
  kind: 'action-item' | 'timeline-event';
  /** When the message was sent: ISO 8601 in UTC with milliseconds. */
  at: string;
  /** The sender's display name when known, else the user id, else `unknown`. */
  author: string;
  /**
   * For action items the text after the `TODO` marker (at most 300 characters);
   * for timeline events the whole message (at most 2000 characters). Longer texts
   * are cut and end with `…`.
   */
  text: string;
}

/**
 * The outcome of {@link parseChatTranscript}.
 *
 * @public
 */
export interface ParsedChatTranscript {
  format: ChatTranscriptFormat;
  /** The chat messages read, without channel notices such as joins. */
  messageCount: number;
  /** In chronological order, each key once. */
  proposals: ChatProposal[];
}

const ACTION_ITEM_MAX_LENGTH = 300;
const TIMELINE_EVENT_MAX_LENGTH = 2000;
const DAY_MS = 86_400_000;
/** Plain times may go back this much without moving to the next day. */
const ROLLOVER_TOLERANCE_MS = 60_000;

const SLACK_KEPT_SUBTYPES = new Set([
  'thread_broadcast',
  'bot_message',
  'me_message',
  'file_share',
]);
const SLACK_KEY_REACTIONS = new Set(['star', 'pushpin', 'round_pushpin']);
const SLACK_TS = /^(\d{1,11})(?:\.(\d{1,6}))?$/;
const SLACK_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
};
const SLACK_SPECIAL_MENTIONS = new Set(['here', 'channel', 'everyone']);

/**
 * `[HH:MM] name: text`, with optional seconds (and fraction), an optional date
 * before the time (`YYYY-MM-DD` and a space or `T`) and an optional `Z`.
 */
const PLAIN_MESSAGE =
  /^\[(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?\]\s*([^:]*?)\s*:(.*)$/;
const PLAIN_KEY_MARKER = /^(?:KEY:|📌)\s*/u;
const TODO_LINE = /^\s*TODO(?:\s*[:-]|\s|$)(.*)$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** A chat message, whatever format it came from. */
interface ChatMessage {
  /** Milliseconds since the epoch. */
  time: number;
  /** Finer than milliseconds, to keep Slack's order (0-999). */
  micros: number;
  author: string;
  text: string;
  keyEvent: boolean;
}

interface SortableProposal {
  time: number;
  micros: number;
  sequence: number;
  proposal: ChatProposal;
}

/**
 * Reads the chat of an incident channel and proposes follow-ups for the
 * post-mortem: every line that starts with `TODO` becomes a proposed action item,
 * and every key message becomes a proposed timeline event. Nothing is decided here;
 * the scribe accepts or drops each proposal.
 *
 * Two formats are accepted, recognised by their content:
 *
 * - **Slack export**: a channel's day file from a Slack workspace export
 *   (`incident-channel/2026-11-20.json`), which is a JSON array of messages. An
 *   object with a `messages` array, as the Slack API returns it, works too.
 *   Channel notices (joins, leaves, topic and purpose changes) are skipped. A
 *   message is a key event when it is pinned, or when someone reacted with
 *   :star:, :pushpin: or :round_pushpin:. Links and mentions become plain text.
 *
 * - **Plain text**: one message per line, written as `[14:03] Jane Doe: text`.
 *   The time may have seconds (`[14:03:27]`) and a date (`[2026-11-20 14:03]` or
 *   `[2026-11-20T14:03:27Z]`); all times are UTC. A time without a date is on the
 *   (UTC) day of `referenceDate`, the start of the incident, and the day moves on
 *   when the clock goes back, so a chat may run past midnight. Lines that do not
 *   start with a time belong to the message above; blank lines are ignored. A
 *   message is a key event when its text starts with `KEY:` or `📌`, which are
 *   left out of the event text.
 *
 * In both formats a `TODO` line may separate the marker from the text by `:`, `-`
 * or a space, as in `TODO: alert on DB pool saturation`, and a message may hold
 * several of them. Transcripts are limited to 1 MiB
 * ({@link CHAT_TRANSCRIPT_MAX_BYTES}).
 *
 * Each proposal's key is computed from its kind, time, author and text alone, so
 * importing the same chat again, or a longer or shorter part of it, gives the same
 * keys, and proposals the scribe already decided on are recognised. (A plain-text
 * part that starts after midnight keeps its times only if its lines carry dates.)
 *
 * @param transcript - the Slack export or plain-text chat
 * @param options - `referenceDate`: an ISO 8601 date or date-time, normally the
 *   incident's start; it gives the day of plain-text times without a date
 * @throws InputError when the transcript cannot be read; the message names the
 *   line or the message at fault
 * @public
 */
export function parseChatTranscript(
  transcript: string,
  options: { referenceDate: string },
): ParsedChatTranscript {
  if (typeof transcript !== 'string') {
    throw new InputError('transcript: must be a string');
  }
  if (exceedsUtf8Bytes(transcript, CHAT_TRANSCRIPT_MAX_BYTES)) {
    throw new InputError(
      `transcript: is larger than the limit of ${CHAT_TRANSCRIPT_MAX_BYTES} bytes (1 MiB); import a shorter part of the chat`,
    );
  }
  const source = transcript.replace(/^\uFEFF/, '');
  const trimmed = source.trim();
  if (trimmed === '') {
    throw new InputError('transcript: is empty');
  }
  const referenceDay = parseReferenceDay(options?.referenceDate);

  let format: ChatTranscriptFormat;
  let messages: ChatMessage[];
  if (trimmed.startsWith('{')) {
    format = 'slack-export';
    messages = readSlackExport(parseJson(source));
  } else if (trimmed.startsWith('[')) {
    let json: { value: unknown } | undefined;
    let jsonError: unknown;
    try {
      json = { value: JSON.parse(source) };
    } catch (error) {
      jsonError = error;
    }
    if (json) {
      format = 'slack-export';
      messages = readSlackExport(json.value);
    } else if (PLAIN_MESSAGE.test(firstNonBlankLine(source))) {
      format = 'plain';
      messages = readPlainTranscript(source, referenceDay);
    } else {
      throw new InputError(describeJsonError(jsonError, source));
    }
  } else {
    format = 'plain';
    messages = readPlainTranscript(source, referenceDay);
  }

  return {
    format,
    messageCount: messages.length,
    proposals: propose(messages),
  };
}

// ---------------------------------------------------------------------------
// Proposals

function propose(messages: ChatMessage[]): ChatProposal[] {
  const found: SortableProposal[] = [];
  const add = (
    message: ChatMessage,
    kind: ChatProposal['kind'],
    text: string,
  ) => {
    const at = new Date(message.time).toISOString();
    found.push({
      time: message.time,
      micros: message.micros,
      sequence: found.length,
      proposal: {
        key: proposalKey(kind, at, message.author, text),
        kind,
        at,
        author: message.author,
        text,
      },
    });
  };

  for (const message of messages) {
    if (message.keyEvent) {
      const text = truncate(message.text.trim(), TIMELINE_EVENT_MAX_LENGTH);
      if (text) {
        add(message, 'timeline-event', text);
      }
    }
    for (const line of message.text.split('\n')) {
      const todo = TODO_LINE.exec(line);
      const text = todo ? truncate(todo[1].trim(), ACTION_ITEM_MAX_LENGTH) : '';
      if (text) {
        add(message, 'action-item', text);
      }
    }
  }

  found.sort(
    (a, b) => a.time - b.time || a.micros - b.micros || a.sequence - b.sequence,
  );
  const seen = new Set<string>();
  const proposals: ChatProposal[] = [];
  for (const { proposal } of found) {
    if (!seen.has(proposal.key)) {
      seen.add(proposal.key);
      proposals.push(proposal);
    }
  }
  return proposals;
}

/** Cuts text to at most `max` UTF-16 units, ending with `…` when cut. */
function truncate(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  let end = max - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) {
    end -= 1;
  }
  return `${text.slice(0, end).trimEnd()}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function proposalKey(
  kind: string,
  at: string,
  author: string,
  text: string,
): string {
  return fnv1a64Hex([kind, at, author, text].join('\u0000'));
}

/**
 * 64-bit FNV-1a of the UTF-8 bytes of `text`, as 16 lowercase hex characters.
 * The 64-bit state is kept in four 16-bit parts so plain numbers suffice.
 */
function fnv1a64Hex(text: string): string {
  // offset basis 0xcbf29ce484222325, lowest part first
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const mix = (byte: number) => {
    h0 ^= byte;
    // multiply by the prime 0x100000001b3 = 2^40 + 0x1b3
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    let t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    t2 += t1 >>> 16;
    t3 += t2 >>> 16;
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  };
  forEachUtf8Byte(text, mix);
  return [h3, h2, h1, h0]
    .map(part => part.toString(16).padStart(4, '0'))
    .join('');
}

/** Calls `visit` with each UTF-8 byte of `text`; lone surrogates count as U+FFFD. */
function forEachUtf8Byte(text: string, visit: (byte: number) => void): void {
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) {
      code =
        0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00);
      i++;
    } else if (isHighSurrogate(code) || isLowSurrogate(code)) {
      code = 0xfffd;
    }
    if (code < 0x80) {
      visit(code);
    } else if (code < 0x800) {
      visit(0xc0 | (code >> 6));
      visit(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      visit(0xe0 | (code >> 12));
      visit(0x80 | ((code >> 6) & 0x3f));
      visit(0x80 | (code & 0x3f));
    } else {
      visit(0xf0 | (code >> 18));
      visit(0x80 | ((code >> 12) & 0x3f));
      visit(0x80 | ((code >> 6) & 0x3f));
      visit(0x80 | (code & 0x3f));
    }
  }
}

/** Whether `text` takes more than `limit` bytes in UTF-8; stops counting early. */
function exceedsUtf8Bytes(text: string, limit: number): boolean {
  if (text.length > limit) {
    return true; // every UTF-16 unit takes at least one byte
  }
  if (text.length * 3 <= limit) {
    return false; // every UTF-16 unit takes at most three bytes
  }
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (
      isHighSurrogate(code) &&
      isLowSurrogate(text.charCodeAt(i + 1))
    ) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes > limit;
}

// ---------------------------------------------------------------------------
// Dates

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Milliseconds since the epoch of a UTC calendar date, or undefined if it is not one. */
function utcDay(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getTime();
}

/** The start (UTC midnight) of the UTC day of an ISO 8601 date or date-time. */
function parseReferenceDay(referenceDate: unknown): number {
  const invalid = () =>
    new InputError('referenceDate: must be an ISO 8601 date');
  const match =
    typeof referenceDate === 'string'
      ? ISO_DATE.exec(referenceDate.trim())
      : null;
  if (!match) {
    throw invalid();
  }
  const [, year, month, day, hour, minute, second, , offset] = match;
  const dayStart = utcDay(Number(year), Number(month), Number(day));
  if (dayStart === undefined) {
    throw invalid();
  }
  if (hour === undefined) {
    return dayStart;
  }
  const h = Number(hour);
  const m = Number(minute);
  const s = Number(second ?? '0');
  if (h > 23 || m > 59 || s > 59) {
    throw invalid();
  }
  let offsetMinutes = 0;
  if (offset && offset.toUpperCase() !== 'Z') {
    const digits = offset.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = Number(digits.slice(2) || '0');
    if (offsetHours > 23 || offsetMins > 59) {
      throw invalid();
    }
    offsetMinutes =
      (offset.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const time = dayStart + ((h * 60 + m - offsetMinutes) * 60 + s) * 1000;
  return Math.floor(time / DAY_MS) * DAY_MS;
}

// ---------------------------------------------------------------------------
// Slack export

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

function profileName(profile: unknown): string | undefined {
  if (!isRecord(profile)) {
    return undefined;
  }
  return (
    nonEmptyString(profile.display_name) ?? nonEmptyString(profile.real_name)
  );
}

function readSlackExport(value: unknown): ChatMessage[] {
  let elements: unknown[];
  if (Array.isArray(value)) {
    elements = value;
  } else if (isRecord(value) && Array.isArray(value.messages)) {
    elements = value.messages;
  } else {
    throw new InputError(
      'transcript: a Slack export is a JSON array of messages',
    );
  }

  // Validate everything first, and learn the names of the users from any message.
  const names = new Map<string, string>();
  const records = elements.map((element, index) => {
    const path = `messages[${index}]`;
    if (!isRecord(element)) {
      throw new InputError(`${path}: must be an object`);
    }
    const ts =
      typeof element.ts === 'string' ? SLACK_TS.exec(element.ts) : null;
    if (!ts) {
      throw new InputError(
        `${path}.ts: must be a Slack timestamp like 1700000000.000100`,
      );
    }
    if ('text' in element && typeof element.text !== 'string') {
      throw new InputError(`${path}.text: must be a string`);
    }
    const user = nonEmptyString(element.user);
    const name = profileName(element.user_profile);
    if (user && name && !names.has(user)) {
      names.set(user, name);
    }
    const micros = Number((ts[2] ?? '').padEnd(6, '0'));
    return {
      element,
      time: Number(ts[1]) * 1000 + Math.floor(micros / 1000),
      micros: micros % 1000,
    };
  });

  const messages: ChatMessage[] = [];
  for (const { element, time, micros } of records) {
    const subtype = element.subtype;
    if (typeof subtype === 'string' && !SLACK_KEPT_SUBTYPES.has(subtype)) {
      continue;
    }
    if (typeof element.type === 'string' && element.type !== 'message') {
      continue;
    }
    const user = nonEmptyString(element.user);
    const botName = isRecord(element.bot_profile)
      ? nonEmptyString(element.bot_profile.name)
      : undefined;
    const author =
      profileName(element.user_profile) ??
      (user ? names.get(user) : undefined) ??
      nonEmptyString(element.username) ??
      botName ??
      user ??
      nonEmptyString(element.bot_id) ??
      'unknown';
    const rawText = typeof element.text === 'string' ? element.text : '';
    messages.push({
      time,
      micros,
      author,
      text: decodeSlackText(rawText, names),
      keyEvent: isSlackKeyEvent(element),
    });
  }
  return messages;
}

function isSlackKeyEvent(element: Record<string, unknown>): boolean {
  const pinned = element.pinned_to;
  if (Array.isArray(pinned) && pinned.length > 0) {
    return true;
  }
  const reactions = element.reactions;
  return (
    Array.isArray(reactions) &&
    reactions.some(
      reaction =>
        isRecord(reaction) &&
        typeof reaction.name === 'string' &&
        SLACK_KEY_REACTIONS.has(reaction.name),
    )
  );
}

function decodeSlackEntities(text: string): string {
  return text.replace(
    /&(lt|gt|amp);/g,
    (_match, entity: string) => SLACK_ENTITIES[entity],
  );
}

/**
 * Turns Slack's message markup into plain text: `&lt; &gt; &amp;` are decoded,
 * `<https://x|label>` becomes `label (https://x)`, `<https://x>` becomes
 * `https://x`, `<@U123>` becomes `@name` (or `@U123` when the name is unknown),
 * `<#C123|general>` becomes `#general` and `<!here>` becomes `@here`.
 */
function decodeSlackText(text: string, names: Map<string, string>): string {
  return text.replace(
    /<([^<>]*)>|&(lt|gt|amp);/g,
    (_match, inner: string | undefined, entity: string | undefined) =>
      inner === undefined
        ? SLACK_ENTITIES[entity ?? 'amp']
        : decodeSlackControl(inner, names),
  );
}

function decodeSlackControl(inner: string, names: Map<string, string>): string {
  const pipe = inner.indexOf('|');
  const target = pipe < 0 ? inner : inner.slice(0, pipe);
  const label =
    pipe < 0
      ? undefined
      : decodeSlackEntities(inner.slice(pipe + 1)).trim() || undefined;

  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `@${label?.replace(/^@/, '') ?? names.get(id) ?? id}`;
  }
  if (target.startsWith('#')) {
    return `#${label?.replace(/^#/, '') ?? target.slice(1)}`;
  }
  if (target.startsWith('!')) {
    const command = target.slice(1).split('^')[0];
    if (SLACK_SPECIAL_MENTIONS.has(command)) {
      return `@${command}`;
    }
    return label ?? `@${command}`;
  }
  const url = decodeSlackEntities(target);
  if (!label || label === url) {
    return url;
  }
  if (url === `mailto:${label}`) {
    return label;
  }
  return `${label} (${url})`;
}

// ---------------------------------------------------------------------------
// JSON

function parseJson(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new InputError(describeJsonError(error, source));
  }
}

function describeJsonError(error: unknown, source: string): string {
  const problem = findJsonProblem(source);
  if (!problem) {
    // the engine and findJsonProblem disagree; trust the engine's wording
    const message = error instanceof Error ? error.message : String(error);
    return `transcript: is not valid JSON: ${message}`;
  }
  const lines = source.slice(0, problem.position).split('\n');
  const line = lines.length;
  const column = lines[lines.length - 1].length + 1;
  return `transcript: is not valid JSON: ${problem.message} at position ${problem.position} (line ${line} column ${column})`;
}

interface JsonProblem {
  position: number;
  message: string;
}

const JSON_SCALAR =
  /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * Finds where JSON text stops being valid, as engines do not all say so (V8 names no
 * position for an unexpected token). Only called after JSON.parse failed.
 */
function findJsonProblem(source: string): JsonProblem | undefined {
  let i = 0;
  const containers: ('[' | '{')[] = [];
  const expected = (what: string): JsonProblem => {
    if (i >= source.length) {
      return {
        position: source.length,
        message: `unexpected end of input, expected ${what}`,
      };
    }
    const char = source[i];
    const shown = char < ' ' ? JSON.stringify(char).slice(1, -1) : char;
    return { position: i, message: `expected ${what} but found '${shown}'` };
  };
  const skipString = (): JsonProblem | undefined => {
    i++; // the opening quote
    while (i < source.length) {
      const char = source[i];
      if (char === '"') {
        i++;
        return undefined;
      }
      if (char < ' ') {
        return { position: i, message: 'control character in a string' };
      }
      if (char === '\\') {
        JSON_ESCAPE.lastIndex = i;
        if (!JSON_ESCAPE.test(source)) {
          return { position: i, message: 'bad escape sequence in a string' };
        }
        i = JSON_ESCAPE.lastIndex;
      } else {
        i++;
      }
    }
    return {
      position: source.length,
      message: 'unexpected end of input in a string',
    };
  };

  let state: 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after' =
    'value';
  for (;;) {
    while (i < source.length && ' \t\n\r'.includes(source[i])) {
      i++;
    }
    const char = source[i];
    const container = containers[containers.length - 1];
    if (state === 'value' || state === 'first-value') {
      if (state === 'first-value' && char === ']') {
        containers.pop();
        i++;
        state = 'after';
      } else if (char === '[' || char === '{') {
        containers.push(char);
        i++;
        state = char === '[' ? 'first-value' : 'first-key';
      } else if (char === '"') {
        const problem = skipString();
        if (problem) {
          return problem;
        }
        state = 'after';
      } else {
        JSON_SCALAR.lastIndex = i;
        if (!JSON_SCALAR.test(source)) {
          return expected('a value');
        }
        i = JSON_SCALAR.lastIndex;
        state = 'after';
      }
    } else if (state === 'key' || state === 'first-key') {
      if (state === 'first-key' && char === '}') {
        containers.pop();
        i++;
        state = 'after';
      } else if (char === '"') {
        const problem = skipString();
        if (problem) {
          return problem;
        }
        state = 'colon';
      } else {
        return expected('a property name in double quotes');
      }
    } else if (state === 'colon') {
      if (char !== ':') {
        return expected("':'");
      }
      i++;
      state = 'value';
    } else if (container === undefined) {
      return char === undefined ? undefined : expected('the end of the input');
    } else if (char === ',') {
      i++;
      state = container === '[' ? 'value' : 'key';
    } else if (char === (container === '[' ? ']' : '}')) {
      containers.pop();
      i++;
    } else {
      return expected(container === '[' ? "',' or ']'" : "',' or '}'");
    }
  }
}

// ---------------------------------------------------------------------------
// Plain text

function firstNonBlankLine(source: string): string {
  return source.split(/\r?\n/).find(line => line.trim() !== '') ?? '';
}

function readPlainTranscript(
  source: string,
  referenceDay: number,
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  let day = referenceDay;
  let current: ChatMessage | undefined;

  source.split(/\r\n|\r|\n/).forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const line = rawLine.trimEnd();
    if (line.trim() === '') {
      return;
    }
    const match = PLAIN_MESSAGE.exec(line);
    if (!match || match[6] === '') {
      if (!current) {
        throw new InputError(
          `line ${lineNumber}: expected a message like "[14:03] jane: text"`,
        );
      }
      current.text += `\n${line}`;
      return;
    }

    const [, date, hour, minute, second, fraction, author, text] = match;
    const h = Number(hour);
    const m = Number(minute);
    const s = Number(second ?? '0');
    if (h > 23 || m > 59 || s > 59) {
      const written = `${hour}:${minute}${
        second === undefined ? '' : `:${second}`
      }`;
      throw new InputError(
        `line ${lineNumber}: ${written} is not a time of day`,
      );
    }
    const timeOfDay =
      ((h * 60 + m) * 60 + s) * 1000 + Number((fraction ?? '').padEnd(3, '0'));

    let time: number;
    if (date) {
      const [year, month, dayOfMonth] = date.split('-').map(Number);
      const dateStart = utcDay(year, month, dayOfMonth);
      if (dateStart === undefined) {
        throw new InputError(`line ${lineNumber}: ${date} is not a date`);
      }
      day = dateStart;
      time = dateStart + timeOfDay;
    } else {
      time = day + timeOfDay;
      if (current && time < current.time - ROLLOVER_TOLERANCE_MS) {
        day += DAY_MS;
        time += DAY_MS;
      }
    }

    const keyEvent = PLAIN_KEY_MARKER.test(text.trim());
    current = {
      time,
      micros: 0,
      author,
      text: keyEvent ? text.trim().replace(PLAIN_KEY_MARKER, '') : text.trim(),
      keyEvent,
    };
    messages.push(current);
  });
  return messages;
}
