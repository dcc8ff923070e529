/**
 * Catalogues of other trades for the extractInquiry tests: a product is what the company
 * makes, `related` what a buyer may ask about that it does not make.
 */
import type { Catalogue } from '../../../src/understand/extract/index.ts';

export const LIGHTING: Catalogue = {
  products: [
    { name: 'LED panel light', synonyms: ['LED panel', 'panel light', '面板灯'] },
    { name: 'LED floodlight', synonyms: ['flood light', 'floodlight'] },
    { name: 'LED high bay', synonyms: ['high bay light', 'UFO high bay'] },
  ],
  related: ['solar panel', 'LED strip', 'ceiling fan'],
};

export const FURNITURE: Catalogue = {
  products: [
    {
      name: 'office chair',
      synonyms: ['ergonomic chair', 'mesh chair', 'silla de oficina', 'cadeira de escritório'],
    },
    { name: 'dining table', synonyms: ['dinner table', 'mesa de comedor'] },
  ],
  related: ['sofa', 'mattress'],
};

export const TEXTILES: Catalogue = {
  products: [
    { name: 'bath towel', synonyms: ['cotton towel', 'hotel towel'] },
    { name: 'bed sheet', synonyms: ['bedsheet', 'bed linen'] },
  ],
  related: ['curtain'],
};

export const SOLAR: Catalogue = {
  products: [
    {
      name: 'solar panel',
      synonyms: [
        'PV module',
        'solar module',
        'Solarmodul',
        'painel solar',
        'panel solar',
        'солнечная панель',
        '太阳能板',
      ],
    },
    { name: 'solar inverter', synonyms: ['hybrid inverter', 'inverter'] },
    { name: 'lithium battery', synonyms: ['LiFePO4 battery', 'batteries'] },
  ],
  related: ['diesel generator'],
};

export const MACHINERY: Catalogue = {
  products: [{ name: 'injection molding machine', synonyms: ['injection moulding machine', 'IMM'] }],
  related: ['CNC lathe'],
};

export const EMPTY: Catalogue = { products: [], related: [] };
