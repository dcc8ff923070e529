/** The store keeps lists as JSON text (both databases alike); these read them back defensively. */

export function parseJsonList(text: string | null): string[] {
  if (text === null || text === '') return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

export function parseJsonObject(text: string | null): unknown {
  return text === null || text === '' ? null : (JSON.parse(text) as unknown);
}
