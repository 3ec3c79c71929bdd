import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The page tests wait for debounced search and URL updates and for the
// lazy-loaded table; give them room on a busy machine.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(20_000);
