/**
 * Out-of-office wording in English, German, Spanish, French, Portuguese, Russian and
 * Chinese. Each group is one kind of evidence; a message is judged automatic from its
 * body only when several kinds agree (see index.ts), because people also write "I was out
 * of office" or "delivery" in ordinary mail.
 */
import { memo } from '../memo.ts';

/** First-person absence, present or future: "I am out of the office", "ich bin im Urlaub". */
const ABSENCE: RegExp[] = [
  /\b(?:i am|i'm|i will be|i'll be|i shall be|we are|we will be|our (?:office|company) (?:is|will be))\s+(?:currently\s+|now\s+|presently\s+|unfortunately\s+)?(?:out of (?:the )?office|out of the country|away\b|on (?:annual |sick |maternity |paternity |parental |business |public |national )?(?:leave|vacation|holidays?|a business trip|business travel|travel)|travel(?:l)?ing\b|off (?:work|until|from|on)|not in the office|not available|unavailable|absent|attending|closed|at (?:a |the )?(?:trade ?show|fair|exhibition|conference))/i,
  /\b(?:currently|presently) (?:out of (?:the )?office|away from (?:the |my )?(?:office|desk)|on (?:leave|vacation|holiday))/i,
  /\bout of (?:the )?office (?:from|until|till|through|and|with|on|starting)\b/i,
  /\bich bin\s+(?:\S+\s+){0,6}?(?:nicht im (?:büro|hause|haus)|abwesend|außer haus|im urlaub|auf (?:geschäftsreise|dienstreise|reisen|messe)|nicht erreichbar|nicht (?:im )?dienst)/i,
  /\bbin ich\s+(?:\S+\s+){0,4}?(?:nicht im büro|abwesend|nicht erreichbar|im urlaub|außer haus)/i,
  /\b(?:befinde mich|sind wir)\s+(?:\S+\s+){0,4}?(?:im urlaub|auf (?:geschäftsreise|dienstreise|reisen|messe)|nicht erreichbar|abwesend)/i,
  /(?<!\p{L})(?:estoy|estaré|me encuentro|me encontraré|estaremos|nos encontramos)\s+(?:actualmente\s+)?(?:fuera de (?:la )?oficina|fuera|ausente|de vacaciones|de viaje|de permiso|en viaje|sin acceso)/iu,
  /(?<!\p{L})(?:je suis|je serai|nous sommes|nous serons)\s+(?:actuellement\s+|absente?s?\s+)?(?:absente?s?|en (?:congés?|vacances|déplacement|voyage)|hors du bureau|en dehors du bureau|indisponibles?)/iu,
  /(?<!\p{L})(?:estou|estarei|encontro-me|estaremos|estamos)\s+(?:atualmente\s+)?(?:fora do escritório|fora|ausente|de férias|em férias|em viagem|de licença|sem acesso)/iu,
  /(?<!\p{L})(?:я|меня)\s+(?:сейчас\s+|в настоящее время\s+)?(?:в отпуске|в командировке|нет в офисе|не будет в офисе|буду отсутствовать|отсутствую|вне офиса)|нахожусь в (?:отпуске|командировке)|буду отсутствовать|не будет в офисе/iu,
  /我(?:目前|现在|正在|将|已|于)?(?:正在)?(?:休假|度假|出差|不在办公室|外出|请假|放假)|休假中|出差中|不在办公室|假期中|放假期间|休假期间|出差期间/,
];

/** The message says it is automatic. */
const AUTOMATIC: RegExp[] = [
  /\b(?:this is an? |this )?(?:automatic|automated|auto-?generated|automatically (?:generated|sent|created))\s+(?:reply|response|message|e-?mail|notification|answer)|\bauto-?reply\b|\bautoresponder\b|\bauto-?response\b/i,
  /automatische (?:antwort|nachricht|e-?mail|benachrichtigung)|abwesenheitsnotiz|automatisch (?:erstellt|generiert)/i,
  /(?:respuesta|mensaje|correo) automátic[oa]/i,
  /(?:réponse|message) automatique/i,
  /(?:resposta|mensagem) automática/i,
  /автоматическ(?:ий|ое|ая) (?:ответ|сообщение|уведомление)|автоответ/i,
  /自动回复|自動回覆|自动答复|自动回信|系统自动|这是一封自动/,
];

