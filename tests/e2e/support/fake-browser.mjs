#!/usr/bin/env node
// $BROWSER for end-to-end tests: plays the teacher's browser on Google's
// consent page. It opens the authorization URL, takes the fake consent's
// redirect, and follows it to the app's loopback listener, like a browser
// would. Writes what it saw to $FAKE_BROWSER_LOG when set.
import { appendFileSync } from 'node:fs';

const url = process.argv[2];
const log = (line) => {
  if (process.env.FAKE_BROWSER_LOG) appendFileSync(process.env.FAKE_BROWSER_LOG, `${line}\n`);
};
if (!url) {
  console.error('usage: fake-browser.mjs URL');
  process.exit(2);
}
log(`open ${url}`);
const consent = await fetch(url, { redirect: 'manual' });
const location = consent.headers.get('location');
if (!location) {
  log(`consent answered ${consent.status} without a redirect`);
  process.exit(1);
}
log(`redirect ${location}`);
const page = await fetch(location);
log(`app answered ${page.status}`);
