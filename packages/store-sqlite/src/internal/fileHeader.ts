/**
 * What a SQLite file's header says of its size (R-AUDIT-6): a file shorter than the pages its
 * header counts was cut short, and SQLite then refuses to read any of it.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/**
 * A sentence saying that the file at `path` holds fewer pages than its header counts, and where it
 * was cut; empty when it does not (or the header cannot be read).
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * import { createTempDir } from '@rapport/core/testing';
 * import { truncationNote } from './fileHeader.js';
 * const temp = createTempDir('file-header');
 * const header = Buffer.alloc(100);
 * header.writeUInt16BE(4096, 16); // page size
 * header.writeUInt32BE(3, 28); // pages
 * writeFileSync(temp.file('cut.db'), Buffer.concat([header, Buffer.alloc(4096 * 2 - 100)]));
 * truncationNote(temp.file('cut.db'));
 * // 'the file holds 8192 bytes, 2 of the 3 pages its header counts: it was cut short after page 2'
 * temp.remove();
 */
export const truncationNote = (path: string): string => {
  const header = Buffer.alloc(100);
  let size: number;
  try {
    size = statSync(path).size;
    const fd = openSync(path, 'r');
    try {
      if (readSync(fd, header, 0, 100, 0) < 100) return '';
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  if (pageSize < 512 || pages === 0 || size >= pages * pageSize) return '';
  const whole = Math.floor(size / pageSize);
  return `the file holds ${size} bytes, ${whole} of the ${pages} pages its header counts: it was cut short after page ${whole}`;
};
