import type { FastifyReply } from 'fastify';

/** A file an export route answers with: its name, media type and content. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

/** Sends an export as a download; the file name is kept to characters every browser and OS accept. */
export function sendExport(reply: FastifyReply, file: ExportFile) {
  const filename = file.filename.replace(/[^A-Za-z0-9._-]/g, '-');
  return reply
    .header('content-disposition', `attachment; filename="${filename}"`)
    .type(file.contentType)
    .send(file.body);
}
