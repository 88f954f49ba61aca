import { describe, expect, it } from 'vitest';
import { chooseMode, colorEnabled } from '../../src/ui/index.js';

describe('chooseMode', () => {
  it('picks json for --json, ink for a terminal, plain otherwise', () => {
    expect(chooseMode({ isTTY: true, json: true, env: {} })).toBe('json');
    expect(chooseMode({ isTTY: false, json: true, env: {} })).toBe('json');
    expect(chooseMode({ isTTY: true, json: false, env: { TERM: 'xterm-256color' } })).toBe('ink');
    expect(chooseMode({ isTTY: false, json: false, env: {} })).toBe('plain');
  });

  it('falls back to plain lines on CI and dumb terminals, even with a TTY', () => {
    expect(chooseMode({ isTTY: true, json: false, env: { CI: 'true' } })).toBe('plain');
    expect(chooseMode({ isTTY: true, json: false, env: { TERM: 'dumb' } })).toBe('plain');
    expect(chooseMode({ isTTY: true, json: false, env: { CI: 'false' } })).toBe('ink');
    expect(chooseMode({ isTTY: true, json: false, env: { CI: '' } })).toBe('ink');
  });
});

describe('colorEnabled', () => {
  it('colors a terminal unless NO_COLOR is set to anything non-empty', () => {
    expect(colorEnabled({ isTTY: true, env: {} })).toBe(true);
    expect(colorEnabled({ isTTY: false, env: {} })).toBe(false);
    expect(colorEnabled({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colorEnabled({ isTTY: true, env: { NO_COLOR: '0' } })).toBe(false);
    expect(colorEnabled({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true);
    expect(colorEnabled({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
  });
});
