/**
 * Tunable weights and thresholds of the priority score. Every default is a point value a
 * salesperson can read in the reasons ("Asked for samples (grade A): +75") and change here.
 * The defaults are set so that the users' rules hold: sample requests, detailed high-value
 * RFQs and reorders from existing customers come out P1; generic and D-grade requests P3.
 */
import { z } from 'zod';

const points = z.number({ error: 'must be a number of points, e.g. 5 or -4' }).min(-100).max(100);

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, {
    error: (issue) => `'${String(issue.input)}' is not an ISO country code; write e.g. DE or US`,
  })
  .transform((c) => c.toUpperCase());

const slaHours = z.number({ error: 'must be a number of working hours, e.g. 24' }).positive({
  error: 'must be above 0 working hours; the users default to 2 h for P1 and 24 h otherwise',
});

const valueBand = z.object({
  minUsd: z.number().positive(),
  points,
});

export const weightsSchema = z.object({
  grade: z
    .object({
      A: points.default(75),
      B: points.default(40),
      C: points.default(15),
      D: points.default(0),
      /** A buyer not yet won whom the classifier could not grade. Existing customers get no grade points. */
      ungraded: points.default(20),
    })
    .prefault({}),
  /** Multiplied by the 0..1 detail score. */
  detail: points.default(12),
  genericRequest: points.default(-10),
  /** Names one to three specific products. */
  specificProducts: points.default(4),
  certifications: points.default(3),
  targetPrice: points.default(3),
  urgent: points.default(8),
  /** Per earlier inquiry from the same buyer, up to repeatInquiryMax. */
  repeatInquiry: points.default(5),
  repeatInquiryMax: points.default(10),
  value: z
    .object({
      oneContainer: points.default(15),
      manyContainers: points.default(20),
      bulkWeight: points.default(15),
      largePieceCount: points.default(10),
      mediumPieceCount: points.default(5),
      /** Target price x quantity, in USD; the highest band reached counts. */
      orderValue: z.array(valueBand).default(() => [
        { minUsd: 100_000, points: 20 },
        { minUsd: 20_000, points: 12 },
        { minUsd: 5_000, points: 6 },
      ]),
    })
    .prefault({}),
  customerTier: z
    .object({
      A: points.default(35),
      B: points.default(25),
      C: points.default(15),
      untiered: points.default(15),
    })
    .prefault({}),
  reorder: points.default(60),
  corporateDomain: points.default(4),
  freeMailDomain: points.default(-4),
  website: points.default(2),
  /** Multiplied by the 0..1 signature completeness. */
  signature: points.default(4),
  targetMarket: points.default(4),
  outsideTargetMarket: points.default(-3),
  source: z
    .object({
      inquiry: points.default(0),
      form_inquiry: points.default(0),
      forwarded_inquiry: points.default(3),
      /** B2B platform notices: many are RFQs sent to dozens of suppliers at once. */
      platform_inquiry: points.default(-2),
    })
    .prefault({}),
  /** Per platform name (lower case, e.g. 'alibaba'); replaces source.platform_inquiry. */
  platforms: z.record(z.string(), points).default(() => ({})),
  /** Per fraud/junk signal, down to spamMax. */
  spamSignal: points.default(-25),
  spamMax: points.default(-75),
});

export const valueSignalsSchema = z.object({
  manyContainers: z.number().positive().default(3),
  /** Metric tons; about one 20' container of bulk goods. */
  bulkTons: z.number().positive().default(20),
  largePieceCount: z.number().positive().default(10_000),
  mediumPieceCount: z.number().positive().default(1_000),
  /** Rough rates for sizing an order, not for quoting. A currency not listed gives no value signal. */
  fxToUsd: z.record(z.string(), z.number().positive()).default(() => ({
    USD: 1,
    EUR: 1.08,
    GBP: 1.27,
    CNY: 0.14,
    RMB: 0.14,
    JPY: 0.0067,
    AUD: 0.66,
    CAD: 0.73,
    HKD: 0.128,
    AED: 0.27,
    SAR: 0.27,
    INR: 0.012,
    BRL: 0.18,
    MXN: 0.055,
  })),
});

export const rankingSchema = z
  .object({
    /** ISO 3166-1 alpha-2 codes of the markets the company sells to by preference. */
    targetMarkets: z.array(countryCode).default(() => []),
    thresholds: z
      .object({
        P1: z.number().int().min(1).max(100).default(70),
        P2: z.number().int().min(1).max(100).default(40),
      })
      .prefault({})
      .refine((t) => t.P1 > t.P2, {
        error: 'P1 must be above P2 (defaults: P1 70, P2 40); raise P1 or lower P2',
      }),
    /** Working hours to answer per priority tier. Users' rule: 2 h for priority inquiries, 24 h for all others. */
    slaHours: z
      .object({ P1: slaHours.default(2), P2: slaHours.default(24), P3: slaHours.default(24) })
      .prefault({})
      .refine((s) => s.P1 <= s.P2 && s.P2 <= s.P3, {
        error: 'a higher tier cannot get a longer SLA; keep P1 <= P2 <= P3 (defaults 2, 24, 24)',
      }),
    /**
     * SLA caps by existing customer tier, applied on top of the priority tier. Users' rule:
     * tier C customers get an answer within 2 hours.
     */
    customerSlaHours: z
      .object({ A: slaHours.optional(), B: slaHours.optional(), C: slaHours.optional() })
      .default(() => ({ C: 2 })),
    weights: weightsSchema.prefault({}),
    valueSignals: valueSignalsSchema.prefault({}),
  })
  .superRefine((cfg, ctx) => {
    for (const key of Object.keys(cfg.weights.platforms)) {
      if (key !== key.toLowerCase()) {
        ctx.addIssue({
          code: 'custom',
          path: ['weights', 'platforms', key],
          message: `platform names are matched in lower case; write '${key.toLowerCase()}'`,
        });
      }
    }
  });

export type RankingConfigInput = z.input<typeof rankingSchema>;
export type RankingConfig = z.output<typeof rankingSchema>;
export type RankingWeights = RankingConfig['weights'];

export const DEFAULT_RANKING: RankingConfig = Object.freeze(rankingSchema.parse({}));
