import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ATTACHMENT_CONTENT_TYPES } from '@imi/domain';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import { UnsupportedMediaType } from '../problem/errors';
import { AttachmentMeta } from './attachment.repository';
import { AttachmentService } from './attachment.service';
import { RequestAttachmentView } from './request.dto';
import { RequireRoles } from '../users/session.guard';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id/attachments')
export class AttachmentController {
  constructor(private readonly attachments: AttachmentService) {}

  /** The document is the raw request body; its content type must match its bytes. */
  @RequireRoles('case-handler')
  @Post()
  @ApiConsumes(...ATTACHMENT_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: RequestAttachmentView })
  // As checkAttachment enforces it.
  @ApiQuery({ name: 'fileName', required: true, schema: { type: 'string', minLength: 1, maxLength: 200, pattern: String.raw`^[^/\\\u0000-\u001f\u007f]*$` } })
  @ApiQuery({ name: 'concernsPerson', required: false, description: 'default true: the document is about the person and waits for acceptance' })
  upload(
    @ActingAuthority() acting: string | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('content-type') contentType: string | undefined,
    @Query('fileName') fileName: string | undefined,
    @Query('concernsPerson') concernsPerson: string | undefined,
    @Body() content: unknown,
  ): Promise<AttachmentMeta> {
    // The raw parser only runs for accepted types; anything else arrives unparsed.
    if (!Buffer.isBuffer(content)) throw new UnsupportedMediaType(`attachments must be sent as one of ${ATTACHMENT_CONTENT_TYPES.join(', ')}`);
    return this.attachments.upload(acting, id, {
      fileName: fileName ?? '',
      contentType: (contentType ?? '').split(';')[0].trim().toLowerCase(),
      concernsPerson: concernsPerson !== 'false',
      content,
    });
  }

  @RequireRoles('case-handler')
  @Get(':attachmentId')
  @ApiProduces(...ATTACHMENT_CONTENT_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The document as uploaded, as an attachment with its file name' })
  async download(
    @ActingAuthority() acting: string | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    const attachment = await this.attachments.download(acting, id, attachmentId);
    return new StreamableFile(attachment.content, {
      type: attachment.contentType,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      length: attachment.content.length,
    });
  }
}
