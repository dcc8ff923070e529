/**
 * The SLA side of the service: salespeople synced from the config at start, then on node-cron
 * ticks the escalation job (every minute: reminders and escalations must not wait) and the
 * housekeeping jobs (hourly: reassignment on absence, customer tiers and wake-up flags, the
 * shared pool). Runs never overlap within a process; several processes may run side by side,
 * the database's unique keys and conditional updates keep every action single.
 */
import { describeError } from '../errors.ts';
import { nodeCron } from '../lazy-packages.ts';
import { SHIPPED_TEMPLATES_DIR } from '../paths.ts';
import { loadTemplates } from '../templates/load.ts';
import { type CustomersReport, runCustomersJob } from './customers-job.ts';
import { type EscalationReport, runEscalations, type SlaJobDeps } from './escalation-job.ts';
import { smtpTransports } from './notify/transport.ts';
import { syncSalespeople } from './people.ts';
import { type PoolReport, runPoolJob } from './pool-job.ts';
import { type ReassignReport, runAbsenceReassignment } from './reassign-job.ts';

export interface HousekeepingReport {
  reassigned: ReassignReport;
  customers: CustomersReport;
  pool: PoolReport;
}

export async function runHousekeeping(deps: SlaJobDeps, now: Date): Promise<HousekeepingReport> {
  // Reassign first, so the pool and the reminders see who owns what now.
  const reassigned = await runAbsenceReassignment(deps.db, deps.config, now);
  const customers = await runCustomersJob(deps.db, deps.config, now);
  const pool = await runPoolJob(deps, now);
  return { reassigned, customers, pool };
}

export interface SlaJobsOptions extends Omit<SlaJobDeps, 'templates' | 'transports'> {
  templates?: SlaJobDeps['templates'];
  transports?: SlaJobDeps['transports'];
  clock?: () => Date;
  escalationCron?: string;
  housekeepingCron?: string;
}

export interface SlaJobsHandle {
  escalateNow(): Promise<EscalationReport>;
  housekeepNow(): Promise<HousekeepingReport>;
  stop(): Promise<void>;
}

export async function startSlaJobs(options: SlaJobsOptions): Promise<SlaJobsHandle> {
  const clock = options.clock ?? (() => new Date());
  const log = options.log.child({ component: 'sla' });
  const deps: SlaJobDeps = {
    db: options.db,
    config: options.config,
    log,
    worker: options.worker,
    templates: options.templates ?? loadTemplates(SHIPPED_TEMPLATES_DIR),
    transports: options.transports ?? smtpTransports,
    memo: new Map(),
  };
  const synced = await syncSalespeople(deps.db, deps.config);
  log.info(synced, 'salespeople synced from the config');
  // First pass at start: notices a crash left behind are settled before anything new is due.
  const first = await runEscalations(deps, clock(), { startup: true });
  if (first.recovery.uncertain > 0)
    log.warn({ uncertain: first.recovery.uncertain }, 'notices interrupted during SMTP are left uncertain');
  const guarded = (name: string, run: () => Promise<unknown>) => async () => {
    try {
      const report = await run();
      log.debug({ job: name, report }, 'job done');
    } catch (err) {
      log.error({ job: name, err: describeError(err) }, 'job failed; the next tick retries');
    }
  };
  await guarded('housekeeping', () => runHousekeeping(deps, clock()))();
  const tasks = [
    nodeCron().schedule(
      options.escalationCron ?? '* * * * *',
      guarded('escalations', () => runEscalations(deps, clock())),
      {
        name: `trademail-sla-escalations-${options.worker}`,
        noOverlap: true,
      },
    ),
    nodeCron().schedule(
      options.housekeepingCron ?? '17 * * * *',
      guarded('housekeeping', () => runHousekeeping(deps, clock())),
      {
        name: `trademail-sla-housekeeping-${options.worker}`,
        noOverlap: true,
      },
    ),
  ];
  return {
    escalateNow: () => runEscalations(deps, clock()),
    housekeepNow: () => runHousekeeping(deps, clock()),
    async stop() {
      for (const t of tasks) {
        await t.stop();
        await t.destroy();
      }
    },
  };
}
