import {
  breakGlassGrantSchema,
  breakGlassPageSchema,
  breakGlassRequestSchema,
  breakGlassReviewSchema,
  changePasswordSchema,
  enrolmentSchema,
  languageChangeSchema,
  okSchema,
  oneTimePasswordSchema,
  pageQuerySchema,
  pageSchema,
  permissionCatalogue,
  recoveryCodesSchema,
  roleCatalogueSchema,
  rolePermissions,
  roles,
  sessionSchema,
  signedOutOthersSchema,
  signInAnswerSchema,
  signInSchema,
  twoFactorSchema,
  userCreatedSchema,
  userCreateSchema,
  userSchema,
  userUpdateSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, routeConfig as route } from '../../platform/http/routes.ts';
import { compiledResponse } from '../../platform/http/serializer.ts';
import type { Services } from '../../services.ts';
import {
  clearSessionCookie,
  PENDING_COOKIE,
  requestContext,
  SESSION_COOKIE,
  setSessionCookie,
} from './auth.ts';
import { callerOf } from './caller.ts';
import type { Actor } from './service.ts';

export function sessionBody(actor: Actor, timeZone: string) {
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      roles: actor.roles,
      permissions: [...actor.permissions].sort(),
      institutionIds: actor.institutionIds,
      national: actor.national,
      language: actor.language,
      twoFactorEnabled: actor.twoFactorEnabled,
      twoFactorEnrolmentRequired: actor.twoFactorEnrolmentRequired,
      mustChangePassword: actor.mustChangePassword,
    },
    csrfToken: actor.csrfToken,
    timeZone,
  };
}

const ok = okSchema;

