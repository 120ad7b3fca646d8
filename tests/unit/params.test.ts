import { describe, expect, it } from 'vitest';
import { readBackendRequest } from '../../src/app/params';

describe('readBackendRequest', () => {
  it('forces the cpu fallback from the query or the hash', () => {
    expect(readBackendRequest('?backend=cpu', '')).toEqual({ disableWebgl: true });
    expect(readBackendRequest('', '#backend=cpu')).toEqual({ disableWebgl: true });
    expect(readBackendRequest('?x=1&backend=CPU', '#cell=lstm')).toEqual({ disableWebgl: true });
  });

  it('lets the query win over the hash', () => {
    expect(readBackendRequest('?backend=webgl', '#backend=cpu')).toEqual({ preferred: 'webgl' });
  });

  it('ignores missing or unknown values', () => {
    expect(readBackendRequest('', '')).toEqual({});
    expect(readBackendRequest('?backend=wasm', '')).toEqual({});
  });
});
