import type { RouteObject } from 'react-router';

/** One entry in the navigation bar. */
export interface NavEntry {
  /** Where it leads, e.g. `/medication/rounds`. */
  to: string;
  /** The translation key of its label, with its namespace: `medication:nav.rounds`. */
  labelKey: string;
}

/**
 * What a module of the web app contributes to the shell. Its pages live in one lazily loaded
 * chunk (`modules/<module>/pages.ts`), so the routes here use `lazy`, never a direct import.
 */
export interface AppModule {
  /** The module's name, as in PRODUCT.md (and its locale namespace). */
  name: string;
  nav: NavEntry[];
  /** Routes under the shell, with paths starting with the module's name: `medication/...`. */
  routes: RouteObject[];
}
