/**
 * The data templates render with. Optional things are present as null, never left out: templates
 * are compiled in strict mode, so a key that is absent is an error (it usually means a typo or a
 * caller that forgot to fill something in), while null renders as nothing and fails an {{#if}}.
 */
import type { CustomerTier, Grade, PriorityTier } from '../domain/types.ts';
import type { Salutation } from './greeting.ts';
import type { UnsubscribeTarget } from './unsubscribe.ts';

export interface PersonContext {
  /** Display name as the person writes it, e.g. 'John Smith', '王伟' */
  name: string | null;
  lastName: string | null;
  salutation: Salutation | null;
  email: string;
}

export interface LeadContext extends PersonContext {
  company: string | null;
  /** ISO 3166-1 alpha-2 */
  country: string | null;
  language: string | null;
  /** IANA zone; when null the country's primary zone is used for dates */
  timeZone: string | null;
  grade: Grade | null;
  tier: CustomerTier | null;
}

export interface SenderContext {
  name: string;
  title: string | null;
  company: string;
  email: string;
  phone: string | null;
  website: string | null;
  /** What the company makes, used when a lead's products are unknown: 'LED lighting' */
  productLine: string;
}

/** Mail to a buyer (kinds prospecting and followup). */
export interface BuyerMailContext {
  lead: LeadContext;
  sender: SenderContext;
  /** Products the buyer asked about or was offered; may be empty (templates then use sender.productLine). */
  products: string[];
  inquiry: { subject: string; receivedAt: Date } | null;
  quote: { reference: string; sentAt: Date; incoterm: string | null; validUntil: Date | null } | null;
  show: { name: string; city: string | null; date: Date; booth: string | null } | null;
  customer: { lastInquiryAt: Date | null; lastOrderAt: Date | null } | null;
  /** The buyer's message being answered, for {{> quoted-original}} */
  original: { from: string; date: Date; text: string } | null;
  /** Required for prospecting templates: becomes the List-Unsubscribe headers */
  unsubscribe: UnsubscribeTarget | null;
}

/** Notices to our own people (kind internal): SLA reminders and escalations. */
export interface InternalMailContext {
  recipient: PersonContext & { country: string | null; timeZone: string | null };
  sla: {
    deadline: Date;
    receivedAt: Date;
    /** The inquiry's subject line */
    subject: string;
    /** Why the ranker placed the inquiry where it did, e.g. 'asked for samples' */
    reasons: string[];
    products: string[];
    grade: Grade | null;
    priority: PriorityTier | null;
    buyer: { name: string | null; email: string; company: string | null; country: string | null };
    /** The salesperson who owns the inquiry */
    owner: { name: string; email: string };
  };
}

/** A line of the weekly report about one lead; any field may be unknown (null). */
export interface ReportLeadLine {
  company: string | null;
  contact: string | null;
  email: string | null;
  phone: string | null;
}

/**
 * The weekly report to a salesperson or manager (template weekly-report, kind internal); built
 * by src/reports/weekly. Numbers are counts; `percent` is already formatted ('80%') or null.
 */
export interface WeeklyReportMailContext {
  recipient: PersonContext & { country: string | null; timeZone: string | null };
  report: {
    periodStart: Date;
    periodEnd: Date;
    /** 'own' (their leads), 'team' or 'all' */
    scope: string;
    keyProspects: Array<
      ReportLeadLine & { address: string | null; status: string; grade: string | null; owner: string | null }
    >;
    sla: { inquiries: number; answered: number; withinSla: number; percent: string | null };
    replies: { count: number; items: Array<ReportLeadLine & { at: Date; subject: string }> };
    bounces: { count: number; hard: number; items: Array<ReportLeadLine & { at: Date; permanent: boolean }> };
    overdue: {
      count: number;
      inquiries: Array<ReportLeadLine & { subject: string; deadline: Date; owner: string | null }>;
      followUps: Array<ReportLeadLine & { sequence: string; dueAt: Date }>;
    };
    perSalesperson: Array<{
      name: string;
      inquiries: number;
      withinSla: number;
      percent: string | null;
      replies: number;
      bounces: number;
      overdue: number;
    }>;
  };
}

/**
 * Sample data used to render every template when templates are loaded, so a template that uses
 * a variable outside this documented shape is rejected before any mail is sent.
 */
