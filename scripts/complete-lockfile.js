#!/usr/bin/env node
// The registry mirror these machines use has no manifests for other platforms' optional native
// binaries (e.g. @swc/core-darwin-arm64), so `npm install` leaves them out of package-lock.json
// and `npm ci` then refuses the lockfile as incomplete. This records each missing optional
// platform package with the os/cpu/libc its name declares, so npm skips it by platform without
// fetching it. Run after any `npm install` that changes the lockfile: npm run lockfile:complete
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'netbsd', 'openbsd', 'sunos', 'aix'];
const CPU = {
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  arm: 'arm',
  gnueabihf: 'arm',
  musleabihf: 'arm',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  wasm32: 'wasm32',
};

const platformOf = (name) => {
  const parts = name.split('/').pop().split('-');
  const os = parts.map((p) => (p === 'windows' ? 'win32' : p)).find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  // a binary for one OS on any CPU (e.g. napi-windows-process-start-time) is skipped by its OS alone
  if (!cpu && !os) return null;
  const platform = cpu ? { cpu: [cpu] } : {};
  if (os) platform.os = [os];
  if (parts.some((p) => p.startsWith('musl'))) platform.libc = ['musl'];
  else if (os === 'linux' && parts.some((p) => p.startsWith('gnu'))) platform.libc = ['glibc'];
  return platform;
};

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location === '' ? '' : `${location}/`;
    if (lock.packages[`${base}node_modules/${name}`] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform) throw new Error(`${name}: missing from the lockfile and not a platform binary; fix the install instead`);
    lock.packages[`node_modules/${name}`] = { version: version.replace(/^[\^~]/, ''), ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}

lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: recorded ${added} optional platform package(s)`);
