// The overview: deliveries by state, the last hour's outcomes and setup times, and the list - refreshed every few
// seconds while the tab is visible.
import { listNewest, readEvents } from './api.js';
import { h, fill, stateBadge } from './dom.js';
import * as fmt from './format.js';
import { STATES, STATE_LABELS, OUTCOMES, byState, lastHour, outcome, outcomeShares, matchesModel } from './stats.js';
import { setupTimeMs, isTerminal } from './series.js';

const REFRESH_MS = 5000;
/** How many deliveries the counts cover at most (the API lists newest first). */
const MAX_COUNTED = 1000;
/** How many rows the list shows at most. */
const MAX_ROWS = 200;
/** How many event streams the setup times read at once, and per refresh: the API's limits are the caller's too. */
const STREAMS_AT_ONCE = 2;
const STREAMS_PER_REFRESH = 20;

export function overview(main, { live, failed }) {
  const filters = { state: '', ue: '', model: '' };
  const setupTimes = new Map(); // deliveryId -> ms, or null when it had no grant
  let timer = null;
  let stopped = false;
  let controller = null;

  const stateCounts = h('div', { class: 'states', id: 'state-counts' });
  const countNote = h('p', { class: 'muted' });
  const shareBar = h('div', { class: 'shares', role: 'img', 'aria-label': 'outcomes in the last hour' });
  const shareLegend = h('ul', { class: 'legend', id: 'outcomes' });
  const shareNote = h('p', { class: 'muted' });
  const setupFigures = h('div', { class: 'figures', id: 'setup-times' });
  const setupNote = h('p', { class: 'muted' });
  const rows = h('tbody');
  const listNote = h('p', { class: 'muted', id: 'list-note' });

  const refreshSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  };
  const stateSelect = h('select', {
    id: 'filter-state',
    onchange: (e) => { filters.state = e.target.value; refreshSoon(); },
  }, h('option', { value: '' }, 'any'), STATES.map((s) => h('option', { value: s }, s)));
  const ueInput = h('input', {
    id: 'filter-ue', type: 'search', placeholder: '10.45.1.7 or msisdn-…', autocomplete: 'off',
    oninput: (e) => { filters.ue = e.target.value.trim(); refreshSoon(); },
  });
  const modelInput = h('input', {
    id: 'filter-model', type: 'search', placeholder: 'part of the name', autocomplete: 'off',
    oninput: (e) => { filters.model = e.target.value; refreshSoon(); },
  });

  fill(main,
    h('div', { class: 'grid' },
      h('section', { class: 'panel' }, h('h2', null, 'Deliveries by state'), stateCounts, countNote),
      h('section', { class: 'panel' }, h('h2', null, 'Outcomes in the last hour'), shareBar, shareLegend, shareNote),
      h('section', { class: 'panel' }, h('h2', null, 'Setup time, last hour'), setupFigures, setupNote)),
    h('section', { class: 'panel' },
      h('h2', null, 'Deliveries'),
      h('div', { class: 'filters' },
        h('label', null, 'State', stateSelect),
        h('label', null, 'UE', ueInput),
        h('label', null, 'Model', modelInput)),
      h('div', { class: 'table-wrap' },
        h('table', { id: 'deliveries' },
          h('thead', null, h('tr', null,
            h('th', null, 'Created'), h('th', null, 'Model'), h('th', { class: 'hide-narrow' }, 'UE'),
            h('th', null, 'State'), h('th', null, 'Outcome'), h('th', { class: 'num hide-narrow' }, 'Requested'),
            h('th', { class: 'num' }, 'Granted'), h('th', { class: 'num hide-narrow' }, 'Availability'))),
          rows)),
      listNote));

  function renderCounts(all, truncated) {
    const counts = byState(all);
    fill(stateCounts, STATES.map((s) => h('div', { class: 'state-count', 'data-state': s },
      h('b', null, String(counts[s])), h('span', { title: s }, STATE_LABELS[s]))));
    fill(countNote, truncated ? `The newest ${all.length} deliveries.`
      : `${all.length} deliveries: the live ones and those ended within the AF's retention.`);
  }

  function renderShares(recent) {
    const { counts, total } = outcomeShares(recent);
    const parts = OUTCOMES.filter(([key]) => counts[key] > 0).map(([key, label]) => {
      const bar = h('div', { class: `share-${key === 'failed' ? 'other' : key}`, title: label });
      bar.style.width = `${(100 * counts[key]) / total}%`;
      return bar;
    });
    fill(shareBar, parts);
    fill(shareLegend, OUTCOMES.map(([key, label]) => h('li', { 'data-outcome': key, 'data-count': counts[key] },
      h('span', { class: `swatch share-${key === 'failed' ? 'other' : key}` }),
      `${label}: ${counts[key]}${total ? ` (${fmt.percent(counts[key] / total, 0)})` : ''}`)));
    fill(shareNote, total ? `${total} decided of ${recent.length} created in the last hour.`
      : 'No delivery was decided in the last hour.');
  }

  function renderSetup(recent) {
    const times = recent.map((d) => setupTimes.get(d.deliveryId)).filter((t) => t != null);
    const waiting = recent.filter((d) => d.granted && !setupTimes.has(d.deliveryId)).length;
    fill(setupFigures,
      h('div', null, h('div', { class: 'figure', 'data-percentile': '50' }, fmt.duration(fmt.percentile(times, 50))),
        h('span', { class: 'muted' }, 'p50')),
      h('div', null, h('div', { class: 'figure', 'data-percentile': '99' }, fmt.duration(fmt.percentile(times, 99))),
        h('span', { class: 'muted' }, 'p99')));
    fill(setupNote, `From the request to the qos-granted event, over ${times.length} granted deliveries`
      + `${waiting ? ` (${waiting} still being read)` : ''}.`);
  }

  function renderRows(items, truncated) {
    const shown = items.filter((d) => matchesModel(d, filters.model)).slice(0, MAX_ROWS);
    fill(rows, shown.map((d) => {
      const o = outcome(d);
      return h('tr', { 'data-delivery-id': d.deliveryId },
        h('td', null, h('a', { href: `#/deliveries/${encodeURIComponent(d.deliveryId)}` }, fmt.dateTime(d.createdAt))),
        h('td', null, d.model.name),
        h('td', { class: 'hide-narrow mono' }, fmt.ue(d.ue)),
        h('td', null, stateBadge(d.state)),
        h('td', { class: `out-${o}` }, o === 'fallback' ? `fallback: ${d.granted.variantId}` : o),
        h('td', { class: 'num hide-narrow' }, fmt.rate(fmt.parseBitRate(d.requested.gbrDl))),
        h('td', { class: 'num' }, d.granted ? fmt.rate(fmt.parseBitRate(d.granted.gbrDl)) : '–'),
        h('td', { class: 'num hide-narrow' }, fmt.percent(d.achieved?.availability)));
    }));
    fill(listNote, shown.length ? `${shown.length} shown${truncated || shown.length === MAX_ROWS ? ' (the newest)' : ''}.`
      : 'No delivery matches.');
  }

  /** Reads the setup time of granted deliveries not read yet: their stream up to the qos-granted event. */
  async function readSetupTimes(recent, signal) {
    const todo = recent.filter((d) => d.granted && !setupTimes.has(d.deliveryId)).slice(0, STREAMS_PER_REFRESH);
    const worker = async () => {
      while (todo.length && !signal.aborted) {
        const d = todo.shift();
        const stream = new AbortController();
        const stop = () => stream.abort();
        signal.addEventListener('abort', stop);
        const events = [];
        try {
          await readEvents(d.deliveryId, {
            signal: stream.signal,
            onEvent: (e) => {
              events.push(e);
              if (e.type === 'io.modelqos.delivery.qos-granted' || isTerminal(e)) stream.abort();
            },
          });
        } catch (e) {
          if (e.name !== 'AbortError' && !stream.signal.aborted) {
            continue; // not readable now (gone, or over the stream limit): tried again at the next refresh
          }
        } finally {
          signal.removeEventListener('abort', stop);
        }
        if (!signal.aborted) setupTimes.set(d.deliveryId, setupTimeMs(d, events));
      }
    };
    await Promise.all(Array.from({ length: STREAMS_AT_ONCE }, worker));
  }

  async function refresh() {
    clearTimeout(timer);
    if (stopped) return;
    if (document.hidden) {
      live('paused');
      timer = setTimeout(refresh, REFRESH_MS);
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    const { signal } = controller;
    try {
      const all = await listNewest({}, { maxItems: MAX_COUNTED, signal });
      const filtered = filters.state || filters.ue
        ? await listNewest({ state: filters.state, ue: filters.ue }, { maxItems: MAX_ROWS * 2, signal })
        : all;
      const recent = lastHour(all.items, Date.now());
      renderCounts(all.items, all.truncated);
      renderShares(recent);
      renderRows(filtered.items, filtered.truncated);
      renderSetup(recent);
      live('ok');
      main.dataset.loaded = 'true';
      await readSetupTimes(recent, signal);
      renderSetup(recent);
    } catch (e) {
      if (signal.aborted) return;
      if (failed(e)) return;
      live('failing', e.message);
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  const onVisible = () => { if (!document.hidden) refreshSoon(); };
  document.addEventListener('visibilitychange', onVisible);
  refresh();
  return {
    destroy() {
      stopped = true;
      clearTimeout(timer);
      if (controller) controller.abort();
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
