/**
 * Product certifications and marks a buyer asks for. Short marks that are also words ("CE" is
 * French "this", "BIS" German "until", "REACH" a verb) match in upper case only.
 */
import { matchesOf } from '../matches.ts';

/** [canonical label, pattern, case-insensitive]. */
const CERTS: [string, string, boolean][] = [
  ['CE', 'CE', false],
  ['UKCA', 'UKCA', false],
  ['UL', 'c?UL(?:us)?', false],
  ['ETL', 'c?ETL(?:us)?', false],
  ['DLC', 'DLC', false],
  ['SAA', 'SAA', false],
  ['RoHS', 'rohs', true],
  ['FCC', 'FCC', false],
  ['CB', 'CB', false],
  ['GS', 'GS', false],
  ['TUV', 'T[UÜ]V', true],
  ['SASO', 'SASO', false],
  ['SONCAP', 'SONCAP', true],
  ['ISO 9001', 'ISO[\\s-]?9001(?::?\\s?20\\d\\d)?', true],
  ['ISO 14001', 'ISO[\\s-]?14001', true],
  ['ISO 45001', 'ISO[\\s-]?45001', true],
  ['REACH', 'REACH', false],
  ['ErP', 'ErP|ERP', false],
  ['CCC', 'CCC', false],
  ['BIS', 'BIS', false],
  ['INMETRO', 'INMETRO', true],
  ['KC', 'KC', false],
  ['PSE', 'PSE', false],
  // The Eurasian mark is often typed with the Cyrillic letters Е, А, С.
  ['EAC', 'EAC|ЕАС', false],
  ['FDA', 'FDA', false],
  ['BSCI', 'BSCI', false],
  ['SGS', 'SGS', false],
  ['OEKO-TEX', 'oeko[\\s-]?tex', true],
  ['GOTS', 'GOTS', false],
  ['FSC', 'FSC', false],
  ['CARB', 'CARB(?:\\s*P2)?', false],
  ['BIFMA', 'BIFMA', true],
  ['EN 71', 'EN[\\s-]?71', false],
  ['IEC', 'IEC(?:[\\s-]?\\d{4,5}(?:-\\d+)*)?', false],
  ['Energy Star', 'energy\\s+star', true],
  ['IECEx', 'IECEx', false],
  ['ATEX', 'ATEX', false],
  ['NOM', 'NOM', false],
  ['SIRIM', 'SIRIM', true],
  ['RCM', 'RCM', false],
  ['C-Tick', 'C-?Tick', false],
  ['CSA', 'c?CSA(?:us)?', false],
  ['TSE', 'TSE', false],
  ['SABS', 'SABS', false],
  ['NRCS', 'NRCS', false],
  ['SEC', 'SEC', false],
  ['ENEC', 'ENEC', false],
  ['Halal', 'halal', true],
];

/**
 * Latin and Cyrillic boundaries only: Chinese glues marks to its words ("要求有SIRIM认证"). "GS1"
 * (barcodes) or "UL94" (a flammability class) are not the marks.
 */
const W = '(?<![A-Za-z0-9_\\p{Script=Cyrillic}])';
const E = '(?![A-Za-z0-9_\\p{Script=Cyrillic}])';

/** Two scans (case-sensitive and -insensitive marks); each hit is then named by its own pattern. */
function scanner(insensitive: boolean): { scan: RegExp; labels: [string, RegExp][] } {
  const certs = CERTS.filter(([, , i]) => i === insensitive);
  return {
    scan: new RegExp(`${W}(?:${certs.map(([, p]) => p).join('|')})${E}`, insensitive ? 'giu' : 'gu'),
    labels: certs.map(([label, p]) => [label, new RegExp(`^(?:${p})$`, insensitive ? 'iu' : 'u')]),
  };
}
const SCANNERS = [scanner(false), scanner(true)];

/** "ISO certificate" with no standard number still names ISO. */
const BARE_ISO_RE = /(?<![\p{L}])ISO(?![\p{L}\s-]*\d)/u;

export function extractCertifications(text: string): string[] {
  const found: { label: string; index: number }[] = [];
  for (const { scan, labels } of SCANNERS) {
    for (const m of matchesOf(scan, text)) {
      const label = labels.find(([, re]) => re.test(m[0]))?.[0];
      if (label && !found.some((f) => f.label === label)) found.push({ label, index: m.index });
    }
  }
  if (!found.some((f) => f.label.startsWith('ISO'))) {
    const iso = BARE_ISO_RE.exec(text);
    if (iso) found.push({ label: 'ISO', index: iso.index });
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.label);
}
