/**
 * The only way the dashboard builds DOM. Text always goes in as text nodes (textContent), never
 * as markup: mail content is untrusted, and nothing here ever parses a string as HTML. Links are
 * only made for our own routes (#/...) and for http(s) URLs; anything else (javascript:, data:)
 * stays plain text.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Attribute names a caller may set; event handlers are functions passed as on* props instead. */
const SAFE_ATTRIBUTE =
  /^(class|id|type|name|value|rel|target|placeholder|title|role|tabindex|for|min|max|step|autocomplete|inputmode|spellcheck|lang|dir|colspan|rowspan|datetime|open|hidden|disabled|checked|selected|required|aria-[a-z-]+|data-[a-z-]+)$/;

function append(parent, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(parent, c);
    return;
  }
  parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

function setProps(el, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'href') {
      const url = safeUrl(value);
      if (url !== null) el.setAttribute('href', url);
    } else if (SAFE_ATTRIBUTE.test(key)) {
      el.setAttribute(key, value === true ? '' : String(value));
    } else {
      throw new Error(`dom: attribute ${key} is not allowed`);
    }
  }
}

/** An element with text children; `props` are attributes (allow-listed) and on* listeners. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

/** An SVG element; attributes are geometry and classes (no styles, no links, no scripts). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined) continue;
    if (
      !/^(class|x|y|x1|x2|y1|y2|cx|cy|r|width|height|rx|ry|d|points|viewBox|preserveAspectRatio|text-anchor|dominant-baseline|transform|role|aria-label|aria-hidden|focusable)$/.test(
        key,
      )
    ) {
      throw new Error(`dom: svg attribute ${key} is not allowed`);
    }
    el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Replaces everything inside `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
  return parent;
}

/**
 * Our own routes as they are; http(s) URLs normalised by the URL parser; everything else
 * (javascript:, data:, vbscript:, relative paths) is refused with null.
 */
export function safeUrl(value) {
  const text = String(value ?? '').trim();
  if (/^#\/[A-Za-z0-9/_?=&.%-]*$/.test(text)) return text;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link to a buyer's website given as "example.com" or "https://example.com", or plain text. */
export function externalLink(text) {
  if (!text) return null;
  const raw = String(text).trim();
  const url = safeUrl(/^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`);
  if (url === null || !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(new URL(url).hostname)) return h('span', null, raw);
  return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank', class: 'external' }, raw);
}
