// `npm run test:package`: the npm package as others get it (jest config in scripts/package/): packed,
// installed from the npm cache alone into a fresh project, and its tool and its constructs used
// there (__tests__/package/). Offline; `npm ci` must have run, so the cache holds every dependency.
// Jest runs in this process, as in scripts/test.js; extra arguments go to Jest.
const path = require('path');

// jest.run exits non-zero when a test fails or none runs.
require('jest').run(['--config', path.join(__dirname, 'package', 'jest.config.js'), ...process.argv.slice(2)]);
