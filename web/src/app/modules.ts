import { platformModule } from '../modules/platform/module.ts';
import type { AppModule } from './appModule.ts';

/** The modules of the web app, in the order of their navigation entries. */
export const modules: AppModule[] = [platformModule];
