import * as z from 'zod/mini';

/**
 * The two sign-in bodies, built with zod's small build so the sign-in page (the first download, on
 * an old PC over a slow prison network) does not carry the whole of zod: the web imports this file
 * alone (`@custodia/domain/identity/sign-in`); the server validates with the same objects.
 */
export const signInSchema = z.object({
  username: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});

export const twoFactorSchema = z.object({
  code: z.pipe(
    z.string().check(z.trim(), z.minLength(6), z.maxLength(32)),
    z.transform((v: string) => v.replace(/[\s-]/g, '')),
  ),
});
