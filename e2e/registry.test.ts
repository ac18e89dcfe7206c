/**
 * The registry in the browser, as the people in PRODUCT.md use it: the registry officer admits a
 * person with the whole Mandela rule 7 record (ADM-3), finds them again by a Cyrillic spelling of
 * the surname, places them in a cell, transfers them and records the arrival, and reads the history
 * in order — once in Azerbaijani and once in English; the governor reads the RES-8 living-space list.
 * axe-core runs on every page visited. Set E2E_SCREENSHOTS=<dir> to keep screenshots of the pages.
 */
import type { Locator } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, screenshot, testOnFreshServer as test } from './fixtures.ts';
import { azRegistry as az, azCommon, enRegistry as en, enCommon } from './locales.ts';
import { AdmissionForm } from './pages/admission.ts';
import { PersonPage } from './pages/person.ts';
import { field, literal, type Shell } from './pages/shell.ts';
import { SignInPage } from './pages/sign-in.ts';

type Catalogue = typeof en;
const catalogues: Record<string, Catalogue> = { az, en };
let language: 'az' | 'en' = 'az';

/** A translation of the registry namespace in the language of the run, with {{placeholders}} filled. */
function tr(key: string, values: Record<string, string | number> = {}): string {
  let value: unknown = catalogues[language];
  for (const part of key.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no translation ${language}/${key}`);
  return value.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}
/** Fills the field of the admission form labelled with this registry key. */
const fill = (form: AdmissionForm, key: string, value: string) => form.field(tr(key)).fill(value);

/** Chooses the option of a native select that `pick` points to; returns the option's text. */
async function chooseOption(select: Locator, pick: (texts: string[]) => number): Promise<string> {
  const options = await select
    .locator('option')
    .evaluateAll((els) =>
      els.map((el) => ({ value: (el as HTMLOptionElement).value, text: el.textContent ?? '' })),
    );
  const index = pick(options.map((o) => o.text));
  const option = options[index];
  if (!option?.value) throw new Error(`no such option among ${options.map((o) => o.text).join(' | ')}`);
  await select.selectOption(option.value);
  return option.text;
}

/** Issue 14: a time as typed in the institution's zone (Asia/Baku, UTC+4 all year), not this machine's. */
const localInput = (date: Date) => new Date(date.getTime() + 4 * 3_600_000).toISOString().slice(0, 16);

interface Newcomer {
  surname: string;
  given: string;
  patronymic: string;
  cyrillicSearch: string;
  prisonNumber: string;
  institution: string;
  institutionName: string;
  destination: string;
  destinationName: string;
}

/** Records one custody event from the person page through its dialog, and waits for the notice. */
async function record(
  shell: Shell,
  action: string,
  fillDialog: (dialog: Locator) => Promise<void> = async () => {},
) {
  const page = shell.page;
  await shell.main.getByRole('button', { name: tr(`actions.${action}`), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: tr(`actions.${action}`) });
  await dialog.waitFor();
  await fillDialog(dialog);
  await dialog.getByRole('button', { name: tr('actionForms.submit'), exact: true }).click();
  await page.getByText(tr('person.recorded', { what: tr(`eventTypes.${action}`) })).waitFor();
  await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
}

/** The whole journey of one person, in the current language. */
async function admitPlaceTransferArrive(shell: Shell, who: Newcomer) {
  const page = shell.page;
  const main = () => shell.main;
  const form = new AdmissionForm(shell);
  const check = (name: string) => checkPage(page, name);
  await shell.navigate(tr('nav.admit'), tr('admit.title'), { exact: true });

  // Nothing filled in: every rule-7 field says what is missing, in this language.
  await main()
    .getByRole('button', { name: tr('admit.submit'), exact: true })
    .click();
  await main().getByText(tr('validation.name_required')).waitFor();
  expect(await form.field(tr('fields.commitmentOrderReference')).getAttribute('aria-invalid')).toBe('true');
  await check(`${language}-admit-errors`);

  // Identity.
  await fill(form, 'fields.surnameLatin', who.surname);
  await fill(form, 'fields.givenNameLatin', who.given);
  await fill(form, 'fields.patronymicLatin', who.patronymic);
  await fill(form, 'fields.birthDate', '1988-03-15');
  await form.field(tr('fields.sex')).selectOption('male');
  await fill(form, 'fields.genderIdentity', language === 'az' ? 'kişi' : 'man');
  await fill(form, 'fields.citizenship', language === 'az' ? 'Azərbaycan' : 'Azerbaijan');
  await fill(form, 'fields.language', language === 'az' ? 'azərbaycan, rus' : 'Azerbaijani, Russian');
  await form.field(tr('fields.interpreterNeeded')).check();
  await fill(form, 'fields.prisonNumber', who.prisonNumber);
  await fill(form, 'fields.nationalId', `AZE-${who.prisonNumber}`);

  // Commitment and arrest.
  await chooseOption(form.field(tr('fields.institution')), (texts) =>
    texts.findIndex((text) => text.startsWith(`${who.institution} ·`)),
  );
  await form.field(tr('fields.legalStatus')).selectOption('remand');
  await fill(form, 'fields.commitmentOrderReference', `QƏR-2026-${who.prisonNumber}`);
  await fill(form, 'fields.issuingAuthority', 'Bakı Ağır Cinayətlər Məhkəməsi');
  await fill(form, 'fields.legalBasis', 'CM 177.2 — oğurluq');
  await fill(form, 'fields.arrestedAt', localInput(new Date(Date.now() - 2 * 86_400_000)));
  await fill(form, 'fields.arrestPlace', 'Bakı, Nəsimi rayonu');

  // Injuries, complaints, property.
  await fill(
    form,
    'fields.visibleInjuries',
    language === 'az' ? 'Sol biləkdə göyərmə' : 'Bruise on the left wrist',
  );
  await fill(form, 'fields.illTreatmentComplaints', language === 'az' ? 'Yoxdur' : 'None');
  await fill(
    form,
    'fields.propertySummary',
    language === 'az' ? 'Saat, kəmər, 20 manat' : 'Watch, belt, 20 manat',
  );

  // Family, with a child.
  await main()
    .getByRole('button', { name: tr('family.add'), exact: true })
    .click();
  const member = main().getByRole('group', { name: tr('family.member', { n: 1 }) });
  await field(member, tr('family.relation')).fill(language === 'az' ? 'oğlu' : 'son');
  await field(member, tr('family.name')).fill(`${who.surname} Emil`);
  await field(member, tr('family.age')).fill('7');
  await field(member, tr('family.whereabouts')).fill('Bakı');
  await field(member, tr('family.caredForBy')).fill(language === 'az' ? 'anası' : 'his mother');
  await field(member, tr('family.isChild')).check();

  // Emergency contact and information.
  await fill(form, 'fields.contactName', 'Aynur Həsənova');
  await fill(form, 'fields.contactRelation', language === 'az' ? 'həyat yoldaşı' : 'wife');
  await fill(form, 'fields.contactPhone', '+994 50 123 45 67');
  await form.field(tr('fields.informationGivenInLanguage')).check();
  await screenshot(page, `${language}-admit-filled`);

  await main()
    .getByRole('button', { name: tr('admit.submit'), exact: true })
    .click();
  const fullName = `${who.surname} ${who.given} ${who.patronymic}`;
  await shell.h1(fullName, { exact: true }).waitFor();
  await page.getByText(tr('person.admitted')).waitFor();
  await check(`${language}-person-admitted`);

  // Found again by a Cyrillic spelling of the surname, from the search box in the header.
  const search = page.getByRole('banner').getByRole('searchbox');
  await search.fill(who.cyrillicSearch);
  await search.press('Enter');
  await shell.h1(tr('search.title'), { exact: true }).waitFor();
  const result = main().getByRole('row', { name: new RegExp(literal(who.prisonNumber)) });
  await result.waitFor();
  expect(await main().getByRole('link', { name: who.prisonNumber, exact: true }).count()).toBe(1);
  expect(await result.getByText(`${who.surname} ${who.given}`, { exact: true }).isVisible()).toBe(true);
  expect(await result.getByText(tr('statuses.in_custody')).isVisible()).toBe(true);
  await check(`${language}-search`);
  await result.getByRole('link', { name: who.prisonNumber }).click();
  await shell.h1(fullName, { exact: true }).waitFor();

  // Placement in a cell that has room.
  let cellCode = '';
  await record(shell, 'placement', async (dialog) => {
    const cell = field(dialog, tr('actionForms.cell'));
    await cell.locator('option').nth(2).waitFor({ state: 'attached' });
    const text = await chooseOption(cell, (texts) =>
      texts.findIndex((t) => {
        const m = /(\d+) (?:\/|of) (\d+)/.exec(t);
        return m !== null && Number(m[1]) < Number(m[2]);
      }),
    );
    cellCode = text.split(' · ')[0] ?? '';
    await check(`${language}-place-dialog`);
  });
  expect(cellCode).toMatch(/^[A-Z]-\d{3}$/);

  // Transfer to the other institution, then the arrival there.
  await record(shell, 'transfer_out', async (dialog) => {
    await chooseOption(field(dialog, tr('actionForms.destination')), (texts) =>
      texts.findIndex((text) => text.startsWith(`${who.destination} ·`)),
    );
  });
  await main().getByText(tr('statuses.in_transit')).first().waitFor();
  await record(shell, 'transfer_in', async (dialog) => {
    await dialog.getByText(new RegExp(literal(who.destination))).waitFor();
  });
  await main().getByText(tr('statuses.in_custody')).first().waitFor();

  // The whole history, in order, each event in words.
  const person = new PersonPage(shell);
  const rows = person.historyRows(tr('history.caption'));
  await expect.poll(() => rows.count()).toBe(4);
  expect(await person.eventTypes(tr('history.caption'))).toEqual([
    'admission',
    'placement',
    'transfer_out',
    'transfer_in',
  ]);
  const from = `${who.institution} · ${who.institutionName}`;
  const to = `${who.destination} · ${who.destinationName}`;
  const expected = [
    tr('history.admission', { institution: from }),
    tr('history.placement', { cell: cellCode }),
    tr('history.transfer_out', { institution: to }),
    tr('history.transfer_in', { institution: to }),
  ];
  for (const [i, text] of expected.entries()) {
    expect(await rows.nth(i).getByText(text, { exact: true }).isVisible(), text).toBe(true);
  }
  // Where the person is now is derived from that history.
  const custody = main().getByRole('region', { name: tr('person.custody') });
  expect(await custody.getByText(to, { exact: true }).isVisible()).toBe(true);
  // The admission record keeps every rule-7 answer.
  const record7 = main().getByRole('region', { name: tr('person.admission') });
  expect(await record7.getByText(`QƏR-2026-${who.prisonNumber}`).isVisible()).toBe(true);
  expect(await record7.getByText(new RegExp(`${literal(who.surname)} Emil`)).isVisible()).toBe(true);
  await check(`${language}-person-history`);
  return expected;
}

describe('the registry officer', () => {
  test('signs in and sees the registry in the navigation and the worklist at home', async ({
    page,
    shell,
  }) => {
    await shell.goto('/');
    await new SignInPage(shell).signIn('demo.registry-officer');
    await shell.h1(azCommon.home.title, { exact: true }).waitFor();
    for (const key of ['nav.persons', 'nav.admit', 'nav.institutions', 'nav.livingSpace'])
      expect(await shell.nav.getByRole('link', { name: tr(key), exact: true }).isVisible()).toBe(true);
    // The officer works in all three pilot prisons: people in transit too long and cells below
    // the living-space standard are on the worklist.
    await shell.main
      .getByRole('heading', { level: 2, name: new RegExp(`^${literal(az.worklist.in_transit_over_24h)}`) })
      .waitFor();
    expect(await shell.main.getByText(azCommon.home.empty).count()).toBe(0);
    await checkPage(page, 'az-home');
  });

  test('in Azerbaijani: admits a person with the whole rule-7 record, finds them by a Cyrillic surname, places, transfers, records the arrival and reads the history', async ({
    shell,
  }) => {
    language = 'az';
    const expected = await admitPlaceTransferArrive(shell, {
      surname: 'Nurməmmədov',
      given: 'Tural',
      patronymic: 'Elşən oğlu',
      cyrillicSearch: 'Нурмамедов',
      prisonNumber: 'E2E-AZ-1',
      institution: 'PILOT-1',
      institutionName: '1 nömrəli Cəzaçəkmə Müəssisəsi',
      destination: 'PILOT-2',
      destinationName: '2 nömrəli İstintaq Təcridxanası',
    });
    expect(expected[0]).toBe('Qəbul edildi: PILOT-1 · 1 nömrəli Cəzaçəkmə Müəssisəsi');
    expect(expected[3]).toBe('Gəldi: PILOT-2 · 2 nömrəli İstintaq Təcridxanası');
  });

  test('in English: the same journey for another person, from the pre-trial centre to the prison', async ({
    shell,
  }) => {
    await shell.chooseLanguage('en');
    language = 'en';
    // The history of the first person reads in English now.
    await shell.main
      .getByText('Arrived at PILOT-2 · Pre-trial Detention Centre No. 2', { exact: true })
      .waitFor();
    const expected = await admitPlaceTransferArrive(shell, {
      surname: 'Şükürzadə',
      given: 'Vüqar',
      patronymic: 'Rauf oğlu',
      cyrillicSearch: 'Шукюрзаде',
      prisonNumber: 'E2E-EN-1',
      institution: 'PILOT-2',
      institutionName: 'Pre-trial Detention Centre No. 2',
      destination: 'PILOT-1',
      destinationName: 'Penitentiary Institution No. 1',
    });
    expect(expected[0]).toBe('Admitted to PILOT-2 · Pre-trial Detention Centre No. 2');
    expect(expected[2]).toBe('Transferred out to PILOT-1 · Penitentiary Institution No. 1');
  });

  test('reads the institutions and the cells of one, with occupancy and RES-8 flags', async ({
    page,
    shell,
  }) => {
    await shell.nav.getByRole('link', { name: en.nav.institutions, exact: true }).click();
    await shell.h1(en.institutions.title, { exact: true }).waitFor();
    await checkPage(page, 'en-institutions');
    await shell.main.getByRole('link', { name: 'PILOT-2', exact: true }).click();
    await shell.h1('PILOT-2 · Pre-trial Detention Centre No. 2', { exact: true }).waitFor();
    const unitB = shell.main.getByRole('table', { name: 'Cells of B · B korpus' });
    // 22 m² for 6 people is under 4 m² each.
    await unitB.getByText(en.spaceProblems.below_shared_minimum).first().waitFor();
    await checkPage(page, 'en-institution');
    await shell.signOut();
  });
});

describe('the governor', () => {
  test('opens the living-space list and sees the flagged cells of their prison', async ({ page, shell }) => {
    language = 'az';
    await new SignInPage(shell).signIn('demo.governor');
    await shell.h1(azCommon.home.title, { exact: true }).waitFor();
    await shell.nav.getByRole('link', { name: az.nav.livingSpace, exact: true }).click();
    await shell.h1(az.space.title, { exact: true }).waitFor();
    await shell.main.getByText(/^İşarələnmiş kameralar: \d+/).waitFor();
    const table = shell.main.getByRole('table', {
      name: az.space.captionFor.replace('{{institution}}', 'PILOT-1 · 1 nömrəli Cəzaçəkmə Müəssisəsi'),
    });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // The governor works in PILOT-1 only: block B (30 m² for 8 people) is below 4 m² each.
    expect(await shell.main.getByRole('heading', { level: 2, name: /PILOT-2|PILOT-W/ }).count()).toBe(0);
    const b1 = table.getByRole('row', { name: /B-001/ });
    expect(await b1.getByText(az.spaceProblems.below_shared_minimum).isVisible()).toBe(true);
    await checkPage(page, 'az-living-space');

    // From the list to the cell in its institution.
    await b1.getByRole('link', { name: 'B-001' }).click();
    await shell.h1('PILOT-1 · 1 nömrəli Cəzaçəkmə Müəssisəsi', { exact: true }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id.startsWith('cell-'));
    await checkPage(page, 'az-institution-cell');

    // The same cells are on the governor's worklist, each a link to the cell.
    await shell.nav.getByRole('link', { name: azCommon.nav.home, exact: true }).click();
    const heading = shell.main.getByRole('heading', {
      level: 2,
      name: new RegExp(`^${literal(az.worklist.cell_below_space_standard)}`),
    });
    await heading.waitFor();
    expect(await shell.main.getByRole('link', { name: 'PILOT-1 · B-001' }).isVisible()).toBe(true);
    await checkPage(page, 'az-governor-home');
    expect(enCommon.home.empty).toBe('No tasks are due.');
  });
});
