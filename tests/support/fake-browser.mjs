#!/usr/bin/env node
// Plays the system browser for the CLI's OAuth sign-in in tests (the CLI runs $BROWSER URL):
// loads the sign-in address, lets the fake platform redirect, and follows the redirect to the
// CLI's loopback listener, as a browser would.
const [url] = process.argv.slice(2);
const answer = await fetch(url, { redirect: 'manual' });
const location = answer.headers.get('location');
if (location !== null) await fetch(location, { redirect: 'manual' });
