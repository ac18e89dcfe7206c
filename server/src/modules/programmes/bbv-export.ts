import { type BbvCascade, hcvCascadeSteps, hivCascadeSteps, type Language } from '@custodia/domain';
import type { ExportFile } from '../../platform/export/attachment.ts';
import { csvDocument, csvMediaType } from '../../platform/export/csv.ts';
import { createPdf } from '../../platform/export/pdf.ts';

/**
 * The HIV and hepatitis C cascades as CSV or PDF (issue 16 item 5; ADR 0048), words in az, en or ru,
 * each step with its definition, suppressed cells shown as "<5" and stated (DAT-6).
 */
type Dict = Record<string, string>;
const words: Record<Language, Dict> = {
  az: {
    title: 'HİV və hepatit C kaskadları',
    hiv: 'HİV kaskadı',
    hcv: 'Hepatit C kaskadı',
    step: 'Mərhələ',
    count: 'Say',
    definition: 'Tərif',
    'hiv.tested': 'Müayinə olunub',
    'hiv.positive': 'Müsbət (diaqnoz)',
    'hiv.onArt': 'ART alır',
    'hiv.suppressed': 'Virus yükü basılıb',
    'hcv.tested': 'Anticisim müayinəsi',
    'hcv.antibodyPositive': 'Anticisim müsbət',
    'hcv.rnaTested': 'RNT müayinəsi',
    'hcv.viraemic': 'Viremik (RNT aşkar)',
    'hcv.onTreatment': 'DAA müalicəsi başlanıb',
    'hcv.cured': 'Sağalıb (SVR12)',
    'def.hiv.tested': 'Dövrdə HİV analizinin nəticəsi olan şəxslər',
    'def.hiv.positive': 'Dövrdə HİV diaqnozu qoyulmuş şəxslər',
    'def.hiv.onArt': 'Onlardan dövrün sonunadək ART başlanmış',
    'def.hiv.suppressed': 'Onlardan son virus yükü < 1000 nüsxə/ml',
    'def.hcv.tested': 'Dövrdə anti-HCV nəticəsi olan şəxslər',
    'def.hcv.antibodyPositive': 'Onlardan anti-HCV reaktiv',
    'def.hcv.rnaTested': 'Onlardan HCV RNT müayinəsi aparılmış',
    'def.hcv.viraemic': 'Dövrdə HCV RNT aşkar edilmiş (epizod)',
    'def.hcv.onTreatment': 'Onlardan DAA başlanmış',
    'def.hcv.cured': 'Onlardan müalicədən 12 həftə sonra RNT aşkar edilməmiş',
    suppressed: 'Kiçik saylar (< {n}) gizlədilib (DAT-6).',
  },
  en: {
    title: 'HIV and hepatitis C cascades',
    hiv: 'HIV cascade',
    hcv: 'Hepatitis C cascade',
    step: 'Step',
    count: 'Count',
    definition: 'Definition',
    'hiv.tested': 'Tested',
    'hiv.positive': 'Positive (diagnosed)',
    'hiv.onArt': 'On ART',
    'hiv.suppressed': 'Virally suppressed',
    'hcv.tested': 'Antibody tested',
    'hcv.antibodyPositive': 'Antibody positive',
    'hcv.rnaTested': 'RNA tested',
    'hcv.viraemic': 'Viraemic (RNA detected)',
    'hcv.onTreatment': 'Started DAA treatment',
    'hcv.cured': 'Cured (SVR12)',
    'def.hiv.tested': 'People with an HIV test result in the period',
    'def.hiv.positive': 'People diagnosed with HIV in the period',
    'def.hiv.onArt': 'Of them, ART started by the end of the period',
    'def.hiv.suppressed': 'Of them, latest viral load < 1,000 copies/mL',
    'def.hcv.tested': 'People with an anti-HCV result in the period',
    'def.hcv.antibodyPositive': 'Of them, anti-HCV reactive',
    'def.hcv.rnaTested': 'Of them, HCV RNA tested',
    'def.hcv.viraemic': 'People with HCV RNA detected in the period (episode)',
    'def.hcv.onTreatment': 'Of them, DAA started',
    'def.hcv.cured': 'Of them, RNA not detected 12 weeks or more after the end of treatment',
    suppressed: 'Small counts (< {n}) suppressed (DAT-6).',
  },
  ru: {
    title: 'Каскады ВИЧ и гепатита C',
    hiv: 'Каскад ВИЧ',
    hcv: 'Каскад гепатита C',
    step: 'Этап',
    count: 'Число',
    definition: 'Определение',
    'hiv.tested': 'Обследованы',
    'hiv.positive': 'Положительные (диагноз)',
    'hiv.onArt': 'Получают АРТ',
    'hiv.suppressed': 'Вирусная нагрузка подавлена',
    'hcv.tested': 'Обследованы на антитела',
    'hcv.antibodyPositive': 'Антитела положительные',
    'hcv.rnaTested': 'Обследованы на РНК',
    'hcv.viraemic': 'Виремия (РНК обнаружена)',
    'hcv.onTreatment': 'Начато лечение ПППД',
    'hcv.cured': 'Излечены (УВО12)',
    'def.hiv.tested': 'Лица с результатом теста на ВИЧ за период',
    'def.hiv.positive': 'Лица с диагнозом ВИЧ за период',
    'def.hiv.onArt': 'Из них начата АРТ к концу периода',
    'def.hiv.suppressed': 'Из них последняя вирусная нагрузка < 1000 копий/мл',
    'def.hcv.tested': 'Лица с результатом анти-HCV за период',
    'def.hcv.antibodyPositive': 'Из них анти-HCV реактивны',
    'def.hcv.rnaTested': 'Из них обследованы на РНК HCV',
    'def.hcv.viraemic': 'Лица с обнаруженной РНК HCV за период (эпизод)',
    'def.hcv.onTreatment': 'Из них начаты ПППД',
    'def.hcv.cured': 'Из них РНК не обнаружена через 12 недель и более после лечения',
    suppressed: 'Малые числа (< {n}) скрыты (DAT-6).',
  },
};

