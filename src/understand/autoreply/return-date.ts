/**
 * The date an absent person is back, from an out-of-office text. Dates introduced by
 * return wording win ("back on", "returning", "wieder im Büro", "de retour", "返回"),
 * then dates after "until" wording ("bis zum", "jusqu'au", "hasta el", "até", "до"), then
 * the end of a range ("from X to Y"), then the latest date on or after the mail date.
 * The end date is reported as written; no next-working-day arithmetic.
 */
import { type FoundDate, findDates } from './dates.ts';

/** Wording right before a date that makes it the return date. */
// (?<!\w) and (?!\w) stand for \b, slow under the iu flags (word-boundary-patterns.test.ts).
const RETURN_BEFORE =
  /(?:(?<!\w)back(?!\w)(?: in(?: the)? office| at (?:my desk|work|the office))?(?: on| by)?|(?<!\w)return(?:ing|s)?(?!\w)(?: to (?:the |my )?(?:office|desk|work))?(?: on)?|(?<!\w)in the office (?:again )?on|(?<!\w)resume(?!\w)[^.\n]{0,20}?(?<!\w)on|wieder (?:im büro |erreichbar |da )?(?:ab|am)|zurück (?:ab|am)|de retour (?:le|à partir du|dès le|au bureau le)?|je serai de retour|retour (?:le|prévu le)|regres(?:o|aré|are)(?: el)?|volver(?:é|e) (?:el)?|estaré de vuelta(?: el)?|retorno(?: previsto)?(?: no dia| em| para)?|retornando(?: no dia| em| a)?|retornarei(?: no dia| em)?|voltarei(?: no dia| em)?|voltando(?: no dia| em)?|estarei de volta(?: em| no dia)?|regresando(?: el)?|de vuelta(?: el)?|вернусь|выйду(?: на работу)?|буду в офисе)\s*[:,]?\s*(?:(?:on|am|le|el|em|the|den|dem)\s+)?(?:[\p{L}]+,?\s+)?$/iu;

/** Wording right before a date that makes it the last day away ("until"). */
// (?<!\w) and (?!\w) stand for \b, slow under the iu flags (word-boundary-patterns.test.ts).
const UNTIL_BEFORE =
  /(?:(?<!\w)until(?!\w)|(?<!\w)till(?!\w)|(?<!\w)til(?!\w)|(?<!\w)through(?!\w)|(?<!\w)thru(?!\w)|(?<!\w)up to(?!\w)|(?<!\w)bis(?!\w)(?: (?:zum|zur|einschließlich|einschl\.|inkl\.))?|(?<!\w)ab(?!\w)(?: dem)?|jusqu'?(?:au|à|a)|à partir du|a partir d(?:e|el)|dès le|hasta(?: el)?|até(?: o dia| dia| ao dia)?|(?<!\p{L})(?:до|по|с)|(?<!\w)to(?!\w)|至|到)\s*[:,]?\s*(?:(?:the|den|dem|le|el|o)\s+)?(?:[\p{L}]+,?\s+)?$/iu;

/** Chinese puts the verb after the date: "12月5日返回", "12月5日回来上班". */
const RETURN_AFTER =
  /^\s*(?:\([^)]*\)\s*)?(?:起)?(?:返回|回来|回到|回公司|上班|返岗|回办公室|恢复办公|正常上班|wieder|zurück|de retour)/iu;

/** Between the two ends of a range: "1 - 5 December", "from X to Y", "du X au Y". */
const RANGE_JOIN =
  /^\s*(?:-|–|—|~|to|until|till|through|thru|bis(?: zum| einschließlich)?|au|jusqu'au|al|a|hasta(?: el)?|até|e|по|до|至|到)\s*(?:(?:the|le|el|o|dem|den)\s+)?$/iu;

function tier(text: string, date: FoundDate): number {
  const before = text.slice(Math.max(0, date.index - 60), date.index);
  const after = text.slice(date.end, date.end + 20);
  if (RETURN_BEFORE.test(before) || RETURN_AFTER.test(after)) return 1;
  if (UNTIL_BEFORE.test(before)) return 2;
  return 4;
}

export function returnDateOf(text: string, mailDate: Date | null): string | null {
  const dates = findDates(text, mailDate);
  if (dates.length === 0) return null;
  const ranked = dates.map((d, i) => {
    let t = tier(text, d);
    const previous = dates[i - 1];
    if (t === 4 && previous && RANGE_JOIN.test(text.slice(previous.end, d.index))) t = 3;
    return { date: d, tier: t };
  });
  const best = Math.min(...ranked.map((r) => r.tier));
  // "back on X" names the day itself; of several "until"/range dates the last one ends the absence.
  if (best === 1) return ranked.find((r) => r.tier === 1)!.date.iso;
  if (best < 4) return ranked.filter((r) => r.tier === best).at(-1)!.date.iso;
  const floor = mailDate ? mailDate.toISOString().slice(0, 10) : '';
  const ahead = dates.map((d) => d.iso).filter((d) => d >= floor);
  return ahead.sort().at(-1) ?? null;
}
