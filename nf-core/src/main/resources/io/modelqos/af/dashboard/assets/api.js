// The northbound API, as the signed-in caller: nothing here talks to anything else.
export const API_BASE = '/model-delivery/v1';
const TOKEN_KEY = 'modelqos.token';

/** The caller's API key or JWT, kept for this browser tab's session only (sessionStorage, never a cookie). */
export const credentials = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  keep: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  forget: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An answer other than 2xx, with its RFC 9457 problem when it had one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(token, accept) {
  const h = { Accept: accept };
  if (token) {
    h.Authorization = `Bearer ${token}`;
  }
  return h;
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function getJson(path, { signal, token = credentials.token() } = {}) {
  const response = await fetch(API_BASE + path, {
    headers: headers(token, 'application/json'), signal, cache: 'no-store', credentials: 'omit',
  });
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  return response.json();
}

/**
 * How the API lets this browser in: 'open' (no keys or issuer configured: every caller is tenant "default"),
 * 'signed-in' (the kept token works), or 'sign-in' (credentials are needed, or the kept ones no longer work).
 */
export async function access() {
  try {
    await getJson('/deliveries?pageSize=1', { token: null });
    return 'open';
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) {
      throw e;
    }
  }
  if (!credentials.token()) {
    return 'sign-in';
  }
  try {
    await getJson('/deliveries?pageSize=1');
    return 'signed-in';
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      credentials.forget();
      return 'sign-in';
    }
    throw e;
  }
}

/** Checks a token before keeping it. */
export async function signIn(token) {
  await getJson('/deliveries?pageSize=1', { token });
  credentials.keep(token);
}

/** One page of deliveries, newest first. */
export function listDeliveries({ ue, state, pageSize = 200, pageToken } = {}, signal) {
  const query = new URLSearchParams();
  if (ue) query.set('ue', ue);
  if (state) query.set('state', state);
  query.set('pageSize', String(pageSize));
  if (pageToken) query.set('pageToken', pageToken);
  return getJson(`/deliveries?${query}`, { signal });
}

/**
 * Deliveries newest first, page after page, until {@code enough(page)} says so or {@code maxItems} were read.
 * Answers {items, truncated}.
 */
export async function listNewest(filters, { maxItems = 1000, enough = () => false, signal } = {}) {
  const items = [];
  let pageToken;
  do {
    const page = await listDeliveries({ ...filters, pageSize: Math.min(500, maxItems - items.length), pageToken },
      signal);
    items.push(...page.items);
    pageToken = page.nextPageToken;
    if (enough(page.items)) {
      return { items, truncated: false };
    }
  } while (pageToken && items.length < maxItems);
  return { items, truncated: Boolean(pageToken) };
}

export function getDelivery(id, signal) {
  return getJson(`/deliveries/${encodeURIComponent(id)}`, { signal });
}

/**
 * Reads a delivery's Server-Sent Events stream. EventSource cannot send an Authorization header, so this reads the
 * stream with fetch and parses it (https://html.spec.whatwg.org/multipage/server-sent-events.html). Calls onEvent with
 * each CloudEvent; resolves when the stream ends (after the terminal event), rejects on an error answer.
 */
export async function readEvents(id, { after = 0, onEvent, signal }) {
  const h = headers(credentials.token(), 'text/event-stream');
  if (after > 0) {
    h['Last-Event-ID'] = String(after);
  }
  const response = await fetch(`${API_BASE}/deliveries/${encodeURIComponent(id)}/events`, {
    headers: h, signal, cache: 'no-store', credentials: 'omit',
  });
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parseSseBlock(block);
      if (event) {
        onEvent(event);
      }
    }
  }
}

/** One SSE message's CloudEvent, or null for a comment or keep-alive. */
export function parseSseBlock(block) {
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
  }
  return data.length ? JSON.parse(data.join('\n')) : null;
}
