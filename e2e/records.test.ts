/**
 * Issue 14, items 2 and 5, in the browser: records show what was recorded, and signing is a
 * decision. The officer opens a restraint episode and finds the person (name, prison number, cell)
 * and the observation note with its answers, its words and who wrote it; the doctor finds the note
 * to sign on the worklist, opens it, is asked to confirm what is signed, cancels once, then signs.
 * axe-core runs on every page visited (checkPage).
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enClinical, enRestraint } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { EncounterPage } from './pages/encounter.ts';
import { EpisodePage } from './pages/episode.ts';
import { Worklist } from './pages/worklist.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
});

const stamp = Date.now().toString(36).toUpperCase();
const person = { surname: 'Rəhimov', given: 'Elşən', prisonNumber: `REC-${stamp}`, id: '' };
const NOTE = `Sitting quietly on the bench (${stamp})`;
let pilot1 = '';
let episodeId = '';
let encounterId = '';

describe('records that show what was recorded; signing as a decision', () => {
  test('set-up: a person admitted to PILOT-1, placed in a cell, secluded, and observed with a note', async ({
    api,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    pilot1 = await institutionId(api, 'PILOT-1');
    person.id = await admitThroughApi(api, pilot1, {
      surname: person.surname,
      given: person.given,
      birthDate: '1986-07-21',
      prisonNumber: person.prisonNumber,
      admittedAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-${person.prisonNumber}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Aynur Rəhimova', relation: 'bacı', phone: '+994 50 111 22 44' },
    });
    const detail = (await api.get(`/api/v1/institutions/${pilot1}`)).json<{
      units: {
        cells: { id: string; code: string; cellType: string; occupants: number; certifiedCapacity: number }[];
      }[];
    }>();
    const cells = detail.units.flatMap((u) => u.cells);
    const home = cells.find((c) => c.cellType === 'ordinary' && c.occupants < c.certifiedCapacity);
    const placed = await api.post(`/api/v1/persons/${person.id}/events`, {
      type: 'placement',
      occurredAt: new Date(Date.now() - 4 * 3_600_000).toISOString(),
      cellId: home?.id,
    });
    expect(placed.status, placed.body).toBe(201);
    await shell.signOut();

    await signedInAs('officer', 'en');
    const staff = (await api.get(`/api/v1/staff?institutionId=${pilot1}&limit=5`)).json<{
      items: { id: string }[];
    }>();
    const safe = cells.filter((c) => c.cellType === 'safe').at(-1);
    const started = await api.post(`/api/v1/persons/${person.id}/restraint-episodes`, {
      types: ['seclusion'],
      cellId: safe?.id,
      inViewOfOthers: false,
      startedAt: new Date(Date.now() - 6 * 60_000).toISOString(),
      authorisation: { kind: 'emergency_start' },
      harm: 'harm_to_others',
      harmDescription: 'Threatening an officer',
      lessRestrictiveTried: ['verbal_de_escalation'],
      lessRestrictiveDescription: 'Talked down at the door',
      personPreferences: 'None stated',
      appliedBy: [staff.items[0]?.id],
      supervisorId: staff.items[1]?.id,
      supervisionPosition: 'doorway',
    });
    expect(started.status, started.body).toBe(201);
    episodeId = started.json<{ id: string }>().id;
    const observed = await api.post(`/api/v1/restraint-episodes/${episodeId}/observations`, {
      at: new Date(Date.now() - 60_000).toISOString(),
      breathing: 'normal',
      limbCirculation: 'not_applicable',
      hydrationOffered: true,
      toiletNeeds: 'not_needed',
      mentalState: 'calm',
      stillNeeded: true,
      note: NOTE,
    });
    expect(observed.status, observed.body).toBe(201);
  });

  test('the officer’s episode page names the person and shows the observation note with its author', async ({
    page,
    server,
    shell,
  }) => {
    const episode = new EpisodePage(shell);
    await episode.open(`${server.url}/restraint/episodes/${episodeId}`);
    const card = episode.personCard(`${person.surname} ${person.given}`);
    await card.waitFor();
    await card.getByText(person.prisonNumber).waitFor();
    await card.getByText(`${enRestraint.record.cell}:`, { exact: false }).waitFor();
    const observation = episode.entries(new RegExp(enRestraint.episode.kinds.observation)).first();
    await observation.getByText(NOTE).waitFor();
    const text = await observation.textContent();
    expect(text).toContain(`${enRestraint.observation.mentalState}:${enRestraint.observation.values.calm}`);
    expect(text).toContain('Recorded by Demo · Custodial officer, Custodial officer');
    await checkPage(page, 'records-episode-officer');
    await shell.signOut();
  });

  test('the doctor finds the note to sign on the worklist, is asked to confirm, cancels, then signs', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    const created = await api.post(`/api/v1/persons/${person.id}/encounters`, {
      type: 'routine',
      startedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      personsPresent: [{ kind: 'clinician', name: 'Demo Doctor', sex: null }],
      subjective: 'Seen after the seclusion: no complaints.',
      objective: 'Calm, oriented; no injuries seen.',
    });
    expect(created.status, created.body).toBe(201);
    encounterId = created.json<{ id: string }>().id;

    await shell.goto('/');
    const worklist = new Worklist(shell);
    const notes = worklist.group(new RegExp(`^${enClinical.worklist.encounter_signature} \\(\\d+\\)$`));
    await notes.waitFor();
    await checkPage(page, 'records-worklist-doctor');
    await notes.getByRole('link', { name: new RegExp(person.prisonNumber) }).click();
    await page.waitForURL(new RegExp(`/clinical/encounters/${encounterId}$`));

    const encounter = new EncounterPage(shell);
    let confirmation = await encounter.askToSign();
    expect(await confirmation.textContent()).toContain(person.prisonNumber);
    await checkPage(page, 'records-sign-confirmation');
    await confirmation.getByRole('button', { name: enClinical.signConfirm.cancel, exact: true }).click();
    await confirmation.waitFor({ state: 'hidden' });
    const stillDraft = (await api.get(`/api/v1/encounters/${encounterId}`)).json<{ status: string }>();
    expect(stillDraft.status).toBe('draft');

    confirmation = await encounter.askToSign();
    await encounter.confirmSign();
    const signed = (await api.get(`/api/v1/encounters/${encounterId}`)).json<{ status: string }>();
    expect(signed.status).toBe('signed');
    await checkPage(page, 'records-signed');
    await shell.signOut();
  });
});
