/**
 * Wording of the fraud and solicitation mails export sales teams receive every day. Kept
 * apart from the detectors so the lists can grow without touching the logic.
 */

/** Credential harvesting: fake quota, verification, expiry and "document shared" notices. */
export const PHISHING = [
  /\bverify your (?:account|e-?mail|mailbox|identity|login)\b/i,
  /\b(?:mailbox|e-?mail|storage) (?:quota|storage|is (?:almost )?full|limit)\b/i,
  /\bquota (?:exceeded|limit|has been reached)\b/i,
  /\b(?:your )?password (?:will )?expires?\b|\bpassword expir/i,
  /\bconfirm (?:your )?(?:account|identity|password|e-?mail ownership)\b/i,
  /\b(?:re-?validate|re-?activate|re-?confirm) (?:your )?(?:account|mailbox|e-?mail)\b/i,
  /\bunusual (?:sign-?in|login) activity\b/i,
  /\baccount (?:has been |will be )?(?:suspended|locked|limited|deactivated|closed)\b/i,
  /\b(?:log ?in|sign ?in) to (?:view|download|read|access|open) (?:the |your )?(?:document|file|inquiry|message|order|invoice|attachment)/i,
  /\bshared (?:a )?(?:document|file|folder) with you\b/i,
  /\bpending (?:incoming )?(?:messages|e-?mails) (?:on hold|were not delivered)\b/i,
  /邮箱(?:空间)?已满|账户验证|帐户验证|密码(?:即将)?过期|请登录验证|邮箱升级/,
];

