/** The part of the `qrcode` package (no bundled types) the contact cards use. */
declare module "qrcode" {
  type Options = { type?: "svg" | "utf8" | "terminal"; errorCorrectionLevel?: "L" | "M" | "Q" | "H"; margin?: number; width?: number };
  const QRCode: { toString(text: string, options?: Options): Promise<string> };
  export default QRCode;
}
