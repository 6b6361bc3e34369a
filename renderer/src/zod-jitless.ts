import { config } from 'zod/v4/core';

/*
 * The window's CSP has no 'unsafe-eval', and zod 4 compiles object parsers with new Function
 * unless told not to: its probe is refused, and each refusal is a CSP violation report (and a
 * console error) even though zod falls back. The contract's schemas load with the signed-in
 * console; this runs first, in the entry, so no schema is ever built with the probe.
 */
config({ jitless: true });
