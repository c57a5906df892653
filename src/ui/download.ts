// Saves a Blob or text as a file download.

export function download(data: Blob | string, filename: string, type = 'text/csv'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe stamp like 2025-01-31T12-00-00. */
export function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/:/g, '-');
}
