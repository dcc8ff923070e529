/**
 * JSON schemas shared by the routes. Request schemas are enforced by Fastify (Ajv); response
 * schemas document the answers in the OpenAPI document (the server serialises with
 * JSON.stringify, so a schema can never silently drop a field).
 */

export const nullableString = { type: ['string', 'null'] } as const;
export const nullableInteger = { type: ['integer', 'null'] } as const;
export const nullableNumber = { type: ['number', 'null'] } as const;
export const instant = { type: 'string', format: 'date-time' } as const;
export const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
  additionalProperties: false,
} as const;

export const paging = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  offset: { type: 'integer', minimum: 0, default: 0 },
} as const;

export interface Paging {
  limit: number;
  offset: number;
}

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
} as const;

export function listOf(item: object) {
  return {
    type: 'object',
    required: ['items', 'total'],
    properties: { items: { type: 'array', items: item }, total: { type: 'integer' } },
  } as const;
}

export const personRef = {
  type: ['object', 'null'],
  properties: { id: { type: 'integer' }, name: nullableString, email: nullableString },
} as const;

export const companyRef = {
  type: ['object', 'null'],
  properties: {
    id: { type: 'integer' },
    name: nullableString,
    domain: nullableString,
    country: nullableString,
    website: nullableString,
    tier: nullableString,
  },
} as const;

export const leadSummary = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: nullableString,
    email: nullableString,
    phone: nullableString,
    title: nullableString,
    country: nullableString,
    status: { type: 'string' },
    source: nullableString,
    company: companyRef,
    owner: personRef,
    grade: nullableString,
    lastInquiryAt: nullableInstant,
    lastActivityAt: nullableInstant,
    undeliverable: { type: 'boolean' },
  },
} as const;

export const activitySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    leadId: { type: 'integer' },
    type: { type: 'string' },
    direction: { type: 'string' },
    summary: { type: 'string' },
    occurredAt: instant,
    messageId: nullableInteger,
    outboundMailId: nullableInteger,
    lead: personRef,
  },
} as const;

export const inquirySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string' },
    status: { type: 'string' },
    lead: personRef,
    company: companyRef,
    owner: personRef,
    subject: { type: 'string' },
    products: { type: 'array', items: { type: 'string' } },
    quantity: nullableNumber,
    unit: nullableString,
    incoterm: nullableString,
    sampleRequest: { type: 'boolean' },
    grade: nullableString,
    score: nullableInteger,
    priorityTier: nullableString,
    slaHours: nullableNumber,
    receivedAt: instant,
    deadlineAt: nullableInstant,
    answeredAt: nullableInstant,
    msLeft: { type: ['integer', 'null'], description: 'deadline minus now; negative when overdue' },
    workingMsLeft: {
      type: ['integer', 'null'],
      description: "working time left in the owner's calendar (ranked inquiries); negative when overdue",
    },
    deadlineEstimated: { type: 'boolean', description: 'not ranked yet: receivedAt + the standard SLA' },
    slaState: { type: 'string', enum: ['open', 'breached', 'met', 'answered_late'] },
    reasons: { type: 'array', items: { type: 'string' } },
    explain: nullableString,
  },
} as const;

export const enrollmentSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    leadId: { type: 'integer' },
    lead: personRef,
    sequence: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    state: { type: 'string', enum: ['active', 'paused', 'stopped', 'completed'] },
    stateEnteredAt: instant,
    nextPosition: { type: 'integer' },
    nextStepAt: nullableInstant,
    pausedUntil: nullableInstant,
    stopReason: nullableString,
    createdAt: instant,
  },
} as const;

export const objectSchema = { type: 'object', additionalProperties: true } as const;
