// The type import also brings the request's multipart methods (request.file, isMultipart).
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../errors.ts';
import type { IncomingFile } from './store-upload.service.ts';

/**
 * The one file of a multipart upload, read up to one byte past the limit so a larger file is
 * known to be too large without reading it all. 400 when the body is not multipart or has no file.
 */
export async function readUploadBody(
  request: FastifyRequest,
  maxBytes: number,
): Promise<IncomingFile> {
  if (!request.isMultipart())
    throw badRequest('Send the file as multipart/form-data, in a field named "file".');
  const part: MultipartFile | undefined = await request.file({
    limits: { fileSize: maxBytes + 1, files: 1, fields: 2, fieldSize: 1024, parts: 3 },
    throwFileSizeLimit: false,
  });
  if (!part) throw badRequest('The form holds no file: send it in a field named "file".');
  const bytes = await part.toBuffer();
  return {
    bytes,
    name: part.filename || null,
    declaredType: part.mimetype || null,
    truncated: part.file.truncated,
  };
}
