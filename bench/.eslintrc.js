// bench/ is not a package: it gets the CLI's rules for Node code without the
// package-only checks; it is a command-line tool, so it may print.
module.exports = require('@backstage/cli/config/eslint-factory').createConfig(
  __dirname,
  { rules: { 'no-console': 'off' } },
);