export function identityRoutes(services: Services): FastifyPluginAsyncZod {
  const { identity } = services;
  const production = services.config.production;
  const tags = ['identity'];
  const signInLimit = { max: services.config.signInPerMinute, timeWindow: '1 minute' };

  return async (app) => {
    app.post(
      '/api/v1/auth/sign-in',
      {
        config: { ...route('public'), dataClass: 'account', rateLimit: signInLimit },
        schema: {
          tags,
          summary: 'Sign in with username and password',
          body: signInSchema,
          response: { 200: signInAnswerSchema },
        },
      },
      async (request, reply) => {
        const result = await identity.signIn(
          request.body.username,
          request.body.password,
          requestContext(request),
        );
        if (result.kind === 'two_factor_required') {
          reply.setCookie(PENDING_COOKIE, result.token, {
            httpOnly: true,
            sameSite: 'strict',
            secure: production,
            path: '/api/v1/auth',
            maxAge: 300,
          });
          return { twoFactorRequired: true as const };
        }
        setSessionCookie(reply, result.token, production);
        return sessionBody(result.actor, services.config.timeZone);
      },
    );

    app.post(
      '/api/v1/auth/two-factor',
      {
        config: { ...route('public'), dataClass: 'account', rateLimit: signInLimit },
        schema: {
          tags,
          summary: 'Second sign-in step: authenticator or recovery code',
          body: twoFactorSchema,
          response: { 200: sessionSchema },
        },
      },
      async (request, reply) => {
        const result = await identity.twoFactor(
          request.cookies[PENDING_COOKIE],
          request.body.code,
          requestContext(request),
        );
        reply.clearCookie(PENDING_COOKIE, { path: '/api/v1/auth' });
        setSessionCookie(reply, result.token, production);
        return sessionBody(result.actor, services.config.timeZone);
      },
    );

    app.post(
      '/api/v1/auth/sign-out',
      {
        config: route('authenticated'),
        schema: { tags, summary: 'Sign out (ends the session on the server)', response: { 200: ok } },
      },
      async (request, reply) => {
        await identity.signOut(callerOf(request).user, requestContext(request));
        clearSessionCookie(reply);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/v1/auth/session',
      {
        config: route('authenticated'),
        schema: {
          tags,
          summary: 'The signed-in user and the CSRF token',
          response: { 200: compiledResponse(sessionSchema) },
        },
      },
      async (request) => sessionBody(callerOf(request).user, services.config.timeZone),
    );

    app.post(
      '/api/v1/account/password',
      {
        config: route('authenticated'),
        schema: { tags, summary: 'Change my password', body: changePasswordSchema, response: { 200: ok } },
      },
      async (request) => {
        await identity.changePassword(
          callerOf(request).user,
          request.body.currentPassword,
          request.body.newPassword,
          requestContext(request),
        );
        return { ok: true as const };
      },
    );

    app.post(
      '/api/v1/account/sign-out-others',
      {
        config: route('authenticated'),
        schema: {
          tags,
          summary: 'Sign out my other sessions',
          response: { 200: signedOutOthersSchema },
        },
      },
      async (request) => ({
        ended: await identity.signOutOtherSessions(callerOf(request).user, requestContext(request)),
      }),
    );

    app.put(
      '/api/v1/account/language',
      {
        config: route('authenticated'),
        schema: {
          tags,
          summary: 'Remember my language',
          body: languageChangeSchema,
          response: { 200: ok },
        },
      },
      async (request) => {
        await identity.setLanguage(callerOf(request).user, request.body.language, requestContext(request));
        return { ok: true as const };
      },
    );

    app.post(
      '/api/v1/account/two-factor/enrolment',
      {
        config: route('authenticated'),
        schema: {
          tags,
          summary: 'Start two-factor enrolment (secret and QR code)',
          response: { 200: enrolmentSchema },
        },
      },
      async (request) => identity.startTwoFactorEnrolment(callerOf(request).user, requestContext(request)),
    );

    app.post(
      '/api/v1/account/two-factor/confirm',
      {
        config: route('authenticated'),
        schema: {
          tags,
          summary: 'Confirm two-factor enrolment with a first code; returns ten recovery codes once',
          body: twoFactorSchema,
          response: { 200: recoveryCodesSchema },
        },
      },
      async (request) => ({
        recoveryCodes: await identity.confirmTwoFactor(
          callerOf(request).user,
          request.body.code,
          requestContext(request),
        ),
      }),
    );

    app.get(
      '/api/v1/users',
      {
        config: route('identity.user.read'),
        schema: {
          tags,
          summary: 'User accounts',
          querystring: pageQuerySchema.extend({ q: z.string().trim().max(64).optional() }),
          response: { 200: pageSchema(userSchema) },
        },
      },
      async (request) => identity.listUsers(request.query),
    );

    app.post(
      '/api/v1/users',
      {
        config: route('identity.user.manage'),
        schema: {
          tags,
          summary: 'Create a user account (answers a one-time password)',
          body: userCreateSchema,
          response: { 201: userCreatedSchema },
        },
      },
      async (request, reply) => {
        const actor = callerOf(request).audit;
        const created = await identity.createUser(actor, request.body);
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/v1/users/:id',
      {
        config: route('identity.user.read'),
        schema: { tags, summary: 'One user account', params: idParams, response: { 200: userSchema } },
      },
      async (request) => identity.getUser(request.params.id),
    );

    app.patch(
      '/api/v1/users/:id',
      {
        config: route('identity.user.manage'),
        schema: {
          tags,
          summary: 'Change roles, institutions, name or active state (optimistic concurrency by version)',
          params: idParams,
          body: userUpdateSchema,
          response: { 200: userSchema },
        },
      },
      async (request) => {
        const actor = callerOf(request).audit;
        return identity.updateUser(actor, request.params.id, request.body);
      },
    );

    app.post(
      '/api/v1/users/:id/password-reset',
      {
        config: route('identity.user.manage'),
        schema: {
          tags,
          summary: 'Reset a password (answers a one-time password; ends the user’s sessions)',
          params: idParams,
          response: { 200: oneTimePasswordSchema },
        },
      },
      async (request) => {
        const actor = callerOf(request).audit;
        return { oneTimePassword: await identity.resetPassword(actor, request.params.id) };
      },
    );

    app.post(
      '/api/v1/users/:id/two-factor-reset',
      {
        config: route('identity.user.manage'),
        schema: {
          tags,
          summary:
            'Switch off two-factor sign-in for a user who lost phone and recovery codes (ends their sessions)',
          params: idParams,
          response: { 200: ok },
        },
      },
      async (request) => {
        const actor = callerOf(request).audit;
        await identity.resetTwoFactor(actor, request.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/v1/break-glass',
      {
        config: route('record.break_glass'),
        schema: {
          tags,
          summary:
            'Break the glass: reach a person outside my scope, with a stated reason, for a limited time',
          body: breakGlassRequestSchema,
          response: { 201: breakGlassGrantSchema },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const grant = await services.breakGlass.open(caller.user, caller.audit, request.body);
        return reply.status(201).send(grant);
      },
    );

    app.get(
      '/api/v1/break-glass',
      {
        config: route('audit.break_glass.review'),
        schema: {
          tags,
          summary: 'Break-the-glass accesses, those awaiting review first',
          querystring: pageQuerySchema.extend({ status: z.enum(['pending', 'all']).default('pending') }),
          response: { 200: breakGlassPageSchema },
        },
      },
      async (request) =>
        services.breakGlass.list({
          pending: request.query.status === 'pending',
          limit: request.query.limit,
          cursor: request.query.cursor,
        }),
    );

    app.post(
      '/api/v1/break-glass/:id/review',
      {
        config: route('audit.break_glass.review'),
        schema: {
          tags,
          summary: 'Mark a break-the-glass access as reviewed',
          params: idParams,
          body: breakGlassReviewSchema,
          response: { 200: ok },
        },
      },
      async (request) => {
        const auditActor = callerOf(request).audit;
        await services.breakGlass.review(auditActor, request.params.id, request.body.note);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/v1/roles',
      {
        config: route('identity.role.read'),
        schema: {
          tags,
          summary: 'Roles and the permissions each grants',
          response: { 200: roleCatalogueSchema },
        },
      },
      async () => ({
        roles: roles.map((role) => ({ role, permissions: rolePermissions[role] })),
        permissions: Object.entries(permissionCatalogue).map(([permission, { dataClass }]) => ({
          permission,
          dataClass,
        })),
      }),
    );
  };
}

export { SESSION_COOKIE };
