export { WatchSession, type WatchOptions } from './session.js';
