// The shape of vanthu.yaml, with defaults for the embedded single-process setup.
import { z } from 'zod';
import { parseSize } from './size.js';

const size = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const bytes = parseSize(value);
    if (bytes === null) {
      ctx.addIssue({ code: 'custom', message: 'expected a size such as 50MB, 512KiB or a number of bytes' });
      return z.NEVER;
    }
    return bytes;
  });

const port = z.number({ error: 'expected a port number' }).int().min(1).max(65535);
/** A port to listen on; 0 picks any free port (tests use it). */
const listenPort = z.number({ error: 'expected a port number (0 picks a free one)' }).int().min(0).max(65535);
const host = z.string({ error: 'expected a host name or IP address' }).min(1);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');
const workPeriod = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'expected a period such as 07:30-11:30');
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A secret comes from exactly one place: an environment variable or a file, never the config itself. */
const onePasswordSource = (s: { passwordEnv?: string; passwordFile?: string }) => Boolean(s.passwordEnv) !== Boolean(s.passwordFile);
const ONE_PASSWORD_SOURCE = { message: 'expected exactly one of passwordEnv or passwordFile (passwords are never written in the config)' };

const imapSchema = z
  .strictObject({
    host,
    port: port.default(993),
    secure: z.boolean({ error: 'expected true (TLS from the start, port 993) or false (STARTTLS or plain)' }).default(true),
    user: z.string({ error: 'expected the IMAP user name' }).min(1),
    passwordEnv: envVarName.optional(),
    passwordFile: z.string().min(1).optional(),
    tls: z
      .strictObject({
        rejectUnauthorized: z.boolean().default(true),
        servername: z.string().optional(),
      })
      .default({ rejectUnauthorized: true }),
  })
  .refine(onePasswordSource, ONE_PASSWORD_SOURCE);

const mailboxSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected an id of lowercase letters, digits, - and _'),
  address: z.email({ error: 'expected an e-mail address' }),
  imap: imapSchema,
  folders: z.array(z.string().min(1)).min(1).default(['INBOX']),
});

/** The relay outgoing mail goes through (notifications, acknowledgements, forwards, alerts). */
const relaySchema = z
  .strictObject({
    host,
    port: port.default(25),
    secure: z.boolean({ error: 'expected true (TLS from the start, port 465) or false (STARTTLS when offered)' }).default(false),
    user: z.string().min(1).optional(),
    passwordEnv: envVarName.optional(),
    passwordFile: z.string().min(1).optional(),
    from: z.string({ error: 'expected the sender, e.g. "Văn thư <vanthu@example.gov.vn>"' }).min(3),
    tls: z.strictObject({ rejectUnauthorized: z.boolean().default(true) }).default({ rejectUnauthorized: true }),
  })
  .refine((relay) => !(relay.passwordEnv && relay.passwordFile), { message: 'expected at most one of passwordEnv or passwordFile' })
  .refine((relay) => !relay.user || Boolean(relay.passwordEnv || relay.passwordFile), { message: 'a user needs passwordEnv or passwordFile' });

/** A `signatures.crls` entry that is fetched (http or https URL) rather than read from a file or folder. */
export const isCrlUrl = (entry: string): boolean => /^https?:\/\//i.test(entry);

