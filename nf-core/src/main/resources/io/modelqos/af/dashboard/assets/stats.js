// What the overview counts, from the deliveries the API lists. Pure functions: no DOM, no API.
export const STATES = ['REQUESTED', 'NEGOTIATING', 'QOS_GRANTED', 'DEGRADED', 'COMPLETED', 'FAILED', 'CANCELLED',
  'EXPIRED'];
/** How the overview names each state. */
export const STATE_LABELS = {
  REQUESTED: 'requested', NEGOTIATING: 'negotiating', QOS_GRANTED: 'granted', DEGRADED: 'degraded',
  COMPLETED: 'completed', FAILED: 'failed', CANCELLED: 'cancelled', EXPIRED: 'expired',
};
/** End causes of a delivery the network would not carry: the caller got a 422 (with the best offer) or a failure. */
const REFUSALS = new Set(['NO_QOS_FITS', 'QOS_REJECTED', 'FAILED_RESOURCES_ALLOCATION']);

/**
 * How the network answered a delivery: 'granted' (the variant asked for), 'fallback' (another, smaller variant),
 * 'refused' (no QoS fits), 'failed' (an error before any grant) or 'pending' (still negotiating).
 */
export function outcome(delivery) {
  if (delivery.granted) {
    return delivery.granted.variantId === delivery.requested.variantId ? 'granted' : 'fallback';
  }
  if (delivery.state === 'REQUESTED' || delivery.state === 'NEGOTIATING') return 'pending';
  return REFUSALS.has(delivery.endCause) ? 'refused' : 'failed';
}

export const OUTCOMES = [
  ['granted', 'granted as asked'],
  ['fallback', 'fallen back'],
  ['refused', 'refused'],
  ['failed', 'failed otherwise'],
];

/** Counts by state, every state present. */
export function byState(deliveries) {
  const counts = Object.fromEntries(STATES.map((s) => [s, 0]));
  for (const d of deliveries) counts[d.state] = (counts[d.state] || 0) + 1;
  return counts;
}

/** The deliveries created within the last hour before nowMs. */
export function lastHour(deliveries, nowMs) {
  return deliveries.filter((d) => nowMs - Date.parse(d.createdAt) <= 3_600_000);
}

/** Counts by outcome among the decided ones (pending ones left out), with their total. */
export function outcomeShares(deliveries) {
  const counts = { granted: 0, fallback: 0, refused: 0, failed: 0 };
  for (const d of deliveries) {
    const o = outcome(d);
    if (o in counts) counts[o] += 1;
  }
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** Whether a delivery matches the model filter (a part of its name, any case). */
export function matchesModel(delivery, text) {
  return !text || delivery.model.name.toLowerCase().includes(text.trim().toLowerCase());
}