/** A promise to answer later, or limited access meanwhile. */
const RETURN_PROMISE: RegExp[] = [
  /\b(?:i will|i'll|i shall|we will)\s+(?:be back|return|respond|reply|get back to you|answer|be in the office)|\b(?:upon|on|after) my return\b|\bback (?:in the office |at my desk )?on\b|\breturning (?:on|to)\b|\bwill return\b|\b(?:limited|no|intermittent|restricted) access to (?:my )?(?:e-?mails?|internet|phone)|\bwith limited (?:e-?mail|internet)/i,
  /nach meiner rückkehr|wieder (?:im büro|erreichbar|zurück|da)\b|werde (?:ich )?ihre (?:e-?mail|nachricht|anfrage)|eingeschränkte[mn]? zugriff|keinen zugriff auf (?:meine )?e-?mails/i,
  /a mi regreso|(?:responderé|contestaré|volveré|regresaré)|estaré de vuelta|acceso limitado/i,
  /à mon retour|de retour (?:le|au bureau|à partir)|je (?:répondrai|reviendrai|traiterai)|accès limité/i,
  /(?:quando|assim que) (?:eu )?(?:retornar|voltar)|no meu retorno|(?:responderei|retornarei|voltarei)|acesso limitado/i,
  /(?:после|по) (?:моего )?возвращени|отвечу|вернусь|ограниченн(?:ый|ым) доступ/i,
  /返回后|回来后|尽快回复|(?:\d+月\d+日|\d{4}-\d{1,2}-\d{1,2})(?:起)?(?:返回|回来|上班|回到)|回复您/,
];

/** "For urgent matters please contact ...". */
const URGENT: RegExp[] = [
  /\b(?:for (?:urgent|immediate|pressing)|in (?:urgent|case of urgen)|if (?:it is |this is |your (?:matter|request) is )?urgent|should you need immediate|urgent (?:matters|requests|enquiries|inquiries))/i,
  /in dringenden fällen|bei dringenden (?:anliegen|fragen|angelegenheiten)/i,
  /(?:para asuntos urgentes|en caso de urgencia|si es urgente)/i,
  /(?:pour toute urgence|en cas d'urgence|pour les urgences)/i,
  /(?:em caso de urgência|para assuntos urgentes|se for urgente)/i,
  /(?:по срочным вопросам|в срочных случаях)/i,
  /如有急事|紧急(?:事宜|事务|情况|问题)?请/,
];

/** Wording of a buyer's inquiry: its presence vetoes a body-only verdict. */
const INQUIRY =
  /\bquot(?:e|ation)s?\b|price ?list|\bprices?\b|\bMOQ\b|minimum order|\bsamples?\b|\bcatalog(?:ue)?\b|\bpcs\b|\bFOB\b|\bCIF\b|\bEXW\b|specifications?|purchase order|\bangebot\b|preisliste|cotizaci[oó]n|\bprecios?\b|\bdevis\b|\bprix\b|cota[cç][aã]o|\bpreços?\b|цен[аыу]|коммерческое предложение|报价|价格|样品|询价/i;

/** Each signal scans the text on first use only (see index.ts for which verdicts need which). */
export interface OutOfOfficeSignals {
  absence: () => boolean;
  automatic: () => boolean;
  returnPromise: () => boolean;
  urgent: () => boolean;
  inquiry: () => boolean;
}

export function outOfOfficeSignals(text: string): OutOfOfficeSignals {
  const any = (patterns: readonly RegExp[]) => memo(() => patterns.some((p) => p.test(text)));
  return {
    absence: any(ABSENCE),
    automatic: any(AUTOMATIC),
    returnPromise: any(RETURN_PROMISE),
    urgent: any(URGENT),
    inquiry: any([INQUIRY]),
  };
}
