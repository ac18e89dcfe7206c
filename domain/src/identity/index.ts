/**
 * Data classes (PRODUCT.md, "Confidentiality is the spine of the design"; STANDARDS X-3, MED-1).
 * Every route declares the class of data it touches. `public` is for what anyone may read without
 * signing in (the health probe, the API description, the web app itself).
 */
export const dataClasses = [
  'public',
  'custodial',
  'health_alert',
  'clinical',
  'restricted_clinical',
  'aggregate',
] as const;
export type DataClass = (typeof dataClasses)[number];

/**
 * Named capabilities. A route declares exactly one. `public` needs no sign-in; everything else
 * needs a session whose roles grant the permission (the identity module adds those names).
 */
export const permissions = ['public'] as const;
export type Permission = (typeof permissions)[number];
