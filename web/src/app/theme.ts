import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Custodia's theme. Shades are chosen for WCAG AA contrast on white (filled buttons use shade 8;
 * secondary text is gray 7, not Mantine's lighter default), and focus rings always show on
 * keyboard focus.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 5 },
  focusRing: 'auto',
  autoContrast: true,
  // Someone who asked their system for less motion gets dialogs and menus without animation.
  respectReducedMotion: true,
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
});

/**
 * Field errors in a red dark enough to read. Lighter "light variant" backgrounds (shade 0, hover 1
 * instead of 1 and 2), so that text in shade 9 keeps a 4.5:1 contrast on them, also under the mouse
 * (active navigation link, light buttons, alerts).
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Field errors in red 8, not Mantine's red 6 (3.6:1 on white): 4.5:1 at small sizes.
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  };
  for (const name of Object.keys(resolved.colors)) {
    light[`--mantine-color-${name}-light`] = `var(--mantine-color-${name}-0)`;
    light[`--mantine-color-${name}-light-hover`] = `var(--mantine-color-${name}-1)`;
  }
  return { variables: {}, light, dark: {} };
};
