import path from 'node:path';
import { BREAK_GLASS_DEFAULT_PER_DAY, isValidTimeZone } from '@custodia/domain';
import { ConfigError } from './errors.ts';

export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string } // file may be ':memory:'
  | { dialect: 'postgresql'; url: string };

export interface Config {
  database: DatabaseTarget;
  port: number;
  host: string;
  timeZone: string;
  production: boolean;
  webDir: string | undefined;
  bodyLimitBytes: number;
  backupKey: string | undefined;
  /** Sign-in attempts allowed per client address per minute (on each replica). */
  signInPerMinute: number;
  /** How long break-glass access lasts, in minutes. */
  breakGlassMinutes: number;
  /** Break-the-glass requests allowed per user in 24 hours; more are refused and flagged for review. */
  breakGlassPerDay: number;
  /** Which reverse proxies may set X-Forwarded-For: false (none), or addresses/CIDRs, e.g. 127.0.0.1. */
  trustProxy: false | string[];
  /** Where binary files (photos, documents) are kept: CUSTODIA_STORAGE_DIR, default ./data/files. */
  storageDir: string;
  /** A request slower than this (ms) is logged at info level; the others at debug. */
  slowRequestMs: number;
  /**
   * How long a replica keeps what the session gate read (CUSTODIA_SESSION_CACHE_SECONDS, default 5;
   * 0 reads every request from the database). Changes are forgotten at once (ADR 0032).
   */
  sessionCacheMs: number;
  /**
   * Live board streams (Server-Sent Events): open at once per session (CUSTODIA_LIVE_STREAMS_PER_SESSION,
   * default 5) and on this server (CUSTODIA_LIVE_STREAMS_PER_SERVER, default 500), and how often open
   * streams check that their session still stands (CUSTODIA_LIVE_SESSION_CHECK_SECONDS, default 15).
   */
  liveStreams: { perSession: number; perServer: number; sessionCheckMs: number };
  /**
   * DAT-6: reports that leave the health service leave out counts below this
   * (CUSTODIA_SMALL_CELL_THRESHOLD, default 5: counts from 1 to 4). It may be raised, not lowered.
   */
  smallCellThreshold: number;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/custodia.db';
export const DEFAULT_STORAGE_DIR = './data/files';

/** Parses `CUSTODIA_DATABASE_URL`: `sqlite:PATH`, `sqlite::memory:`, or `postgres://` / `postgresql://`. */
export function parseDatabaseUrl(raw: string): DatabaseTarget {
  const url = raw.trim();
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file)
      throw new ConfigError(
        `CUSTODIA_DATABASE_URL "${raw}" names no file (expected sqlite:./data/custodia.db)`,
      );
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      const parsed = new URL(url);
      if (!parsed.hostname && !parsed.searchParams.get('host')) throw new Error('no host');
    } catch {
      throw new ConfigError(`CUSTODIA_DATABASE_URL "${redactUrl(raw)}" is not a valid PostgreSQL URL`);
    }
    return { dialect: 'postgresql', url };
  }
  throw new ConfigError(
    `CUSTODIA_DATABASE_URL "${redactUrl(raw)}" is not understood: use sqlite:./data/custodia.db or postgres://user@host:5432/db`,
  );
}

/** Removes a password from a URL before it is printed or logged. */
export function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`port "${raw}" is not a number from 0 to 65535`);
  return port;
}

function positiveInteger(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a whole number above 0`);
  return value;
}

function wholeNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new ConfigError(`${name} must be a whole number, 0 or more`);
  return value;
}

/** DAT-6: at least the default (counts from 1 to 4 left out), at most 100. */
function smallCellThreshold(raw: string | undefined): number {
  const value = positiveInteger(raw, 5, 'CUSTODIA_SMALL_CELL_THRESHOLD');
  if (value < 5 || value > 100)
    throw new ConfigError('CUSTODIA_SMALL_CELL_THRESHOLD must be a whole number from 5 to 100');
  return value;
}

export interface ConfigOverrides {
  port?: string;
  host?: string;
  production?: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const timeZone = env.CUSTODIA_TIME_ZONE || 'Asia/Baku';
  if (!isValidTimeZone(timeZone))
    throw new ConfigError(`CUSTODIA_TIME_ZONE "${timeZone}" is not a known time zone`);
  const bodyLimitMb = Number(env.CUSTODIA_BODY_LIMIT_MB || '1');
  if (!Number.isFinite(bodyLimitMb) || bodyLimitMb <= 0)
    throw new ConfigError('CUSTODIA_BODY_LIMIT_MB must be a positive number');
  return {
    database: parseDatabaseUrl(env.CUSTODIA_DATABASE_URL || DEFAULT_DATABASE_URL),
    port: parsePort(overrides.port ?? env.PORT, 3000),
    host: overrides.host || env.HOST || '127.0.0.1',
    timeZone,
    production: overrides.production ?? false,
    webDir: env.CUSTODIA_WEB_DIR || undefined,
    bodyLimitBytes: Math.round(bodyLimitMb * 1024 * 1024),
    backupKey: env.CUSTODIA_BACKUP_KEY || undefined,
    signInPerMinute: positiveInteger(env.CUSTODIA_SIGN_IN_PER_MINUTE, 10, 'CUSTODIA_SIGN_IN_PER_MINUTE'),
    breakGlassMinutes: positiveInteger(env.CUSTODIA_BREAK_GLASS_MINUTES, 60, 'CUSTODIA_BREAK_GLASS_MINUTES'),
    breakGlassPerDay: positiveInteger(
      env.CUSTODIA_BREAK_GLASS_PER_DAY,
      BREAK_GLASS_DEFAULT_PER_DAY,
      'CUSTODIA_BREAK_GLASS_PER_DAY',
    ),
    trustProxy: env.CUSTODIA_TRUST_PROXY
      ? env.CUSTODIA_TRUST_PROXY.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : false,
    storageDir: path.resolve(env.CUSTODIA_STORAGE_DIR || DEFAULT_STORAGE_DIR),
    slowRequestMs: positiveInteger(env.CUSTODIA_SLOW_REQUEST_MS, 500, 'CUSTODIA_SLOW_REQUEST_MS'),
    sessionCacheMs:
      1000 * wholeNumber(env.CUSTODIA_SESSION_CACHE_SECONDS, 5, 'CUSTODIA_SESSION_CACHE_SECONDS'),
    smallCellThreshold: smallCellThreshold(env.CUSTODIA_SMALL_CELL_THRESHOLD),
    liveStreams: {
      perSession: positiveInteger(
        env.CUSTODIA_LIVE_STREAMS_PER_SESSION,
        5,
        'CUSTODIA_LIVE_STREAMS_PER_SESSION',
      ),
      perServer: positiveInteger(
        env.CUSTODIA_LIVE_STREAMS_PER_SERVER,
        500,
        'CUSTODIA_LIVE_STREAMS_PER_SERVER',
      ),
      sessionCheckMs:
        1000 *
        positiveInteger(env.CUSTODIA_LIVE_SESSION_CHECK_SECONDS, 15, 'CUSTODIA_LIVE_SESSION_CHECK_SECONDS'),
    },
  };
}
