/** Compact IMAP sequence sets (RFC 3501 9, "sequence-set") from sorted UIDs: 1,2,3,7 -> "1:3,7". */
export function uidSet(uids: readonly number[]): string {
  const parts: string[] = [];
  let start = uids[0];
  let prev = start;
  for (let i = 1; i <= uids.length; i++) {
    const u = uids[i];
    if (u !== undefined && prev !== undefined && u === prev + 1) {
      prev = u;
      continue;
    }
    if (start !== undefined) parts.push(start === prev ? `${start}` : `${start}:${prev}`);
    start = u;
    prev = u;
  }
  return parts.join(',');
}
