/**
 * Opt-out requests as buyers write them, per language. Matched against NFKC-normalised,
 * lowercased text. Each pattern is a request ("remove me"), never a mention ("our unsubscribe
 * link"); footer lines are removed before matching (see footer.ts).
 */
export interface OptOutPattern {
  language: string;
  pattern: RegExp;
}

const p = (language: string, pattern: RegExp): OptOutPattern => ({ language, pattern });

export const OPT_OUT_PATTERNS: readonly OptOutPattern[] = [
  p('en', /\bunsubscrib(?:e|ed|ing)\b/u),
  p('en', /\bremove (?:me|us|my (?:e-?mail|address|name)|our (?:e-?mail|address))\b/u),
  p('en', /\btake (?:me|us|my (?:e-?mail|address)) off\b/u),
  p('en', /\bstop (?:emailing|e-mailing|mailing|spamming|contacting|messaging)\b/u),
  p(
    'en',
    /\bstop sending (?:me|us|(?:these |your |any |such |more )?(?:e-?mails|mails|messages|newsletters|offers|promotions|spam))\b/u,
  ),
  p('en', /\b(?:do not|don't|dont|never) (?:e-?mail|contact|send|write to|mail) (?:me|us)\b/u),
  p('en', /\bopt(?:-| )?(?:me )?out\b/u),
  p('en', /\bno (?:more|further) (?:e-?mails|mails|messages|offers)\b/u),
  p('es', /\bdar(?:me|se|nos)? de baja\b/u),
  p('es', /\bno (?:me|nos) (?:envíe|envie|envíen|envien|mande|manden|escriba|escriban)n? más\b/u),
  p(
    'es',
    /\b(?:elimín|elimin|borr|quít|quit|sáqu|saqu)(?:en|e|ar)(?:me|nos) de (?:su|tu|la|sus) (?:lista|base)/u,
  ),
  p(
    'es',
    /\bdej(?:en|e) de (?:enviar|mandar|escribir)(?:me|nos|(?: (?:correos|mensajes|e-?mails|emails|publicidad|ofertas)))/u,
  ),
  p('es', /\bcancelar (?:la |mi )?suscripción\b/u),
  p('pt', /\bdescadastr/u),
  p(
    'pt',
    /\bremov(?:a|am|er)(?:-me| meu (?:e-?mail|endereço))? (?:da|de|do) (?:sua |seu )?(?:lista|cadastro)/u,
  ),
  p(
    'pt',
    /\bparem de (?:me (?:enviar|mandar)|(?:enviar|mandar)(?:-me)? (?:e-?mails|emails|mensagens|ofertas|propaganda))/u,
  ),
  p('pt', /\bnão (?:quero|desejo) (?:mais )?receber\b/u),
  p('pt', /\bnão me (?:envie|enviem|mande|mandem) mais\b/u),
  p('pt', /\bcancelar (?:a |minha )?inscrição\b/u),
  p('fr', /\bd[ée]sabonn/u),
  p('fr', /\bd[ée]sinscri/u),
  p('fr', /\bne (?:souhaite|veux|désire) plus recevoir\b/u),
  p('fr', /\b(?:retirez|supprimez|enlevez|rayez)[- ]moi\b/u),
  p('fr', /\b(?:arrêtez|cessez) de (?:m'|nous )envoyer\b/u),
  p('fr', /\bne (?:m'|nous )envoyez plus\b/u),
  p('de', /\babmelden\b/u),
  p('de', /\babbestell/u),
  p('de', /\b(?:austragen|tragen sie mich [^.!?\n]{0,40}aus)\b/u),
  p(
    'de',
    /\b(?:von|aus) (?:ihrer|ihrem|der|dem) (?:liste|verteiler|mailingliste|newsletter|adressliste) (?:entfernen|streichen|löschen|nehmen)\b/u,
  ),
  p('de', /\bkeine (?:weiteren )?(?:e-?mails|mails|nachrichten|werbung) mehr\b/u),
  p('de', /\bschicken sie mir keine\b|\bsenden sie mir keine\b/u),
  p('ru', /отпис(?:ать|ыва|ите)/u),
  p('ru', /(?:удалите|удалить|исключите|исключить|уберите|убрать) (?:меня|мой|мою|наш)/u),
  p('ru', /(?:не|больше не) (?:присылайте|отправляйте|пишите) (?:мне|нам)/u),
  p('ru', /прекратите (?:присылать|рассылку|отправлять|писать)/u),
  p('zh', /退订|退訂|取消订阅|取消訂閱/u),
  p('zh', /(?:不要再|别再|請勿再|请勿再|勿再|不要再次)(?:给我|向我|給我|跟我)?(?:发|發|寄)/u),
  p('zh', /(?:不要|别|请勿|請勿)(?:给我|向我|給我)(?:发|發|寄)/u),
  p('zh', /停止(?:向我|给我|給我)(?:发|發|寄)|停止(?:发送|發送)(?:邮件|郵件|广告|廣告|信息)/u),
  p('zh', /(?:从|從).{0,12}(?:名单|列表|名單|邮件列表)(?:中)?(?:删除|移除|刪除)/u),
  p('ar', /إلغاء الاشتراك|الغاء الاشتراك/u),
  p('ar', /(?:أزل|ازل|احذف|إحذف|امسح|أزيل)(?:وا)?ني/u),
  p('ar', /(?:توقف|توقفوا) عن (?:إرسال|ارسال|مراسلت)/u),
  p('ar', /لا (?:ترسل|ترسلوا|تراسل)(?:وا)? (?:لي|إلي|الي)/u),
  p('tr', /abonelik(?:ten)? (?:çık|iptal)/u),
  p('tr', /liste(?:den|nizden|mizden|sinden) (?:çıkar|sil)/u),
  p('tr', /\bbeni\s.{0,30}(?:çıkarın|çıkarınız|silin|siliniz)/u),
  p('tr', /(?:göndermeyi|atmayı|yollamayı) (?:bırakın|bırakınız|durdurun)/u),
  p('tr', /(?:bana|bize)\s.{0,25}(?:göndermeyin|atmayın|yollamayın)/u),
  p('it', /\bdisiscriv/u),
  p('it', /\bannulla(?:re)? (?:l'|la mia )?iscrizione\b/u),
  p('it', /\b(?:cancellatemi|rimuovetemi|toglietemi|eliminatemi)\b/u),
  p(
    'it',
    /\bsmettete(?:la)? di (?:inviarmi|mandarmi|scrivermi|inviarci|inviare (?:e-?mail|email|messaggi|offerte))/u,
  ),
  p('it', /\bnon (?:inviatemi|mandatemi|scrivetemi|inviateci) più/u),
  p('it', /\b(?:rimuover|cancellar|disiscriver|toglier)mi\b|\brimuovere il mio indirizzo\b/u),
];
