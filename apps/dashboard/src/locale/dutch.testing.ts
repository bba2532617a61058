import { useDutch, useEnglish } from './testing';

/*
 * Import this first in a spec that renders components in Dutch (`*.nl.spec.ts`): as main.ts does for the app,
 * the translations are loaded before the app's modules, so their module-level texts (navigation, chart names)
 * are Dutch too. Angular keeps a component's compiled texts once rendered, so a spec file renders one language.
 */
useDutch();
afterAll(() => useEnglish());
