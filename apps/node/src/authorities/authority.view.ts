import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An authority of the trust list as `GET /authorities` answers with it (the OpenAPI document, the web client's types). */
export class AuthorityView {
  @ApiProperty({ example: 'FR-CNOM' }) id!: string;
  @ApiProperty({ example: 'FR' }) node!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) legislativeAreas!: string[];
  @ApiProperty({ enum: ['active', 'suspended', 'revoked', 'removed'] }) status!: string;
  @ApiPropertyOptional({ type: [String], description: 'Authorities of its own member state whose requests it may list (metadata only)' }) observes?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Areas for which it is its member state\'s coordinator' }) coordinates?: string[];
  @ApiPropertyOptional({ enum: ['competent-authority', 'national-coordinator', 'delegated-coordinator'] }) kind?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) region?: string | null;
}
