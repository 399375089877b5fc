/**
 * Where the exporter gets a figure's photo. The media store (lib/media) registers itself here
 * when it is wired in; until then a figure is exported as its caption alone.
 */
import type { FigureBytes } from "./docx";

let source: FigureBytes | undefined;

export function setExportFigureBytes(next: FigureBytes | undefined): void {
  source = next;
}

export function getExportFigureBytes(): FigureBytes | undefined {
  return source;
}