export const configSchema = z.strictObject({
  dataDir: z.string().min(1).default('./data'),
  register: z.strictObject({ id: z.string().min(1).default('den') }).default({ id: 'den' }),
  http: z.strictObject({
    host: host.default('127.0.0.1'),
    port: listenPort.default(8080),
    /** The address users reach the console at, for links in notifications. */
    publicUrl: z.url({ error: 'expected a URL such as https://vanthu.example.gov.vn' }).optional(),
  }).default({ host: '127.0.0.1', port: 8080 }),
  smtp: relaySchema.optional(),
  ingress: z
    .strictObject({
      smtp: z
        .strictObject({
          enabled: z.boolean().default(true),
          host: host.default('127.0.0.1'),
          port: listenPort.default(2525),
          maxMessageSize: size.default(50_000_000),
        })
        .default({ enabled: true, host: '127.0.0.1', port: 2525, maxMessageSize: 50_000_000 }),
    })
    .prefault({}),
  mailboxes: z.array(mailboxSchema).default([]),
  limits: z
    .strictObject({
      maxParseSize: size.default(50_000_000),
      parseTimeoutMs: z.number().int().positive().default(60_000),
      parseThreads: z.number().int().min(1).max(64).optional(),
    })
    .prefault({}),
  imap: z
    .strictObject({
      /** Re-IDLE at least this often; servers drop idle connections after 30 minutes (RFC 3501) or sooner. */
      idleRefreshMs: z.number().int().min(10_000).default(5 * 60_000),
      /** A full catch-up runs this often even without notifications, as a safety net. */
      resyncIntervalMs: z.number().int().min(5_000).default(10 * 60_000),
      fetchBatch: z.number().int().min(1).max(5000).default(100),
    })
    .prefault({}),
  classification: z
    .strictObject({
      /** Below this confidence (0..1) an entry is registered as needs_review for a clerk to check. */
      reviewThreshold: z.number({ error: 'expected a number between 0 and 1' }).min(0).max(1).default(0.6),
      /** Who is alerted when a document marked Mật / Tối mật / Tuyệt mật arrives. */
      securityOfficer: z.email({ error: 'expected the security officer\'s e-mail address' }).optional(),
    })
    .prefault({}),
  workingTime: z
    .strictObject({
      /** Working periods of a working day, "HH:MM-HH:MM". */
      periods: z.array(workPeriod)
        .min(1).default(['07:30-11:30', '13:30-17:00']),
      workdays: z.array(z.enum(WEEKDAYS, { error: 'expected mon, tue, wed, thu, fri, sat or sun' }))
        .min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
      /** Other hours for some weekdays (a Saturday morning, a short Friday): periods by day name. */
      byDay: z.partialRecord(z.enum(WEEKDAYS, { error: 'expected a day: mon ... sun' }),
        z.array(workPeriod)).default({}),
      /** Days off of a year, as the government publishes them; a year listed here replaces that year's defaults. */
      holidays: z.record(z.string().regex(/^\d{4}$/, 'expected a year such as "2026"'), z.array(isoDay)).default({}),
      /** Days normally off that are worked (swapped Saturdays). */
      workingDays: z.array(isoDay).default([]),
    })
    .prefault({}),
  signatures: z
    .strictObject({
      /** Trust anchors: a folder of PEM/DER CA certificates (the government CA, licensed public CAs). None by default. */
      trustAnchors: z.string().min(1).optional(),
      /** CRL files or folders (PEM or DER), or http(s) URLs fetched at start and every 6 hours (a failed fetch keeps the last copy). */
      crls: z.array(z.string().min(1)).default([]),
      /** The agency's signing certificate for POST /api/sign: a PKCS#12 file and where its password is. */
      signing: z
        .strictObject({
          p12: z.string().min(1),
          passwordEnv: envVarName.optional(),
          passwordFile: z.string().min(1).optional(),
          /** The agency's name for the visible stamp on signed PDFs (ASCII is drawn; tone marks are dropped). */
          stamp: z.string().min(1).optional(),
        })
        .refine(onePasswordSource, ONE_PASSWORD_SOURCE)
        .optional(),
    })
    .prefault({}),
  routing: z
    .strictObject({
      /** The routing-rule file (YAML or JSON), checked at start like this file. */
      rulesFile: z.string().min(1).optional(),
      /** Reminders of open documents: before the due date and once when it has passed. */
      reminders: z.strictObject({
        to: z.array(z.email({ error: 'expected an e-mail address' })).min(1),
        beforeWorkingDays: z.number().int().min(0).max(20).default(1),
      }).optional(),
      /** The leader's daily summary of new and overdue documents, sent on working days at this time (Vietnam). */
      dailySummary: z.strictObject({
        to: z.array(z.email({ error: 'expected an e-mail address' })).min(1),
        at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time such as 07:30').default('07:30'),
      }).optional(),
    })
    .default({}),
  log: z
    .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .prefault({}),
});

export type ConfigFile = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
