/**
 * The Ink UI is computed as styled lines first and rendered second: the frame has to
 * fit the terminal, and counting lines is only exact when every line is known up front.
 */

export type Tone = 'green' | 'red' | 'yellow' | 'cyan' | 'magenta';

export interface Segment {
  text: string;
  tone?: Tone;
  dim?: boolean;
  bold?: boolean;
}

export type Line = Segment[];

export function plain(text: string): Segment {
  return { text };
}
