// The chart of one delivery, built from what the API gives: the delivery (requested GBR, times) and its CloudEvents
// (each with the state, the granted GBR and the achieved figures at that moment). Pure functions: no DOM, no API.
import { parseBitRate } from './format.js';

const TERMINAL = new Set(['io.modelqos.delivery.completed', 'io.modelqos.delivery.cancelled',
  'io.modelqos.delivery.expired', 'io.modelqos.delivery.failed']);
const LIVE_GRANTED = new Set(['QOS_GRANTED', 'DEGRADED']);

export const isTerminal = (event) => TERMINAL.has(event.type);

/**
 * The series over time (x in seconds since the delivery's creation):
 * - requested: the GBR the AF asked for (the plan's primary), from creation to the end;
 * - granted: the GBR the network granted, while the delivery held it (a degradation to a lower alternative shows);
 * - achieved: the rate measured between two reports - the model server's progress reports, else the network's usage
 *   reports (bytes over their duration); for QoS-monitoring reports, the mean the network measured so far;
 * - shaded: the periods in which the network did not guarantee the QoS (qos-degraded until qos-restored or the end).
 */
export function deliverySeries(delivery, events, nowMs) {
  const created = Date.parse(delivery.createdAt);
  const ordered = [...events].sort((a, b) => a.sequence - b.sequence);
  const last = ordered.length ? Date.parse(ordered[ordered.length - 1].time) : created;
  const ended = delivery.endedAt ? Date.parse(delivery.endedAt) : null;
  const end = Math.max(last, ended ?? (isFinal(delivery) ? last : nowMs));
  const requested = parseBitRate(delivery.requested?.gbrDl);

  const xs = [created];
  const grantedValues = [null];
  const achievedValues = [null];
  const shaded = [];
  let granted = null;
  let open = null;
  let previous = { bytes: 0, durationMs: 0 };
  let measured = 0;
  for (const event of ordered) {
    const t = Math.max(Date.parse(event.time), xs[xs.length - 1]);
    const data = event.data || {};
    if (event.type === 'io.modelqos.delivery.qos-degraded' && open == null) open = t;
    if ((event.type === 'io.modelqos.delivery.qos-restored' || isTerminal(event)) && open != null) {
      shaded.push([open, t]);
      open = null;
    }
    const holds = LIVE_GRANTED.has(data.state) || isTerminal(event);
    granted = holds && data.gbrDl ? parseBitRate(data.gbrDl) : (holds ? granted : null);
    const achieved = achievedRate(event, previous);
    if (achieved.next) previous = achieved.next;
    if (achieved.bps != null) measured += 1;
    xs.push(t);
    grantedValues.push(granted);
    achievedValues.push(achieved.bps);
    if (isTerminal(event)) granted = null;
  }
  if (open != null) shaded.push([open, end]);
  if (end > xs[xs.length - 1]) {
    xs.push(end);
    grantedValues.push(granted);
    achievedValues.push(null);
  }
  return {
    x: xs.map((ms) => (ms - created) / 1000),
    requested: xs.map(() => requested),
    granted: grantedValues,
    achieved: achievedValues,
    shaded: shaded.map(([a, b]) => [(a - created) / 1000, (b - created) / 1000]),
    measured,
  };
}

function isFinal(delivery) {
  return ['COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'].includes(delivery.state);
}

/** The rate an event shows, and the cumulative figures the next one is measured from. */
function achievedRate(event, previous) {
  const a = event.data && event.data.achieved;
  if (!a) return { bps: null };
  const bytes = a.bytes;
  const durationMs = a.durationMs;
  if (bytes != null && durationMs != null) {
    const next = { bytes, durationMs };
    if (durationMs > previous.durationMs && bytes >= previous.bytes) {
      return { bps: ((bytes - previous.bytes) * 8000) / (durationMs - previous.durationMs), next };
    }
    if (durationMs !== previous.durationMs || bytes !== previous.bytes) return { bps: null, next };
  }
  // A monitoring report without progress or usage figures: its dlRate is the network's mean so far.
  if (event.data.cause === 'QOS_MONITORING' && bytes == null) return { bps: parseBitRate(a.dlRate) };
  return { bps: null };
}

/** The setup time of a delivery: from its creation to its qos-granted event, in ms; null without a grant. */
export function setupTimeMs(delivery, events) {
  const grant = events.find((e) => e.type === 'io.modelqos.delivery.qos-granted');
  return grant ? Date.parse(grant.time) - Date.parse(delivery.createdAt) : null;
}

/** The best offer a refusal carried (the 422's, repeated in the qos-rejected and failed events), or null. */
export function bestOffer(events) {
  for (const e of events) {
    if (e.data && e.data.bestOffer) return e.data.bestOffer;
  }
  return null;
}
