// ZIP bomb guard for DOCX, XLSX, ODS and ODT (yauzl): declared sizes, ratios and entry count from the central
// directory, then every entry inflated and counted in constant memory (a lying size header is caught too).
import yauzl from 'yauzl';
import { AttachmentTextError } from './limits.js';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxRatio: number;
}

export function checkZip(buffer: Buffer, limits: ZipLimits): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (openError, zip) => {
      if (openError || !zip) return reject(new AttachmentTextError('E_ATTACHMENT_CORRUPT', `not a readable ZIP container: ${openError?.message ?? 'unknown'}`));
      let entries = 0;
      let declared = 0;
      const fail = (code: 'E_ATTACHMENT_BOMB' | 'E_ATTACHMENT_CORRUPT' | 'E_ATTACHMENT_ENCRYPTED', message: string) => {
        zip.close();
        reject(new AttachmentTextError(code, message));
      };
      zip.on('error', (err: Error) => fail('E_ATTACHMENT_CORRUPT', err.message));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries++;
        declared += entry.uncompressedSize;
        const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (entries > limits.maxEntries) return fail('E_ATTACHMENT_BOMB', `more than ${limits.maxEntries} entries`);
        if (declared > limits.maxTotalBytes) return fail('E_ATTACHMENT_BOMB', `unpacks to more than ${mb(limits.maxTotalBytes)}`);
        if (ratio > limits.maxRatio && entry.uncompressedSize > 1 << 20) {
          return fail('E_ATTACHMENT_BOMB', `${entry.fileName} expands ${Math.round(ratio)} times`);
        }
        if (entry.isEncrypted()) return fail('E_ATTACHMENT_ENCRYPTED', `${entry.fileName} is encrypted`);
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail('E_ATTACHMENT_CORRUPT', streamError?.message ?? 'unreadable entry');
          stream.on('error', (err: Error) => fail(/too many bytes/.test(err.message) ? 'E_ATTACHMENT_BOMB' : 'E_ATTACHMENT_CORRUPT', `${entry.fileName}: ${err.message}`));
          stream.on('end', () => zip.readEntry());
          stream.resume();
        });
      });
      zip.readEntry();
    });
  });
}

const mb = (bytes: number) => `${Math.round(bytes / (1 << 20))} MB`;