export const SAMPLE_CONTEXT: BuyerMailContext & InternalMailContext & WeeklyReportMailContext = {
  lead: {
    name: 'John Smith',
    lastName: 'Smith',
    salutation: 'mr',
    email: 'john.smith@acme-imports.example',
    company: 'Acme Imports Ltd',
    country: 'GB',
    language: 'en',
    timeZone: 'Europe/London',
    grade: 'B',
    tier: null,
  },
  sender: {
    name: 'Lily Wang',
    title: 'Export Sales Manager',
    company: 'Ningbo Bright Lighting Co., Ltd.',
    email: 'lily@bright-lighting.example',
    phone: '+86 574 8888 6666',
    website: 'https://bright-lighting.example',
    productLine: 'LED lighting',
  },
  products: ['LED panel lights', 'LED tubes', 'high bay lights'],
  inquiry: { subject: 'Inquiry: LED panel 600x600', receivedAt: new Date('2025-03-03T08:15:00Z') },
  quote: {
    reference: 'Q-2025-0142',
    sentAt: new Date('2025-03-04T09:30:00Z'),
    incoterm: 'FOB Ningbo',
    validUntil: new Date('2025-04-04T09:30:00Z'),
  },
  show: { name: 'Canton Fair', city: 'Guangzhou', date: new Date('2025-04-16T02:00:00Z'), booth: '11.2 C15' },
  customer: {
    lastInquiryAt: new Date('2024-11-20T10:00:00Z'),
    lastOrderAt: new Date('2024-09-02T10:00:00Z'),
  },
  original: {
    from: 'John Smith <john.smith@acme-imports.example>',
    date: new Date('2025-03-03T08:15:00Z'),
    text: 'Please quote 2,000 pcs LED panel 600x600, 40W, CE.\nDelivery to Felixstowe.',
  },
  unsubscribe: {
    mailto: 'unsubscribe@bright-lighting.example',
    url: 'https://bright-lighting.example/unsubscribe/3f9a2c',
  },
  recipient: {
    name: 'Lily Wang',
    lastName: 'Wang',
    salutation: 'ms',
    email: 'lily@bright-lighting.example',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
  },
  sla: {
    deadline: new Date('2025-03-03T10:15:00Z'),
    receivedAt: new Date('2025-03-03T08:15:00Z'),
    subject: 'Inquiry: LED panel 600x600',
    reasons: ['asked for samples', 'detailed specification', 'importer with a website'],
    products: ['LED panel lights'],
    grade: 'A',
    priority: 'P1',
    buyer: {
      name: 'John Smith',
      email: 'john.smith@acme-imports.example',
      company: 'Acme Imports Ltd',
      country: 'GB',
    },
    owner: { name: 'Lily Wang', email: 'lily@bright-lighting.example' },
  },
  report: {
    periodStart: new Date('2025-02-24T00:00:00Z'),
    periodEnd: new Date('2025-03-03T00:00:00Z'),
    scope: 'own',
    keyProspects: [
      {
        company: 'Acme Imports Ltd',
        address: 'GB, acme-imports.example',
        contact: 'John Smith',
        phone: '+44 20 7946 0000',
        email: 'john.smith@acme-imports.example',
        status: 'inquiry open',
        grade: 'A',
        owner: 'Lily Wang',
      },
    ],
    sla: { inquiries: 4, answered: 3, withinSla: 3, percent: '75%' },
    replies: {
      count: 1,
      items: [
        {
          company: 'Acme Imports Ltd',
          contact: 'John Smith',
          email: 'john.smith@acme-imports.example',
          phone: null,
          at: new Date('2025-02-26T10:00:00Z'),
          subject: 'Re: LED panel 600x600',
        },
      ],
    },
    bounces: { count: 0, hard: 0, items: [] },
    overdue: {
      count: 1,
      inquiries: [
        {
          company: 'Acme Imports Ltd',
          contact: 'John Smith',
          email: 'john.smith@acme-imports.example',
          phone: null,
          subject: 'Inquiry: LED panel 600x600',
          deadline: new Date('2025-03-03T10:15:00Z'),
          owner: 'Lily Wang',
        },
      ],
      followUps: [],
    },
    perSalesperson: [],
  },
};
