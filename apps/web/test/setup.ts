// Component tests: testing-library's DOM matchers are not installed, so tests assert on the DOM itself; unmount between tests.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
