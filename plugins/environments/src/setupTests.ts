import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The page tests wait for debounced search and URL updates and for the
// lazy-loaded table; give them room on a busy machine. The test app of
// frontend-test-utils 1.0 (Backstage 1.57) renders these pages two to three
// times slower than 0.6 did (on 2 cores the longest form test takes ~18 s
// alone), hence the generous limits.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(60_000);
