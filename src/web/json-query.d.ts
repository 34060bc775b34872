/** A locale file imported under a second module id (app/i18n.ts, loadAllTexts): the whole file, in a chunk of its own. */
declare module '*.json?all' {
  const texts: Record<string, unknown>;
  export default texts;
}
