/** The sign-in page: the form itself, for the tests about signing in (others use `signedInAs`). */
import type { Locator } from 'playwright-core';
import { DEMO_PASSWORD, signIn } from '../harness.ts';
import type { Shell } from './shell.ts';

export class SignInPage {
  constructor(readonly shell: Shell) {}

  get username(): Locator {
    return this.shell.page.locator('input[name="username"]');
  }

  get password(): Locator {
    return this.shell.page.locator('input[name="password"]');
  }

  async open(): Promise<void> {
    await this.shell.goto('/');
  }

  /** Types a user name and password and presses Enter, waiting for nothing (a refusal, say). */
  async submit(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.password.press('Enter');
  }

  /** Signs in and waits for the shell (or, with `expectCode`, for the code field). */
  signIn(username: string, password = DEMO_PASSWORD, options: { expectCode?: boolean } = {}): Promise<void> {
    return signIn(this.shell.page, username, password, options);
  }
}
