/** The matcher lives in product code now (the probe decides "filtered out by design" with it). */
export { matches } from '../../cli/event-pattern';
