/**
 * Talks to the trademail API. The token lives in sessionStorage (gone when the tab closes) and
 * goes out as a Bearer header; a 401 clears it and sends the user back to the sign-in form.
 */

const TOKEN_KEY = 'trademail.token';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

let onUnauthorized = () => {};

/** Called with the error when the server refuses the token. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** Difference between the server's clock and ours, from the last answer that carried `now`. */
let clockOffsetMs = 0;

export function serverNow() {
  return Date.now() + clockOffsetMs;
}

function noteServerTime(body) {
  if (body && typeof body.now === 'string') {
    const t = Date.parse(body.now);
    if (!Number.isNaN(t)) clockOffsetMs = t - Date.now();
  }
}

export async function request(method, path, body, tokenOverride) {
  const headers = { Accept: 'application/json' };
  const bearer = tokenOverride ?? token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', `cannot reach the server (${err.message})`);
  }
  const type = response.headers.get('content-type') ?? '';
  const data = type.includes('application/json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const code = data?.error?.code ?? `HTTP_${response.status}`;
    const message = data?.error?.message ?? `${response.status} ${response.statusText}`;
    const err = new ApiError(response.status, code, message);
    if (response.status === 401 && tokenOverride === undefined) onUnauthorized(err);
    throw err;
  }
  noteServerTime(data);
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}
