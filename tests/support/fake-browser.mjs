#!/usr/bin/env node
// Plays the system browser for the CLI's OAuth sign-in in tests (the CLI runs $BROWSER URL):
// loads the sign-in address, lets the fake platform redirect, and follows the redirect to the
// CLI's loopback listener, as a browser would.
// With BROWSER_ENV_RECORD set, it first writes the names of the variables it was started with
// there (a test checks that no CUSTODIAN_* variable reached the browser).
import { writeFileSync } from 'node:fs';

const [url] = process.argv.slice(2);
if (process.env.BROWSER_ENV_RECORD) writeFileSync(process.env.BROWSER_ENV_RECORD, JSON.stringify(Object.keys(process.env)));
const answer = await fetch(url, { redirect: 'manual' });
const location = answer.headers.get('location');
if (location !== null) await fetch(location, { redirect: 'manual' });
