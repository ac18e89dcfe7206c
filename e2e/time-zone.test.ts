/**
 * Issue 14 (items 1 and 10), with the browser in UTC (the other files run it in New York): the
 * registry officer's home page groups the worklist by kind and institution with counts, shows a few
 * items of each and "Show all" to the full list, paged; every time is the institution's (Asia/Baku),
 * and the navigation says so. axe-core runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { test as base, checkPage } from './fixtures.ts';
import { enCommon as common, enRegistry as registry } from './locales.ts';
import { literal } from './pages/shell.ts';
import { bakuTime, timeIn } from './pages/time.ts';

const test = base.extend('browserTimeZone', { scope: 'file' }, async (): Promise<string> => 'UTC');

interface Answer {
  items: {
    kind: string;
    subjectId: string;
    since: string | null;
    institutionId: string | null;
    timeZone: string;
  }[];
  groups: { module: string; kind: string; institutionId: string | null; count: number }[];
}

describe('one time zone, and a home page that scales (browser in UTC)', () => {
  test('the registry officer’s worklist: groups with counts, five items each, times in Asia/Baku', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    await shell.h1(common.home.title, { exact: true }).waitFor();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    // The navigation says in which zone times are.
    await shell.nav
      .getByText(common.app.timeZone.replace('{{zone}}', 'Asia/Baku'), { exact: true })
      .waitFor();

    const answer = (await api.get('/api/v1/worklist?perGroup=5')).json<Answer>();
    const cells = answer.groups
      .filter((g) => g.kind === 'cell_below_space_standard')
      .sort((a, b) => b.count - a.count)[0];
    if (!cells) throw new Error('the demo data has no cell below the living-space standard');
    expect(cells.count).toBeGreaterThan(5);
    // The officer works in three prisons: each group names its institution, with its count.
    const section = shell.main.getByRole('region', {
      name: new RegExp(
        `^${literal(registry.worklist.cell_below_space_standard)} · PILOT-\\S+ \\(${cells.count}\\)$`,
      ),
    });
    await section.first().waitFor();
    expect(await section.first().getByRole('listitem').count()).toBe(5);

    // A person in transit for over 24 hours: since when, in Baku time, not the browser's UTC.
    const transit = answer.items.find((i) => i.kind === 'in_transit_over_24h' && i.since);
    if (!transit?.since) throw new Error('the demo data has nobody in transit for over 24 hours');
    expect(transit.timeZone).toBe('Asia/Baku');
    const line = shell.main
      .getByRole('listitem')
      .filter({ hasText: bakuTime(transit.since) })
      .first();
    await line.waitFor();
    expect(await line.textContent()).not.toContain(timeIn(transit.since, 'UTC'));
    await checkPage(page, 'tz-home');

    // "Show all" leads to the full list of that kind and institution, a page at a time.
    await section
      .first()
      .getByRole('link', {
        name: new RegExp(`^${literal(common.home.showAll.split('{{')[0] ?? '')}${cells.count}`),
      })
      .click();
    await page.waitForURL(/\/worklist\?/);
    const shownText = (shown: number) =>
      common.home.shown.replace('{{shown}}', String(shown)).replace('{{n}}', String(cells.count));
    await shell.main.getByText(shownText(Math.min(50, cells.count)), { exact: true }).waitFor();
    if (cells.count > 50) {
      await shell.main.getByRole('button', { name: common.home.more, exact: true }).click();
      await shell.main.getByText(shownText(Math.min(100, cells.count)), { exact: true }).waitFor();
    }
    await checkPage(page, 'tz-full-list');
    await shell.signOut();
  });
  test('the inspector (national scope): the same kinds grouped per institution, each with its count and at most five items', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('inspector', 'en');
    await shell.h1(common.home.title, { exact: true }).waitFor();
    const answer = (await api.get('/api/v1/worklist?perGroup=5')).json<Answer>();
    expect(answer.groups.length).toBeGreaterThan(0);
    const total = answer.groups.reduce((n, g) => n + g.count, 0);
    await shell.main.getByText(common.home.count.replace('{{n}}', String(total)), { exact: true }).waitFor();
    const sections = shell.main.getByRole('region');
    expect(await sections.count()).toBe(answer.groups.length);
    for (let i = 0; i < answer.groups.length; i++) {
      expect(await sections.nth(i).getByRole('listitem').count()).toBeLessThanOrEqual(5);
    }
    await checkPage(page, 'tz-inspector-home');
    await shell.signOut();
  });
});
