/**
 * The registry officer with a released person (issue 4, ADM-3): adds the person's photo (stored
 * through the file storage, type read from the bytes, shown back through the scope-checked photo
 * route), then admits them again from their person page — the same person, a new custody episode
 * with the whole Mandela rule 7 record, the earlier episode still in the history. In English, with
 * axe-core on each page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { expectNoSeriousA11yViolations } from './harness.ts';
import { enRegistry as en } from './locales.ts';
import { AdmissionForm } from './pages/admission.ts';
import { PersonPage } from './pages/person.ts';

/** A real 1×1 PNG, so that the browser can draw it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A `datetime-local` value for an instant in Asia/Baku (UTC+4, no summer time): the pilots' zone. */
const bakuInput = (date: Date) => new Date(date.getTime() + 4 * 3_600_000).toISOString().slice(0, 16);

interface Found {
  id: string;
  prisonNumber: string;
  status: string;
}

describe('re-admission and the photo, in the browser', () => {
  test('the registry officer adds a photo to a released person, then admits them again as the same person', async ({
    api,
    page,
    server,
    shell,
    signedInAs,
  }) => {
    const main = () => shell.main;
    await signedInAs('registry-officer', 'en');

    // A released person of the demo data (released at least two days ago).
    const found = (await api.get('/api/v1/persons?limit=200')).json<{ items: Found[] }>();
    const released = found.items.find((p) => p.status === 'released');
    expect(released, 'a released person in the demo data').toBeDefined();
    const person = new PersonPage(shell);
    await person.open(released!.id);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    const name = (await heading.textContent()) ?? '';
    await main().getByText(en.photo.none, { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page);

    // The photo: sent as it is, shown back with its alt text.
    const upload = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/persons/${released!.id}/photo`) && r.request().method() === 'PUT',
    );
    await main().locator('input[type="file"]').setInputFiles({
      name: 'face.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    expect((await upload).status()).toBe(201);
    const img = main().getByRole('img', { name: en.photo.alt.replace('{{name}}', name) });
    await img.waitFor();
    await expect
      .poll(() =>
        img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth),
      )
      .toBe(1);

    // A text file that claims to be a JPEG is refused, in words, and the photo stays.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-e2e-photo-'));
    const fake = path.join(dir, 'notes.jpg');
    fs.writeFileSync(fake, 'not a photo at all');
    await main().locator('input[type="file"]').setInputFiles(fake);
    await main().getByText(en.photo.wrongType).waitFor();
    expect(await img.isVisible()).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });

    // Admit again, from the person page: the same form, the identity read-only.
    await main().getByRole('link', { name: en.person.readmit, exact: true }).click();
    await shell.h1(en.readmit.title, { exact: true }).waitFor();
    const form = new AdmissionForm(shell);
    const number = form.field(en.fields.prisonNumber);
    await expect.poll(() => number.inputValue()).toBe(released!.prisonNumber);
    expect(await number.getAttribute('readonly')).not.toBeNull();

    const institution = form.field(en.fields.institution);
    const values = await institution
      .locator('option')
      .evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value).filter(Boolean));
    await institution.selectOption(values[0]!);
    await form.field(en.fields.legalStatus).selectOption('remand');
    await form.field(en.fields.commitmentOrderReference).fill('QƏR-2026-E2E');
    await form.field(en.fields.issuingAuthority).fill('Bakı Ağır Cinayətlər Məhkəməsi');
    await form.field(en.fields.legalBasis).fill('CM 186.1');
    await form.field(en.fields.arrestedAt).fill(bakuInput(new Date(Date.now() - 86_400_000)));
    await form.field(en.fields.arrestPlace).fill('Bakı');
    await form.field(en.fields.visibleInjuries).fill('None');
    await form.field(en.fields.illTreatmentComplaints).fill('None');
    await form.field(en.fields.propertySummary).fill('Clothes, a watch');
    await form.field(en.fields.contactName).fill('Aygün');
    await form.field(en.fields.contactRelation).fill('Sister');
    await form.field(en.fields.contactPhone).fill('+994 50 555 55 55');
    await expectNoSeriousA11yViolations(page);
    await main().getByRole('button', { name: en.admit.submit, exact: true }).click();

    // Back on the same person: in custody again, both episodes in the history.
    await page.waitForURL(`${server.url}/registry/persons/${released!.id}`);
    await main().getByText(en.person.admitted).waitFor();
    // The history shows the new admission once it has reloaded: wait for it, not for the old rows.
    await expect
      .poll(async () => (await person.eventTypes(en.history.caption)).filter((t) => t === 'admission'))
      .toHaveLength(2);
    const types = await person.eventTypes(en.history.caption);
    expect(types).toContain('release');
    expect(types.at(-1)).toBe('admission');
    expect(await main().getByText(en.statuses.in_custody).first().isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);
  });
});
