import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MantineProvider, type MantineThemeOverride } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/e2e-renderer-build';

/**
 * The renderer turns MantineProvider's <style> injection off (the CSP refuses inline style)
 * and ships the variables in renderer/src/theme/theme-variables.css instead. This renders the
 * provider with the renderer's theme, as it would run with injection on, and checks that the
 * file holds exactly what it would have injected.
 */
const THEME_MODULE = join(ROOT, 'renderer/src/theme/custodian.theme.ts');
const VARIABLES_FILE = join(ROOT, 'renderer/src/theme/theme-variables.css');

const squash = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, '');

describe('the theme stylesheet', () => {
  it('holds the CSS variables MantineProvider would otherwise inject for the theme', async () => {
    // A computed specifier: the renderer is its own TypeScript project, vitest loads it anyway.
    const { theme } = (await import(/* @vite-ignore */ THEME_MODULE)) as { theme: MantineThemeOverride };
    const html = renderToStaticMarkup(createElement(MantineProvider, { theme, withGlobalClasses: false }, null));
    const injected = /<style data-mantine-styles="true">([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const shipped = readFileSync(VARIABLES_FILE, 'utf8');
    expect(squash(shipped), `renderer/src/theme/theme-variables.css should hold:\n${injected.trim()}\n`).toBe(squash(injected));
  });
});