/** Purchase-order and "document" lures that come with a malicious attachment or link. */
export const ORDER_LURE = [
  /\bP\.?O\.?\s*(?:#|no\.?|number)\s*:?\s*\w+/i,
  /\b(?:new |our |the )?purchase order\b/i,
  /\bsee (?:the )?attached (?:order|po|invoice|document|file)\b/i,
  /\bkindly (?:check|see|find|review|open|confirm|view)\b[^.\n]{0,40}\battach/i,
  /\b(?:please )?find (?:the )?attached (?:our |the )?(?:order|po|purchase|invoice|payment|swift|quotation request|rfq)/i,
  /\b(?:payment|swift|remittance) (?:copy|slip|advice|confirmation)\b/i,
  /\bproforma invoice attached\b/i,
  /采购订单|请查看附件(?:订单)?|订单详情见附件/,
];

/** Advance-fee ("419") wording. */
export const ADVANCE_FEE = [
  /\bnext of kin\b/i,
  /\b(?:inheritance|compensation) fund\b/i,
  /\b(?:US\$|USD|\$)\s?\d+(?:[.,]\d+)?\s?(?:million|m)\b|\b\d+(?:\.\d+)? million (?:us )?dollars\b/i,
  /\batm (?:master )?card\b/i,
  /\bbeneficiary of (?:the )?(?:fund|sum|estate)\b/i,
  /\b(?:lottery|lotto) (?:winner|award|prize)\b/i,
  /\bbarrister\b/i,
];

/** SEO, web-design and lead-generation sellers (each hit counts once; two make a signal). */
export const SEO_SOLICITATION = [
  /\bfirst page (?:of|on) google\b|\bgoogle(?:'s)? first page\b/i,
  /\b(?:top|first) (?:rank(?:ing)?|position)s? (?:on|in) (?:google|search)/i,
  /\bseo (?:services?|audit|report|expert|team|package|agency|optimi[sz]ation)\b|\bsearch engine optimi[sz]ation\b/i,
  /\b(?:increase|boost|improve) (?:your )?(?:website |site |organic )?(?:traffic|ranking|visibility)\b/i,
  /\b(?:re-?design|redesign|revamp) (?:of )?your (?:website|site)\b|\bwebsite (?:re)?design (?:services?|package|company)\b/i,
  /\bmobile[- ]friendly\b/i,
  /\blead generation\b|\bgenerate (?:more )?(?:leads|inquiries|buyers)\b|\bget more (?:inquiries|buyers|leads|customers)\b/i,
  /\b(?:buyers?|importers?|b2b|email|e-mail|contact) (?:database|list|data)\b/i,
  /\b(?:customs|import|export|bill of lading) data\b/i,
  /\bbacklinks?\b|\bdomain authority\b/i,
  /\b(?:google|facebook|linkedin) ads\b|\bppc\b/i,
  /\bI (?:was|have been) (?:looking at|checking|reviewing|on) your (?:website|site)\b|\bwe (?:noticed|found|checked) your (?:website|site)\b/i,
  /谷歌(?:优化|排名|推广|广告)|(?:seo|SEO)优化/,
  /网站(?:优化|建设|改版|排名)/,
  /海关数据|提单数据|进口商(?:采购)?(?:记录|数据|名录)/,
  /精准(?:询盘|客户|买家)|客户开发(?:系统|软件|工具)/,
];

/** A supplier introducing itself and offering what it sells (to us). */
export const SUPPLIER_INTRO = [
  /\bwe are (?:a |an |the )?(?:leading |professional |top |reliable |experienced |well-known |famous )*(?:\w+ ){0,4}(?:manufacturers?|factory|suppliers?|producers?|freight forwarders?|forwarders?|logistics (?:company|provider)|shipping agent|exporters?)\b/i,
  /\bour (?:main |major )?products (?:are|include|cover)\b/i,
  /\bwe (?:can|could) (?:offer|supply|provide) (?:you )?(?:the |our |high|good|competitive|best|door|ddp|cheap)/i,
  /\bwe would like to (?:introduce|offer|recommend) (?:you )?(?:our|us)\b/i,
  /\bour advantages?\b|\bcompetitive (?:freight|shipping) rates?\b|\b(?:freight|shipping|logistics) (?:services?|rates?) (?:from china|to)\b/i,
  /\bif you (?:have any (?:needs?|demands?|requirements?)|need (?:any|our) (?:products|services))\b/i,
  /我们是.{0,20}(?:工厂|厂家|供应商|货代|物流公司)|我司主营/,
];

/** A buyer asking for something: any of these means the mail is not a supplier pitch. */
export const BUYER_ASK = [
  /\b(?:please|pls|kindly) (?:send|quote|offer|provide|advise|share)\b/i,
  /\byour (?:best |lowest |latest )?(?:price|prices|quotation|quote|catalog(?:ue)?|price ?list|moq)\b/i,
  /\bwe (?:need|require|are looking for|want to (?:buy|import|purchase|order))\b/i,
  /\binterested in (?:your|buying|purchasing|importing)\b/i,
  /\bcan you (?:supply|offer|quote|make|produce|send)\b/i,
  /请(?:报价|发送|提供)|我们需要|询价/,
];

/** File types that are never a genuine order document (RFC 2046 does not help here: names lie). */
export const DANGEROUS_EXTENSION =
  /\.(?:iso|img|vhd|exe|scr|com|pif|bat|cmd|js|jse|vbs|vbe|wsf|hta|jar|lnk|msi|ps1|xll|r\d\d|ace|arj|cab|uue)$/i;

/** Web pages as attachments: the usual carrier of fake login forms, harmless without a lure. */
export const PAGE_EXTENSION = /\.(?:html?|shtml|xhtml|svg)$/i;

/** Archives: dangerous only together with an order lure (their content is not kept to inspect). */
export const ARCHIVE_EXTENSION = /\.(?:zip|rar|7z|gz|tgz|tar|z)$/i;

/** "Order.pdf.exe", "invoice.xlsx.html": a document extension hiding the real one. */
export const DOUBLE_EXTENSION = /\.(?:pdf|docx?|xlsx?|jpe?g|png|txt)\.[a-z0-9]{2,4}$/i;
