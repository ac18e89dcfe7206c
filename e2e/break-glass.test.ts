/**
 * Break the glass in the browser: a doctor opens, with a reason, the record of a person held in an
 * institution outside their own; the health manager reviews the access afterwards.
 */
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { expectNoSeriousA11yViolations } from './harness.ts';

interface PersonItem {
  id: string;
  prisonNumber: string;
  status: string;
  institution: { code: string } | null;
}

const REASON = 'Collapsed during transfer, own doctor cannot be reached';
const NOTE = 'Checked with the duty doctor: the access was justified.';

/** A person held in PILOT-2 (outside demo.doctor's institution), found by the national inspector. */
let person: PersonItem;

describe('break the glass', () => {
  test('the inspector (national scope) finds a person held in PILOT-2', async ({
    api,
    shell,
    signedInAs,
  }) => {
    await signedInAs('inspector');
    const response = await api.get('/api/v1/persons?limit=100');
    expect(response.ok).toBe(true);
    const { items } = response.json<{ items: PersonItem[] }>();
    const found = items.find((p) => p.institution?.code === 'PILOT-2' && p.status === 'in_custody');
    expect(found).toBeDefined();
    person = found as PersonItem;
    await shell.signOut();
  });

  test('a doctor of PILOT-1 cannot open that person, then breaks the glass with a reason and sees the expiry', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    const before = await api.get(`/api/v1/persons/${person.id}`);
    expect(before.ok).toBe(false);

    await shell.navigate('Break the glass', 'Break the glass: emergency access');
    await page.getByText('For emergencies only').waitFor();
    await expectNoSeriousA11yViolations(page);

    // The shared schema is checked before sending: a short reason is refused with a message.
    await page.getByRole('textbox', { name: /^Prison number/ }).fill(person.prisonNumber);
    await page.getByRole('textbox', { name: /^Reason/ }).fill('Chest pain');
    await page.getByRole('button', { name: 'Break the glass' }).click();
    await page.getByText('Describe the reason in at least 20 characters.').waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('textbox', { name: /^Reason/ }).fill(REASON);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/break-glass') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Break the glass' }).click(),
    ]);
    expect(answer.status()).toBe(201);
    const granted = page.getByRole('status').filter({ hasText: 'Emergency access granted' });
    await granted.getByText(/You can open this person’s record until \d\d\/\d\d\/\d{4}/).waitFor();
    const link = granted.getByRole('link', { name: 'Open the person’s record' });
    expect(await link.getAttribute('href')).toBe(`/registry/persons/${person.id}`);
    await expectNoSeriousA11yViolations(page);

    // The grant opens the person's record on the server.
    const after = await api.get(`/api/v1/persons/${person.id}`);
    expect(after.status).toBe(200);
    await shell.signOut();
  });

  test('the health manager sees the access on the review list and marks it reviewed', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('health-manager', 'en');
    await shell.navigate('Break-the-glass review');
    const item = page.getByRole('listitem').filter({ hasText: REASON });
    await item.waitFor();
    expect(await item.getByRole('heading', { name: /demo\.doctor/ }).isVisible()).toBe(true);
    expect(await item.getByRole('link', { name: person.prisonNumber }).getAttribute('href')).toBe(
      `/registry/persons/${person.id}`,
    );
    await expectNoSeriousA11yViolations(page);

    await item.getByRole('textbox', { name: /^Review note/ }).fill(NOTE);
    await item.getByRole('button', { name: 'Mark reviewed' }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByText('No emergency access awaits review.').waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('switch', { name: 'Show reviewed accesses too' }).check();
    const reviewed = page.getByRole('listitem').filter({ hasText: REASON });
    await reviewed.getByText(NOTE).waitFor();
    await reviewed.getByText(/^demo\.health-manager, /).waitFor();
    expect(await reviewed.getByRole('button', { name: 'Mark reviewed' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await shell.signOut();
  });
});
