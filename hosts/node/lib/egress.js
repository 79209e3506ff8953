// Where the component's HTTP may go, for lib/http.js: a policy of allowed
// origins (scheme, host, port) and the one exception to it, the upload URL
// Pinterest hands out when media is registered. The rules are the Rust
// host's (hosts/rust/src/egress.rs, upload_grant.rs):
//
// - A URL is checked in order: it parses as an absolute URL; its scheme is
//   http or https; it carries no credentials (`user@`); its origin, after
//   normalisation (lower-case host, default port dropped), is an allowed
//   one. It then goes out as the policy read it (re-serialised).
// - Registering media — a `post` whose path ends in `/v5/media`, sent to an
//   allowed origin — answers `media_id` and `upload_url`. A 2xx answer of
//   at most MAX_REGISTER_ANSWER_BYTES that is a JSON object with a
//   non-empty `media_id` string and an http(s) `upload_url` without
//   credentials grants exactly one `post` whose body carries host content
//   to exactly that URL (scheme, host, port, path and query; a fragment is
//   dropped), within the upload window (15 minutes by default) after the
//   answer arrived. The claim spends the grant, whatever comes of the
//   request. Any other request to that host is refused; a refused one
//   spends nothing. At most MAX_UPLOAD_GRANTS are outstanding (the oldest
//   goes first). No other answer is read.
//
// Refusals name the origin and the rule, never a path, query or
// credentials, which may carry secrets.

/** How long after the register answer its upload URL may be used. */
export const DEFAULT_UPLOAD_WINDOW_MS = 15 * 60 * 1000;
/** The largest register answer read; a bigger one grants nothing. */
export const MAX_REGISTER_ANSWER_BYTES = 64 * 1024;
/** The most upload grants outstanding at once. */
export const MAX_UPLOAD_GRANTS = 256;
/** The longest media id quoted in a refusal. */
const MAX_QUOTED_CHARS = 100;

/** `text` as a URL, or undefined when it does not parse. */
function parse(text) {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

const plainScheme = (url) => url.protocol === 'http:' || url.protocol === 'https:';
const hasCredentials = (url) => url.username !== '' || url.password !== '';

/**
 * The origin (`scheme://host[:port]`) of `baseUrl`, an http or https URL
 * without credentials (its path is ignored); throws a TypeError naming
 * the rule otherwise.
 */
export function originOf(baseUrl) {
  const url = parse(baseUrl);
  if (!url) throw new TypeError(`${JSON.stringify(String(baseUrl))} is not a URL`);
  if (!plainScheme(url)) {
    throw new TypeError(`${JSON.stringify(baseUrl)} is not an http or https URL, so it cannot be an allowed origin`);
  }
  if (hasCredentials(url)) throw new TypeError('an allowed origin may not carry credentials (userinfo)');
  return url.origin;
}

/**
 * Checks `text` against `allowed` (origins as originOf gives them; null
 * allows any): the URL as read, to send instead of the text, or the
 * refusal naming the rule.
 */
export function check(allowed, text) {
  const url = parse(text);
  if (!url) return { refusal: 'egress policy: the request URL does not parse' };
  if (!plainScheme(url)) {
    return { refusal: `egress policy: only http and https requests are sent, not ${url.protocol}` };
  }
  // Never echo credentials back: they may be secrets.
  if (hasCredentials(url)) {
    return { refusal: 'egress policy: URLs with credentials (userinfo before the host) are never sent' };
  }
  if (allowed === null || allowed.includes(url.origin)) return { url };
  const list = allowed.length === 0 ? 'none' : allowed.join(', ');
  return { refusal: `egress policy: ${url.origin} is not an allowed origin (allowed: ${list})` };
}

/** Whether a `method` request to `url` (an allowed origin's) registers media. */
export function registers(method, url) {
  return method === 'post' && url.pathname.endsWith('/v5/media');
}

/** The media id and upload URL (fragment dropped) of a register answer's body, or undefined. */
function uploadOf(body) {
  let answer;
  try {
    answer = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return undefined;
  const { media_id: mediaId, upload_url: uploadUrl } = answer;
  if (typeof mediaId !== 'string' || mediaId === '' || typeof uploadUrl !== 'string') return undefined;
  const url = parse(uploadUrl);
  if (!url || !plainScheme(url) || !url.host || hasCredentials(url)) return undefined;
  url.hash = '';
  return { mediaId, href: url.href };
}

const quoted = (text) => (text.length > MAX_QUOTED_CHARS
  ? `${JSON.stringify(text.slice(0, MAX_QUOTED_CHARS))}…`
  : JSON.stringify(text));

/** Upload URLs granted by register answers, each spent by one upload. */
export class UploadGrants {
  /** No grants yet; each one to come is usable for `windowMs`. */
  constructor(windowMs = DEFAULT_UPLOAD_WINDOW_MS) {
    this.windowMs = windowMs;
    this.grants = [];
  }

  /** Drops the grants whose window has passed. */
  #expire(now) {
    this.grants = this.grants.filter((grant) => grant.until > now);
  }

  /** Reads `response` (jco's shape), the answer to a register request, and grants its upload URL. */
  grantFrom(response) {
    if (response.status < 200 || response.status >= 300) return;
    if (response.body.byteLength > MAX_REGISTER_ANSWER_BYTES) return;
    const upload = uploadOf(response.body);
    if (!upload) return;
    const now = Date.now();
    this.#expire(now);
    if (this.grants.length >= MAX_UPLOAD_GRANTS) this.grants.shift();
    this.grants.push({ ...upload, until: now + this.windowMs });
  }

  /**
   * Spends the grant `request` (jco's shape) claims: the URL to send it
   * to, or the refusal — `refusal` (the policy's) when no grant names the
   * URL.
   */
  claim(request, refusal) {
    const url = parse(request.url);
    if (!url || hasCredentials(url)) return { refusal };
    url.hash = '';
    this.#expire(Date.now());
    const index = this.grants.findIndex((grant) => grant.href === url.href);
    if (index < 0) {
      const sameOrigin = this.grants.some((grant) => new URL(grant.href).origin === url.origin);
      return {
        refusal: sameOrigin
          ? `${refusal}; of that origin, only the upload URL Pinterest returned is allowed, exactly as returned, once`
          : refusal,
      };
    }
    const withContent = (request.body ?? []).some((part) => part.tag === 'host-content');
    if (request.method !== 'post' || !withContent) {
      return {
        refusal: `egress policy: the upload URL Pinterest returned for media ${quoted(this.grants[index].mediaId)} `
          + `takes one POST whose body carries host content, not a ${request.method.toUpperCase()} `
          + `${withContent ? 'with' : 'without'} host content`,
      };
    }
    const [grant] = this.grants.splice(index, 1);
    return { url: new URL(grant.href) };
  }
}
