// One delivery: its plan, the negotiation, the rate chart, the availability against its target, the event log and the
// final usage - followed live on its event stream until it ends.
import { ApiError, getDelivery, readEvents } from './api.js';
import { h, fill, facts, stateBadge } from './dom.js';
import * as fmt from './format.js';
import { outcome } from './stats.js';
import { deliverySeries, bestOffer, isTerminal } from './series.js';
import { rateChart } from './chart.js';

const RECONNECT_MS = 2000;
const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'];

export function deliveryView(main, id, { live, failed }) {
  const controller = new AbortController();
  const { signal } = controller;
  const events = [];
  let delivery = null;
  let chart = null;
  let tick = null;
  let reload = null;

  const head = h('div', { class: 'delivery-head' });
  const plan = h('section', { class: 'panel', id: 'plan' });
  const negotiation = h('section', { class: 'panel', id: 'negotiation' });
  const chartBox = h('div', { class: 'chart', id: 'rate-chart' });
  const chartNote = h('p', { class: 'chart-note' });
  const availability = h('section', { class: 'panel', id: 'availability' });
  const usage = h('section', { class: 'panel', id: 'usage' });
  const log = h('tbody');
  fill(main,
    h('p', null, h('a', { href: '#/' }, '← All deliveries')),
    head,
    h('section', { class: 'panel chart-panel' },
      h('h2', null, 'Rates over time'),
      chartBox,
      h('ul', { class: 'legend' }, h('li', null, h('span', { class: 'swatch shade' }), 'QoS not guaranteed')),
      chartNote),
    h('div', { class: 'grid two' }, plan, negotiation),
    h('div', { class: 'grid two' }, availability, usage),
    h('section', { class: 'panel' },
      h('h2', null, 'Events'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'events', id: 'event-log' },
        h('thead', null, h('tr', null, h('th', { class: 'num' }, '#'), h('th', null, 'Time'), h('th', null, 'Event'),
          h('th', null, 'State'), h('th', null, 'Cause'), h('th', { class: 'num' }, 'GBR'),
          h('th', { class: 'num hide-narrow' }, 'Achieved'))),
        log))));

  function renderHead() {
    const d = delivery;
    fill(head,
      h('h1', null, d.model.name),
      stateBadge(d.state),
      h('span', { class: 'muted mono', id: 'delivery-id' }, d.deliveryId),
      h('span', { class: 'muted' }, `UE ${fmt.ue(d.ue)}`),
      h('span', { class: 'muted' }, `created ${fmt.dateTime(d.createdAt)}`));
  }

  function renderPlan() {
    const d = delivery;
    const r = d.requested;
    const g = d.granted;
    const variants = h('table', null,
      h('thead', null, h('tr', null, h('th', null, 'Variant'), h('th', null, 'Precision'),
        h('th', { class: 'num' }, 'Size'), h('th', { class: 'num' }, 'Accuracy'), h('th', null, ''))),
      h('tbody', null, d.model.variants.map((v) => h('tr', null,
        h('td', { class: 'mono' }, v.id), h('td', null, v.precision), h('td', { class: 'num' }, fmt.bytes(v.sizeBytes)),
        h('td', { class: 'num' }, v.accuracy == null ? '–' : fmt.percent(v.accuracy, 1)),
        h('td', null, [v.id === r.variantId ? 'requested' : null, g && v.id === g.variantId ? 'granted' : null]
          .filter(Boolean).join(', '))))));
    fill(plan,
      h('h2', null, 'Plan'),
      facts([
        ['Payload rate', fmt.rate(fmt.parseBitRate(r.payloadRate))],
        ['Requested GBR', `${fmt.rate(fmt.parseBitRate(r.gbrDl))} for ${r.variantId}`],
        ['Latency budget', fmt.duration(r.latencyBudgetMs)],
        ['Availability target', fmt.percent(r.availability)],
      ]),
      h('h3', null, 'Variants'),
      h('div', { class: 'table-wrap' }, variants),
      h('h3', null, 'QoS granted'),
      g ? facts([
        ['Variant', g.variantId],
        ['GBR', fmt.rate(fmt.parseBitRate(g.gbrDl))],
        ['QoS reference', g.qosReference],
        ['Alternative set', g.altQosParamSetRef],
        ['Expected transfer', g.expectedTransferMs == null ? null : fmt.duration(g.expectedTransferMs)],
        ['Budget met', g.latencyBudgetMs == null ? null : fmt.duration(g.latencyBudgetMs)],
        ['qosDuration', g.qosDurationS == null ? null : `${g.qosDurationS} s`],
        ['Start window', g.startWindowMs == null ? null : fmt.duration(g.startWindowMs)],
        ['Rate reports', g.rateReportPeriodS == null ? 'not monitored' : `every ${g.rateReportPeriodS} s`],
      ], { id: 'granted' }) : h('p', { class: 'muted' }, 'None.'));
  }

  function renderNegotiation() {
    const d = delivery;
    const offer = bestOffer(events);
    fill(negotiation,
      h('h2', null, 'Negotiation'),
      h('p', null, h('span', { class: `out-${outcome(d)}` }, outcome(d))),
      d.negotiation.length ? h('ol', { class: 'steps', id: 'negotiation-steps' }, d.negotiation.map((a) => h('li', {
        'data-outcome': a.outcome,
      }, `${a.outcome}: ${a.variantId} at ${fmt.rate(fmt.parseBitRate(a.gbrDl))}`, a.cause ? ` (${a.cause})` : null)))
        : h('p', { class: 'muted' }, 'No step yet.'),
      offer ? h('div', { class: 'offer', id: 'best-offer' },
        h('h3', null, 'Best offer'),
        facts([
          ['Acceptable rate', offer.acceptableRate ? fmt.rate(fmt.parseBitRate(offer.acceptableRate)) : null],
          ['Variant it carries', offer.variantId ?? 'none within the budget'],
          ['Budget it needs', offer.latencyBudgetMs == null ? null : fmt.duration(offer.latencyBudgetMs)],
        ])) : null,
      d.endCause ? facts([['End cause', d.endCause], ['Ended', fmt.dateTime(d.endedAt)]]) : null);
  }

  function renderChart() {
    const series = deliverySeries(delivery, events, Date.now());
    if (chart) {
      chart.update(series);
    } else {
      chart = rateChart(chartBox, series);
    }
    const monitored = delivery.granted?.rateReportPeriodS != null;
    fill(chartNote, !delivery.granted
      ? 'No QoS was granted: the requested GBR is all there is to show.'
      : `Achieved rate: ${series.measured} measurement(s), between successive progress or usage reports`
        + `${monitored ? '; QoS-monitoring reports show the mean the network measured so far' : ''}.`);
  }

  function renderAvailability() {
    const d = delivery;
    const a = d.achieved || {};
    const target = d.requested.availability;
    const fill_ = h('div', { class: `fill${a.availability != null && a.availability < target ? ' below' : ''}` });
    const scale = (v) => `${Math.max(0, Math.min(100, v * 100))}%`;
    fill_.style.width = a.availability == null ? '0' : scale(a.availability);
    const mark = h('div', { class: 'target', title: 'target' });
    mark.style.left = scale(target);
    fill(availability,
      h('h2', null, 'Availability'),
      h('div', { class: 'figure', id: 'availability-value' }, fmt.percent(a.availability)),
      h('p', { class: 'muted' }, `target ${fmt.percent(target)}: `,
        a.availability == null ? 'nothing accounted yet' : a.availability >= target ? 'met' : 'missed'),
      h('div', { class: 'meter', role: 'img', 'aria-label': 'availability (0 to 100 %) against the target' },
        fill_, mark),
      facts([
        ['QoS guaranteed', fmt.duration(a.qosGuaranteedMs)],
        ['QoS not guaranteed', fmt.duration(a.qosNotGuaranteedMs)],
      ]));
  }

  function renderUsage() {
    const d = delivery;
    const a = d.achieved || {};
    const u = d.networkUsage;
    fill(usage,
      h('h2', null, 'Usage'),
      h('h3', null, 'Achieved'),
      facts([
        ['Rate', a.dlRate ? fmt.rate(fmt.parseBitRate(a.dlRate)) : '–'],
        ['Bytes', fmt.bytes(a.bytes)],
        ['Transfer time', fmt.duration(a.durationMs)],
        ['Within budget', a.withinBudget == null ? 'not reported' : a.withinBudget ? 'yes' : 'no'],
      ]),
      h('h3', null, 'Network usage'),
      u ? facts([
        ['Downlink', fmt.bytes(u.downlinkVolume)],
        ['Uplink', fmt.bytes(u.uplinkVolume)],
        ['Total', fmt.bytes(u.totalVolume)],
        ['Duration', u.durationS == null ? null : `${u.durationS} s`],
      ], { id: 'network-usage' }) : h('p', { class: 'muted' }, 'No usage report yet.'));
  }

  function appendEvent(e) {
    const data = e.data || {};
    log.append(h('tr', { 'data-type': e.type.replace('io.modelqos.delivery.', '') },
      h('td', { class: 'num' }, String(e.sequence)),
      h('td', null, fmt.clock(e.time)),
      h('td', null, e.type.replace('io.modelqos.delivery.', '')),
      h('td', null, data.state ? stateBadge(data.state) : '–'),
      h('td', { class: 'wrap' }, data.cause || '–'),
      h('td', { class: 'num' }, data.gbrDl ? fmt.rate(fmt.parseBitRate(data.gbrDl)) : '–'),
      h('td', { class: 'num hide-narrow' }, data.achieved?.dlRate ? fmt.rate(fmt.parseBitRate(data.achieved.dlRate))
        : '–')));
  }

  function render() {
    renderHead();
    renderPlan();
    renderNegotiation();
    renderChart();
    renderAvailability();
    renderUsage();
    main.dataset.events = String(events.length);
  }

  /** Reads the delivery again, at most every half second while events arrive. */
  function reloadSoon() {
    if (reload) return;
    reload = setTimeout(async () => {
      reload = null;
      try {
        delivery = await getDelivery(id, signal);
        render();
      } catch (e) {
        if (!signal.aborted && !failed(e)) live('failing', e.message);
      }
    }, 500);
  }

  async function follow() {
    let after = 0;
    for (;;) {
      let ended = false;
      try {
        await readEvents(id, {
          after,
          signal,
          onEvent: (e) => {
            if (e.sequence <= after) return;
            after = e.sequence;
            events.push(e);
            appendEvent(e);
            ended ||= isTerminal(e);
            reloadSoon();
          },
        });
        if (!ended) {
          // The stream closed before a final event: over if the delivery has ended (its events were dropped).
          delivery = await getDelivery(id, signal);
          ended = FINAL.includes(delivery.state);
        }
      } catch (e) {
        if (signal.aborted || failed(e)) return;
        live('failing', e.message);
        if (e instanceof ApiError && e.status === 404) return;
      }
      if (ended || signal.aborted) {
        live('ended');
        reloadSoon();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }

  (async () => {
    try {
      delivery = await getDelivery(id, signal);
    } catch (e) {
      if (signal.aborted || failed(e)) return;
      fill(main, h('p', null, h('a', { href: '#/' }, '← All deliveries')),
        h('p', { class: 'banner error' }, e instanceof ApiError && e.status === 404
          ? `No delivery ${id} is visible to you.` : `The delivery could not be read: ${e.message}`));
      return;
    }
    render();
    main.dataset.loaded = 'true';
    live('ok');
    // While the delivery is live, the chart's right edge follows the clock.
    tick = setInterval(() => {
      if (delivery && !FINAL.includes(delivery.state)) renderChart();
    }, 1000);
    await follow();
  })();

  return {
    destroy() {
      controller.abort();
      clearInterval(tick);
      clearTimeout(reload);
      if (chart) chart.destroy();
    },
  };
}
