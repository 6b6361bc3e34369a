import { createTheme } from '@mantine/core';

/**
 * The one theme. MantineProvider runs with its CSS-variable injection off (the CSP allows no
 * <style> elements), so every variable this theme changes from Mantine's defaults is shipped
 * in theme-variables.css instead; tests/e2e/theme-css.test.ts keeps the two in step.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  // Shade 7: white text on the filled buttons passes WCAG AA contrast (shade 6 does not).
  primaryShade: { light: 7, dark: 8 },
});
