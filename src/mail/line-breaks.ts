/**
 * Line breaks as '\n': mail arrives with CRLF (RFC 5322 section 2.1) or, from old clients, a
 * lone CR. Most parsed text has neither by the time it is read, and looking for a '\r' first
 * costs far less than the replacing pattern's pass over a long body.
 */
export function toLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
