/*
 * Email delivery of our notifications, end to end: the notifications backend
 * with @backstage/plugin-notifications-backend-module-email delivers over SMTP
 * to a real smtp-server listening on loopback.
 *
 * This also proves that the email module, which is built against
 * @backstage/plugin-catalog-node 2 while the app (and the catalog mock below)
 * use version 3, finds the catalog: service refs are matched by their id
 * ('catalog-client'), so the version 3 factory serves the version 2 ref too.
 */
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import notificationsModuleEmail from '@backstage/plugin-notifications-backend-module-email';
import { notificationEmailTemplateModule } from './notificationEmailTemplate';

const APP_BASE_URL = 'https://followups.example.com';
const SENDER = 'incident-followups@example.com';
const ALICE_EMAIL = 'alice@example.com';

// Shaped like the reminder digest of the incident-followups backend plugin.
// A followup title that someone typed with markup in it shows as text.
const REMINDER = {
  title: '2 incident followups overdue',
  description: [
    '• Rotate the leaked API key (Checkout outage), overdue since 3 Mar',
    '• Stop <script>alert("x")</script> & <b>bold</b> (Checkout outage), overdue since 4 Mar, unassigned: hand it out',
  ].join('\n'),
  link: '/my-followups',
  severity: 'normal' as const,
  topic: 'incident-followups-reminders',
};

const userEntity = (name: string, email?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName: name, ...(email ? { email } : {}) } },
});

const entities = [
  userEntity('alice', ALICE_EMAIL),
  // A user whose catalog entry has no email address.
  userEntity('nomail'),
];

// --- what the SMTP server received -----------------------------------------

type ReceivedMail = { mailFrom: string; rcptTo: string[]; raw: string };

const received: ReceivedMail[] = [];

// --- log capture, to see when the email processor is done with a notification

type LogLine = {
  level: string;
  message: string;
  meta: Record<string, unknown>;
};

const logs: LogLine[] = [];

function recordingLogger(meta: Record<string, unknown>): LoggerService {
  const log = (level: string) => (message: string, extra?: Error | unknown) => {
    logs.push({
      level,
      message: extra instanceof Error ? `${message} ${extra}` : message,
      meta,
    });
  };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: childMeta => recordingLogger({ ...meta, ...childMeta }),
  };
}

const recordingLoggerFactory = createServiceFactory({
  service: coreServices.logger,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => recordingLogger({ plugin: plugin.getId() }),
});

// --- a backend plugin that sends notifications the way ours does ------------

const reminderSender = createBackendPlugin({
  pluginId: 'reminder-sender-test',
  register(env) {
    env.registerInit({
      deps: { notifications: notificationService },
      async init({ notifications }) {
        // Awaited, so a rejected send fails startTestBackend. No deadlock:
        // requests to the notifications plugin wait only for that plugin's
        // own startup, not for this one.
        await notifications.send({
          recipients: { type: 'entity', entityRef: 'user:default/nomail' },
          payload: REMINDER,
        });
        await notifications.send({
          recipients: { type: 'entity', entityRef: 'user:default/alice' },
          payload: REMINDER,
        });
      },
    });
  },
});

// --- helpers -----------------------------------------------------------------

async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      const logText = logs
        .map(l => `${l.level} [${l.meta.plugin}] ${l.message}`)
        .join('\n');
      throw new Error(`Timed out waiting for ${what}; logs:\n${logText}`);
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

type MimePart = { headers: Map<string, string>; body: string };

function splitHeaders(raw: string): MimePart {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end + 4);
  const headers = new Map<string, string>();
  // Unfold continuation lines, then read "Name: value".
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        line.slice(colon + 1).trim(),
      );
    }
  }
  return { headers, body };
}

