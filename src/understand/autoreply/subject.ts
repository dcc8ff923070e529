/**
 * Subject lines that responders write. Strong prefixes are what mail systems put there
 * themselves (Outlook "Automatic reply:", Lotus "AUTO:", QQ/Foxmail "自动回复:"...) and
 * decide alone; weak ones ("Out of Office", "Vacation") are also typed by people and need
 * a body signal. A reply or forward of such a mail ("RE: Automatic reply: ...") is a
 * person answering, not a responder.
 */

const STRONG = [
  /^(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response|responder|answer)|autoreply|autoresponse|auto)\s*:/i,
  /^\[?(?:auto(?:matic)?[- ]?(?:reply|response))\]/i,
  /\((?:automatic|auto)[- ]?(?:reply|response)\)\s*$/i,
  /^(?:abwesenheitsnotiz|automatische antwort|abwesend)\s*:/i,
  /^(?:réponse automatique|reponse automatique|absence)\s*:/i,
  /^(?:respuesta automática|respuesta automatica|fuera de la oficina)\s*:/i,
  /^(?:resposta automática|resposta automatica|ausência|ausente)\s*:/i,
  /^(?:автоответ|автоматический ответ|автоматическое уведомление)\s*:/i,
  /^\[?(?:自动回复|自動回覆|自動回復|自动答复|自動返信|自动应答)\]?\s*[:：]?/,
  /^(?:risposta automatica|automatisch antwoord|autosvar|automatisk svar|automaattinen vastaus|otomatik yanıt|automatická odpověď|automatyczna odpowiedź)\s*:/i,
  /^\[(?:automatyczna odpowiedź|automatische antwort|réponse automatique|respuesta automática|resposta automática)\]/i,
  /^out of (?:the )?office (?:auto-?)?reply\b/i,
];

const WEAK = [
  /^(?:out of (?:the )?office|ooo|away from (?:the )?office|on (?:annual )?leave|on vacation|on holiday|vacation|holiday notice|away)\b/i,
  /\bis out of the office\b/i,
  /^(?:urlaub|nicht im büro|abwesenheit)\b/i,
  /^(?:absent|absente|en congés?|en vacances)\b/i,
  /^(?:de vacaciones|ausente)\b/i,
  /^(?:de férias|fora do escritório)\b/i,
  /^(?:в отпуске|отпуск|вне офиса)\b/i,
  /^(?:休假|出差|放假通知|不在办公室)/,
];

const REPLY_OR_FORWARD =
  /^(?:re|aw|antw|sv|vs|r|rif|res|ответ|回复|答复|回覆|fw|fwd|wg|tr|enc|i|转发|轉寄)\s*[:：]/i;

export type SubjectStrength = 'strong' | 'weak';

export function autoReplySubject(subject: string): SubjectStrength | null {
  const s = subject.trim();
  if (REPLY_OR_FORWARD.test(s) && !STRONG[2]!.test(s)) return null;
  if (STRONG.some((p) => p.test(s))) return 'strong';
  if (WEAK.some((p) => p.test(s))) return 'weak';
  return null;
}
