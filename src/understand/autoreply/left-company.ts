/**
 * "No longer with the company" notices and the alternate contact they give. For a sales
 * team this matters more than a vacation: the contact is gone for good and the mail
 * should go to the successor named in the notice.
 */
import { addressesIn } from '../bounce/addresses.ts';
import { matchesOf } from '../matches.ts';

const LEFT: RegExp[] = [
  /\b(?:is|am|are) no longer (?:with|at|employed (?:by|at|with)|working (?:for|at|with)|part of|in)\b|\bno longer works? (?:for|at|with|in)\b|\b(?:has|have) left (?:the company|our company|the organi[sz]ation|the firm|the business)\b|\bleft the company\b|\bdeparted from (?:the|our) company\b/i,
  /\b(?:e-?mail )?(?:address|mailbox|account)\b[^.\n]{0,40}\bno longer (?:in use|valid|active|monitored|exists?|being monitored)\b|\bno longer (?:in use|monitored|being monitored)\b/i,
  /nicht mehr (?:im unternehmen|bei uns|für uns|in unserem (?:unternehmen|hause|haus)|tätig|beschäftigt)|(?:hat|haben) (?:das unternehmen|unser unternehmen|die firma|uns) verlassen|ist aus (?:dem unternehmen|der firma) ausgeschieden/i,
  /ya no (?:trabaja|labora|forma parte|está|pertenece)(?: en| con| de| a)?|dej[oó] (?:la empresa|la compañía|de trabajar)/i,
  /n'(?:est|fait) plus (?:partie|au sein|chez|dans|employée?|en poste)|a quitté (?:la société|l'entreprise|notre société|la compagnie)|ne travaille plus/i,
  /não (?:faz|trabalha) mais (?:parte|na|no|em|conosco|para)|não está mais (?:na empresa|conosco|em)|deixou a empresa|saiu da empresa/i,
  /больше не работает|уволил(?:ся|ась)|покинул(?:а)? компанию|не является сотрудником/i,
  /已(?:经)?离职|已离开(?:本|我|贵)?公司|不再(?:在|于)?(?:本公司|我司|公司)?(?:工作|任职|负责)|离职了/,
];

/** Wording that introduces the person to write to instead. */
// (?<!\w) and (?!\w) stand for \b, slow under the iu flags (word-boundary-patterns.test.ts).
const CONTACT_CUE =
  /(?:contact|reach|(?:send|direct|forward|address|write)(?!\w)[^.\n]{0,40}?(?<!\w)to(?!\w)|e-?mail|colleague|successor|replacement|kontaktieren|wenden sie sich|schreiben sie|kollegin|kollege|nachfolger|contacter|contactez|écrire à|adresser|collègue|contacte|contactar|escriba|escribir|comuníquese|póngase en contacto|compañer[oa]|contato|entre em contato|escreva|colega|обращайтесь|свяжитесь|пишите|напишите|коллег|联系|发邮件|发送至|发至|邮件至|同事)/giu;

export function hasLeftCompany(text: string): boolean {
  return LEFT.some((p) => p.test(text));
}

/**
 * The address given as the person to write to instead: the first address within a short
 * distance after a contact cue, not one of the responder's own addresses.
 */
export function alternateContactIn(text: string, own: Set<string>): string | null {
  for (const cue of matchesOf(CONTACT_CUE, text)) {
    const window = text.slice(cue.index!, cue.index! + 200);
    const address = addressesIn(window).find((a) => !own.has(a));
    if (address) return address;
  }
  return null;
}