function decodeQuotedPrintable(text: string): string {
  // Soft line breaks first ("=" at the end of a line), then =XX octets,
  // which are UTF-8 bytes and may spread one character over several escapes.
  const joined = text.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(part: MimePart): string {
  const encoding = (
    part.headers.get('content-transfer-encoding') ?? '7bit'
  ).toLowerCase();
  let text = part.body;
  if (encoding === 'quoted-printable') {
    text = decodeQuotedPrintable(text);
  } else if (encoding === 'base64') {
    text = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return text.replace(/\r\n/g, '\n');
}

// RFC 2047 encoded words, in case a subject is not plain ASCII.
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_match, _charset, kind: string, data: string) =>
        kind.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64').toString('utf8')
          : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

/** Headers and decoded text/plain and text/html bodies of a raw message. */
function parseMail(raw: string) {
  const message = splitHeaders(raw);
  const bodies: Record<string, string> = {};
  const walk = (part: MimePart) => {
    const contentType = part.headers.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (/^multipart\//i.test(contentType) && boundary) {
      const sections = part.body.split(`--${boundary}`);
      // Drop the preamble and everything after the closing "--boundary--".
      for (const section of sections.slice(1)) {
        if (section.startsWith('--')) {
          break;
        }
        walk(splitHeaders(section.replace(/^\r\n/, '')));
      }
      return;
    }
    const type = contentType.split(';')[0].trim().toLowerCase();
    bodies[type] = decodeBody(part);
  };
  walk(message);
  return {
    from: decodeHeader(message.headers.get('from') ?? ''),
    to: decodeHeader(message.headers.get('to') ?? ''),
    subject: decodeHeader(message.headers.get('subject') ?? ''),
    text: bodies['text/plain'] ?? '',
    html: bodies['text/html'] ?? '',
  };
}

// --- the test ------------------------------------------------------------------

describe('notifications by email', () => {
  let smtpServer: SMTPServer;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;

  const mailsTo = (address: string) =>
    received.filter(mail => mail.rcptTo.includes(address));

  const waitForAliceMail = () =>
    waitFor(`the email to ${ALICE_EMAIL}`, () => mailsTo(ALICE_EMAIL)[0]);

  beforeAll(async () => {
    smtpServer = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1000,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          received.push({
            mailFrom: session.envelope.mailFrom
              ? session.envelope.mailFrom.address
              : '',
            rcptTo: session.envelope.rcptTo.map(r => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      smtpServer.once('error', reject);
      smtpServer.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = smtpServer.server.address() as AddressInfo;

    backend = await startTestBackend({
      features: [
        // Static imports: jest runs without --experimental-vm-modules, so
        // import() (as in src/index.ts) is not available here.
        notificationsPlugin,
        notificationsModuleEmail,
        notificationEmailTemplateModule,
        // The notifications backend publishes through signals.service, whose
        // default factory only needs the events service: no signals backend.
        catalogServiceMock.factory({ entities }),
        recordingLoggerFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: APP_BASE_URL },
            notifications: {
              processors: {
                email: {
                  transportConfig: {
                    transport: 'smtp',
                    hostname: '127.0.0.1',
                    port,
                    secure: false,
                  },
                  sender: SENDER,
                  // The module sends from a fire-and-forget post-processing
                  // step after the notification is stored, so the mail can
                  // arrive after send() resolved: the tests poll for it.
                  // It throttles each notification's recipients (default 2
                  // per 100 ms) and caches each user's addresses from the
                  // catalog (default 1 hour). Neither delays a first mail,
                  // but set them so more recipients never wait for
                  // throttle windows and each notification reads the
                  // catalog afresh, with no state carried between cases.
                  concurrencyLimit: 10,
                  throttleInterval: { milliseconds: 1 },
                  cache: { ttl: { milliseconds: 1 } },
                },
              },
            },
          },
        }),
        reminderSender,
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await new Promise<void>(resolve => smtpServer.close(() => resolve()));
  }, 30_000);

  it('emails the reminder to the recipient address from the catalog', async () => {
    const mail = await waitForAliceMail();

    expect(mail.rcptTo).toEqual([ALICE_EMAIL]);
    expect(mail.mailFrom).toBe(SENDER);

    const parsed = parseMail(mail.raw);
    expect(parsed.from).toContain(SENDER);
    expect(parsed.to).toContain(ALICE_EMAIL);
    expect(parsed.subject).toContain(REMINDER.title);

    const absoluteLink = `${APP_BASE_URL}/my-followups`;
    expect(parsed.text).toContain(REMINDER.description);
    expect(parsed.text).toContain(absoluteLink);
    expect(parsed.html).toContain(
      '<p><strong>2 incident followups overdue</strong></p>',
    );
    expect(parsed.html).toContain(
      '• Rotate the leaked API key (Checkout outage), overdue since 3 Mar<br/>• Stop &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; (Checkout outage)',
    );
    expect(parsed.html).not.toContain('<script>');
    expect(parsed.html).not.toContain('<b>');
    expect(parsed.html).toContain(`href="${absoluteLink}"`);

    expect(mailsTo(ALICE_EMAIL)).toHaveLength(1);
  });

  it('sends nothing to a user without an email address, and keeps going', async () => {
    // The processor's last word on a notification without recipients.
    await waitFor('the email processor to skip user:default/nomail', () =>
      logs.find(
        l =>
          l.meta.plugin === 'notifications' &&
          l.message.startsWith('No email recipients found for notification'),
      ),
    );
    // Sent after the one to nomail, and still delivered.
    await waitForAliceMail();

    // Both notifications are done: the only mail is alice's.
    expect(received.map(mail => mail.rcptTo)).toEqual([[ALICE_EMAIL]]);
    // Nothing went wrong on the way ("Failed to resolve recipient emails",
    // "Failed to send email ...", "Error while post processing ...").
    expect(logs.filter(l => l.level === 'error' || l.level === 'warn')).toEqual(
      [],
    );
  });
});
