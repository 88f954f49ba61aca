/** The Ink view. Kept out of ui/index.ts so that importing the reporters does not load Ink and React. */
export { RunView, type RunViewProps } from './run-view.js';
