// Jest setup, run in every test file's environment: cdktf captures a full stack trace for every
// token it creates, only to quote in its own error messages; under Jest each one is formatted through
// source maps, a quarter of the suite's time. main.ts skips them while synthesizing; tests skip them
// everywhere. cdktf's capture (tokens/private/stack-trace.js) is the one made on a plain object whose
// `stack` is empty; Jest's own, on errors, are kept. Should cdktf capture differently, this stops
// matching and tests only get slower.
const capture = Error.captureStackTrace;
Error.captureStackTrace = function captureStackTrace(target, below) {
  if (!(target instanceof Error) && target?.stack === '') return;
  capture(target, below);
};
