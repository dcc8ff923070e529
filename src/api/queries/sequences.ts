/** Sequences as stored (synced from sequences/*.yaml), with their steps and enrollment counts. */
import type { Db } from '../../store/client.ts';
import { type Actor, leadScope } from '../access.ts';

export async function listSequences(db: Db, actor: Actor) {
  const [rows, counts] = await Promise.all([
    db.sequence.findMany({ orderBy: { name: 'asc' }, include: { steps: { orderBy: { position: 'asc' } } } }),
    db.enrollment.groupBy({
      by: ['sequenceId', 'state'],
      where: { lead: leadScope(actor) },
      _count: { _all: true },
    }),
  ]);
  return {
    sequences: rows.map((s) => {
      const definition = JSON.parse(s.definition) as { description?: unknown };
      const enrollments: Record<string, number> = { active: 0, paused: 0, stopped: 0, completed: 0 };
      for (const c of counts) if (c.sequenceId === s.id) enrollments[c.state] = c._count._all;
      return {
        id: s.id,
        name: s.name,
        description: typeof definition.description === 'string' ? definition.description : null,
        version: s.version,
        steps: s.steps.map((st) => ({
          position: st.position,
          stepKey: st.stepKey,
          template: st.template,
          minDelayMinutes: st.minDelayMinutes,
          maxDelayMinutes: st.maxDelayMinutes,
        })),
        enrollments,
      };
    }),
  };
}
