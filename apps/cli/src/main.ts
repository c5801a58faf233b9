#!/usr/bin/env node
// The `rolebook` command (package.json "bin"): see cli.ts, or run it with --help.
import { runCli } from './cli';

void runCli(process.argv).then((code) => process.exit(code));
