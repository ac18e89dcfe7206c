import type { WorklistItem } from '@custodia/domain/worklist';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { RouteObject, UIMatch } from 'react-router';
import type { Access } from './session.ts';

/**
 * The namespace of a translation key written with its namespace (`registry:nav.persons` →
 * `registry`): the shell loads it before it shows a module's label.
 */
export function keyNamespace(key: string): string {
  return key.split(':')[0] ?? key;
}

/** One entry in the navigation bar. */
export interface NavEntry {
  /** Where it leads, e.g. `/medication/rounds`. */
  to: string;
  /** The translation key of its label, with its namespace: `medication:nav.rounds`. */
  labelKey: string;
  /**
   * The permission a user needs to see the entry (as in `user.permissions`); `public` shows it to
   * everyone, also before sign-in. Default: `authenticated`, any signed-in user.
   */
  permission?: Access;
}

/**
 * What a route declares in its `handle`: the permission needed to open it. Without one a page needs
 * only a signed-in user; `public` opens it before sign-in. A user who lacks the permission sees the
 * "not allowed" page (the server refuses the data anyway: this only spares them a broken page).
 *
 * `{ path: 'medication/rounds', handle: { permission: 'medication.round.read' }, lazy: … }`
 */
export interface RouteHandle {
  permission?: Access;
}

/** The permission the deepest matched route declares (`authenticated` when none does). */
export function requiredAccess(matches: readonly UIMatch[]): Access {
  for (let i = matches.length - 1; i >= 0; i--) {
    const permission = (matches[i]?.handle as RouteHandle | undefined)?.permission;
    if (permission) return permission;
  }
  return 'authenticated';
}

/** One item of `GET /api/v1/worklist`: something due or overdue, from one module. */
export type { WorklistItem } from '@custodia/domain/worklist';

/**
 * What a module of the web app contributes to the shell. Its pages live in one lazily loaded
 * chunk (`modules/<module>/<module>.pages.ts`), so the routes here use `lazy`, never a direct import.
 */
export interface AppModule {
  /** The module's name, as in PRODUCT.md (and its locale namespace). */
  name: string;
  /**
   * The locale namespaces its pages use (its own and those of other modules' labels it shows), loaded
   * in the current language before any of its pages renders (ADR 0023). Default: `[name]`.
   */
  namespaces?: string[];
  nav: NavEntry[];
  /**
   * Routes under the shell, with paths starting with the module's name: `medication/...`. Each
   * declares in `handle` (a RouteHandle) the permission it needs.
   */
  routes: RouteObject[];
  /**
   * Where one of the module's worklist items leads (the home page links it there); its kind is
   * shown as the translation `<module>:worklist.<kind>`.
   */
  worklistLink?: (item: WorklistItem) => string | null;
  /**
   * Tabs the module adds to a person's page, after the registry's custodial summary (issue 4). Each
   * is shown only to users with its permission, and its component is loaded (and its data read and
   * audited) only when the tab is opened.
   */
  personTabs?: PersonTab[];
}

/** What a person tab's component is given. */
export interface PersonTabProps {
  personId: string;
}

/** One tab on the person page, contributed by a module. */
export interface PersonTab {
  /** Unique across modules; it also names the tab in the address (`?tab=medical-record`). */
  key: string;
  /** The translation key of its label, with its namespace: `clinical:tabs.record`. */
  labelKey: string;
  /** The permission a user needs to see the tab (the server refuses the data anyway). */
  permission: Access;
  /** The tab's content, from the module's lazily loaded chunk: `lazy(() => import(…))`. */
  component: LazyExoticComponent<ComponentType<PersonTabProps>>;
}