function rows(report: BbvCascade, language: Language) {
  const w = words[language];
  const threshold = report.suppression?.threshold ?? 5;
  const cell = (v: number | null) => (v === null ? `<${threshold}` : v);
  return {
    w,
    hiv: hivCascadeSteps.map((s) => [w[`hiv.${s}`] ?? s, cell(report.hiv[s]), w[`def.hiv.${s}`] ?? '']),
    hcv: hcvCascadeSteps.map((s) => [w[`hcv.${s}`] ?? s, cell(report.hcv[s]), w[`def.hcv.${s}`] ?? '']),
  };
}

const period = (r: BbvCascade) => `${r.from} – ${r.to}`;

export function cascadeCsv(report: BbvCascade, language: Language): ExportFile {
  const r = rows(report, language);
  const header = [r.w.step as string, r.w.count as string, r.w.definition as string];
  return {
    filename: `bbv-cascade-${report.from}-${report.to}.csv`,
    contentType: csvMediaType,
    body: csvDocument([
      [r.w.title as string, period(report)],
      [],
      [r.w.hiv as string],
      header,
      ...r.hiv,
      [],
      [r.w.hcv as string],
      header,
      ...r.hcv,
      ...(report.suppression
        ? [[(r.w.suppressed as string).replace('{n}', String(report.suppression.threshold))]]
        : []),
    ]),
  };
}

export async function cascadePdf(
  report: BbvCascade,
  language: Language,
  meta: { institution: string | null; generatedBy: string; timeZone: string; at: Date },
): Promise<ExportFile> {
  const r = rows(report, language);
  const header = [r.w.step as string, r.w.count as string, r.w.definition as string];
  const pdf = createPdf({
    title: r.w.title as string,
    language,
    institution: meta.institution,
    period: period(report),
    generatedAt: meta.at,
    generatedBy: meta.generatedBy,
    timeZone: meta.timeZone,
    landscape: true,
  });
  pdf.heading(r.w.hiv as string, 10);
  pdf.table(header, r.hiv, [170, 60, 420], { size: 8 });
  pdf.heading(r.w.hcv as string, 10);
  pdf.table(header, r.hcv, [170, 60, 420], { size: 8 });
  if (report.suppression)
    pdf.text((r.w.suppressed as string).replace('{n}', String(report.suppression.threshold)), { size: 8 });
  return {
    filename: `bbv-cascade-${report.from}-${report.to}.pdf`,
    contentType: 'application/pdf',
    body: await pdf.end(),
  };
}
