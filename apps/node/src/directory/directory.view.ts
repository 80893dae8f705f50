import { ApiProperty } from '@nestjs/swagger';

/** What `GET /directory` answers with, declared for the OpenAPI document (the web client's types). */
export class DirectoryAddressView {
  @ApiProperty({ type: String, nullable: true }) street!: string | null;
  @ApiProperty({ type: String, nullable: true }) postalCode!: string | null;
  @ApiProperty() city!: string;
  @ApiProperty({ example: 'DE' }) country!: string;
}

export class DirectoryResult {
  @ApiProperty({ example: 'DE-BE-AEK' }) id!: string;
  @ApiProperty({ example: 'DE', description: 'The member state (node) of the authority' }) node!: string;
  @ApiProperty({ enum: ['competent-authority', 'national-coordinator', 'delegated-coordinator'] }) kind!: string;
  @ApiProperty({ description: 'The name in the reader\'s language where the authority gave one, else English, else its first' }) name!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The name in every language given, by ISO 639-1 code' }) names!: Record<string, string>;
  @ApiProperty({ type: DirectoryAddressView, nullable: true }) address!: DirectoryAddressView | null;
  @ApiProperty({ type: [String] }) legislativeAreas!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }) keywords!: Record<string, string[]>;
  @ApiProperty({ type: [String] }) professions!: string[];
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ description: 'How well it matches the words searched; higher first' }) score!: number;
}
