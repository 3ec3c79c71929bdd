#!/usr/bin/env node
/*
 * Greenroom benchmarks: `bash scripts/greenroom.sh bench [options]`.
 * The benchmarks are TypeScript and import the plugins' sources; the Backstage
 * CLI's node transform (as the plugins' bin scripts use) compiles them on the fly.
 */
'use strict';

require('@backstage/cli/config/nodeTransform.cjs');
require('./main')
  .main(process.argv.slice(2))
  .then(
    code => process.exit(code),
    error => {
      process.stderr.write(`bench: ${error.stack ?? error}\n`);
      process.exit(2);
    },
  );
