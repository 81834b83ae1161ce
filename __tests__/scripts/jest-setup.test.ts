import { Lazy } from 'cdktf';

describe('jest-setup', () => {
  test('cdktf tokens carry no creation stack under Jest', () => {
    expect(Lazy.anyValue({ produce: () => 1 }).creationStack).toEqual([]);
  });

  test('errors keep their stack traces, so failures still say where they happened', () => {
    const error = new Error('where?');
    Error.captureStackTrace(error);
    expect(error.stack).toMatch(/\n\s+at .*jest-setup\.test\.ts/);
  });
});
