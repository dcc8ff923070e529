/** Labelled inquiries for language detection: the unit test's cases and bench/language-detect.ts's. */

/** Short export inquiries, the length and tone our users receive. */
export const LANGUAGE_SAMPLES: [string, string][] = [
  [
    'en',
    'Dear Sir, we are interested in your 20W LED panel lights. Please quote FOB Ningbo for 5000 pcs with CE.',
  ],
  ['en', 'Need quotation ASAP for solar panels 450W'],
  ['de', 'Können Sie uns ein Muster schicken? Wir benötigen 2000 Stück pro Monat.'],
  ['de', 'Bitte um Angebot für Solarmodule, Lieferung nach Hamburg'],
  ['es', 'Necesitamos una muestra de las lámparas LED, cantidad 3000 piezas, precio CIF Manzanillo.'],
  ['es', 'Hola, ¿cuál es el precio de los paneles solares?'],
  ['fr', 'Merci de nous faire une offre pour 500 chaises en bois, livraison au Havre.'],
  ['fr', 'Quel est votre prix pour les panneaux solaires?'],
  ['pt', 'Bom dia, gostaria de saber o preço de 1000 cadeiras de escritório, entrega no porto de Santos.'],
  ['pt', 'Qual é o preço mínimo por peça?'],
  ['ru', 'Какая цена за 5000 штук с доставкой в Москву?'],
  ['ru', 'Нужен образец солнечной панели'],
  ['zh', '请发一下产品目录和价格表，谢谢。'],
  ['zh', '需要太阳能板报价，紧急'],
  ['ar', 'ما هو سعر الأثاث المكتبي لكمية 200 قطعة؟'],
  ['ar', 'نحتاج عينة من المنتج بشكل عاجل'],
  ['tr', '5000 adet için FOB fiyatınız nedir? Teslimat İstanbul limanına.'],
  ['tr', 'Güneş paneli için teklif istiyoruz'],
  ['it', 'Buongiorno, siamo un importatore italiano di mobili. Potete inviarci il vostro catalogo?'],
  ['pl', 'Dzień dobry, jesteśmy zainteresowani zakupem paneli słonecznych. Proszę o ofertę cenową.'],
  ['ja', 'こんにちは、LEDパネルライトの見積もりをお願いします。サンプルも送ってください。'],
  ['ko', '안녕하세요, 태양광 패널 견적을 요청드립니다. 샘플도 보내주세요.'],
  ['vi', 'Xin chào, chúng tôi muốn mua đèn LED. Vui lòng gửi báo giá và mẫu.'],
];
