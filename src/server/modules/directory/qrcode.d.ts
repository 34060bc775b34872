/** The part of the `qrcode` package (no bundled types) the contact cards and the documents' verification codes use. */
declare module "qrcode" {
  type Options = { type?: "svg" | "utf8" | "terminal"; errorCorrectionLevel?: "L" | "M" | "Q" | "H"; margin?: number; width?: number };
  /** The symbol itself: `modules.get(row, column)` is truthy for a dark module. */
  type QRCodeSymbol = { modules: { size: number; get(row: number, column: number): number | boolean } };
  const QRCode: {
    toString(text: string, options?: Options): Promise<string>;
    create(text: string, options?: { errorCorrectionLevel?: "L" | "M" | "Q" | "H" }): QRCodeSymbol;
  };
  export default QRCode;
}
