/**
 * Reports: first-response time distribution, SLA met %, reply rate per sequence step, the
 * funnel inquiry -> quotation -> sample -> order, and inquiries by country and by product.
 * How each number is counted is the server's business (docs/api.md, "Chart data").
 */
import { get, query, serverNow } from '../lib/api.js';
import { barList, chartPanel, columnChart, stackedBar } from '../lib/charts.js';
import { h, replace } from '../lib/dom.js';
import { country, dateOnly, minutes, percent } from '../lib/format.js';

const PERIODS = [7, 30, 90];
/** Buckets past the users' 24-hour rule. */
const LATE_BUCKETS = new Set(['24-48 h', '> 48 h']);

export async function renderReports(ctx) {
  const days = PERIODS.includes(Number(ctx.query.get('days'))) ? Number(ctx.query.get('days')) : 30;
  const to = new Date(serverNow());
  const from = new Date(to.getTime() - days * 86_400_000);
  const data = await get(`/api/reports/charts${query({ from: from.toISOString(), to: to.toISOString() })}`);
  if (!ctx.alive) return;

  const buckets = data.firstResponse?.buckets ?? [];
  const answered = buckets.reduce((sum, b) => sum + b.count, 0);
  const sla = data.sla ?? {};
  const steps = data.replyRateByStep ?? [];
  const funnel = data.funnel ?? [];
  const funnelTop = funnel[0]?.leads ?? 0;
  const byCountry = data.byCountry ?? [];
  const byProduct = data.byProduct ?? [];

  replace(
    ctx.main,
    h('h1', null, 'Reports'),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'div',
        { class: 'segmented', role: 'group', 'aria-label': 'Period' },
        PERIODS.map((d) =>
          h(
            'button',
            {
              type: 'button',
              'aria-pressed': String(d === days),
              onClick: () => (location.hash = `#/reports?days=${d}`),
            },
            `${d} days`,
          ),
        ),
      ),
      h('span', { class: 'muted small' }, `${dateOnly(data.from ?? from)} – ${dateOnly(data.to ?? to)}`),
    ),
    h(
      'div',
      { class: 'kpis' },
      h(
        'div',
        { class: 'kpi' },
        h('span', { class: 'kpi-value', 'data-kpi': 'sla-met' }, percent(sla.metPercent)),
        h('span', { class: 'kpi-label' }, 'SLA met'),
      ),
      h(
        'div',
        { class: 'kpi' },
        h('span', { class: 'kpi-value' }, minutes(data.firstResponse?.medianMinutes)),
        h('span', { class: 'kpi-label' }, 'median first response'),
      ),
      h(
        'div',
        { class: 'kpi' },
        h('span', { class: 'kpi-value' }, String(funnelTop)),
        h('span', { class: 'kpi-label' }, 'leads with inquiries'),
      ),
      h(
        'div',
        { class: 'kpi' },
        h('span', { class: 'kpi-value' }, String(data.firstResponse?.unanswered ?? 0)),
        h('span', { class: 'kpi-label' }, 'not answered yet'),
      ),
    ),
    h(
      'div',
      { class: 'charts' },
      chartPanel(
        'First response time',
        columnChart(
          buckets.map((b) => ({
            label: b.label,
            value: b.count,
            class: LATE_BUCKETS.has(b.label) ? 'late' : '',
          })),
          { label: 'Inquiries by time to first answer' },
        ),
        {
          empty: answered === 0 ? 'No inquiry in this period has been answered yet.' : null,
          note: `${data.firstResponse?.unanswered ?? 0} not answered yet.`,
        },
      ),
      chartPanel(
        'SLA',
        stackedBar(
          [
            { label: 'answered in time', value: sla.met ?? 0, class: 'met' },
            { label: 'answered late', value: sla.late ?? 0, class: 'late' },
            { label: 'overdue, unanswered', value: sla.breachedOpen ?? 0, class: 'overdue' },
          ],
          { label: 'SLA outcome' },
        ),
        {
          note: `Met: ${percent(sla.metPercent)} of the inquiries whose deadline has passed or that were answered.`,
        },
      ),
      chartPanel(
        'Reply rate per sequence step',
        barList(
          steps.map((st) => ({
            label: `${st.position + 1}. ${st.stepKey} (${st.sequence})`,
            value: st.replyRate ?? 0,
            text: `${st.replied}/${st.sent} (${Math.round((st.replyRate ?? 0) * 100)}%)`,
          })),
          { label: 'Replies after each step', max: 1, labelShare: 0.42 },
        ),
        { empty: steps.length === 0 ? 'No sequence mail sent in this period.' : null },
      ),
      chartPanel(
        'Funnel',
        barList(
          funnel.map((f) => ({
            label: f.stage,
            value: f.leads,
            text: funnelTop ? `${f.leads} (${Math.round((f.leads / funnelTop) * 100)}%)` : String(f.leads),
            class: `stage-${f.stage}`,
          })),
          { label: 'Leads at each stage', labelShare: 0.2 },
        ),
        { empty: funnelTop === 0 ? 'No inquiries in this period.' : null },
      ),
      chartPanel(
        'Inquiries by country',
        barList(
          byCountry
            .slice(0, 15)
            .map((c) => ({ label: c.country ? country(c.country) : 'unknown', value: c.count })),
          { label: 'Inquiries by country' },
        ),
        { empty: byCountry.length === 0 ? 'No inquiries in this period.' : null },
      ),
      chartPanel(
        'Inquiries by product',
        barList(
          byProduct.slice(0, 15).map((p) => ({ label: p.product, value: p.count })),
          { label: 'Inquiries by product' },
        ),
        { empty: byProduct.length === 0 ? 'No products named in this period.' : null },
      ),
    ),
  );
}
