// Figures as people read them. Pure functions: no DOM, no API.
const RATE_UNITS = { bps: 1, Kbps: 1e3, Mbps: 1e6, Gbps: 1e9, Tbps: 1e12 };

/** A 3GPP BitRate ("1.92 Gbps") in bit/s, or null. */
export function parseBitRate(text) {
  if (typeof text !== 'string') return null;
  const m = /^(\d+(?:\.\d+)?) (bps|Kbps|Mbps|Gbps|Tbps)$/.exec(text.trim());
  return m ? Number(m[1]) * RATE_UNITS[m[2]] : null;
}

/** A rate in bit/s, with three significant digits: "1.92 Gbit/s". */
export function rate(bps) {
  if (bps == null || !Number.isFinite(bps)) return '–';
  const units = [['Tbit/s', 1e12], ['Gbit/s', 1e9], ['Mbit/s', 1e6], ['kbit/s', 1e3]];
  for (const [unit, size] of units) {
    if (Math.abs(bps) >= size) return `${significant(bps / size)} ${unit}`;
  }
  return `${significant(bps)} bit/s`;
}

/** A byte count: "13.4 MB". */
export function bytes(n) {
  if (n == null || !Number.isFinite(n)) return '–';
  const units = [['TB', 1e12], ['GB', 1e9], ['MB', 1e6], ['kB', 1e3]];
  for (const [unit, size] of units) {
    if (Math.abs(n) >= size) return `${significant(n / size)} ${unit}`;
  }
  return `${n} B`;
}

/** A duration in milliseconds: "850 ms", "2.4 s", "3 min 5 s". */
export function duration(ms) {
  if (ms == null || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${significant(ms / 1000)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms - min * 60_000) / 1000)} s`;
}

/** A fraction as a percentage, with as many decimals as a 5-nines target needs: "99.999 %". */
export function percent(fraction, decimals) {
  if (fraction == null || !Number.isFinite(fraction)) return '–';
  const p = fraction * 100;
  const d = decimals ?? (p === 100 || p === 0 ? 0 : p >= 99 ? 3 : 1);
  return `${p.toFixed(d)} %`;
}

/** A time of day in the browser's zone, with seconds. */
export function clock(iso) {
  if (!iso) return '–';
  return new Date(iso).toLocaleTimeString(undefined, { hour12: false });
}

/** A date and time in the browser's zone. */
export function dateTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString(undefined, { hour12: false })}`;
}

/** The UE as given at creation: its IPv4 or IPv6 address or its GPSI. */
export function ue(ueId) {
  return ueId ? (ueId.ipv4Addr || ueId.ipv6Addr || ueId.gpsi || '–') : '–';
}

/** The p-th percentile (0..100) by nearest rank, or null for no values. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function significant(x) {
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(x.toFixed(digits)));
}
