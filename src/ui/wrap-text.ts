/** Breaks a line into pieces of at most `width` characters, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(10, width);
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const space = rest.lastIndexOf(' ', limit);
    const cut = space > 0 ? space : limit;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(space > 0 ? cut + 1 : cut);
  }
  pieces.push(rest);
  return pieces;
}
