import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { DirectoryData, RegistrationStatus } from '@imi/domain';

/** Shapes only; the registration rules (libs/domain/src/registration.ts) check the content. */
export class RegisterAuthorityDto {
  @ApiProperty({ example: 'DE-BY-HWK-MUC', description: 'CC-…: the member state first, then capitals, digits and hyphens' }) @IsString() @Length(4, 65) id!: string;
  @ApiProperty({ enum: ['competent-authority', 'delegated-coordinator'] }) @IsIn(['competent-authority', 'delegated-coordinator']) kind!: 'competent-authority' | 'delegated-coordinator';
  @ApiProperty({ example: { de: 'Handwerkskammer für München und Oberbayern', en: 'Chamber of Skilled Crafts for Munich and Upper Bavaria' } }) @IsObject() names!: Record<string, string>;
  @ApiPropertyOptional({ example: { street: 'Max-Joseph-Straße 4', postalCode: '80333', city: 'München', country: 'DE' } }) @IsOptional() @IsObject() address?: Record<string, unknown>;
  @ApiProperty({ example: ['professional-qualifications'] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) legislativeAreas!: string[];
  @ApiPropertyOptional({ example: { de: ['Meisterprüfung', 'Handwerksrolle'] } }) @IsOptional() @IsObject() keywords?: Record<string, string[]>;
  @ApiPropertyOptional({ example: ['master craftsman', 'electrician'] }) @IsOptional() @IsArray() @ArrayMaxSize(100) professions?: string[];
  @ApiPropertyOptional({ example: 'Bayern' }) @IsOptional() @IsString() @Length(1, 100) region?: string;
}

/** The directory data to change; what is left out stays as it is. */
export class UpdateRegistrationDto {
  @ApiPropertyOptional() @IsOptional() @IsObject() names?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsObject() address?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) legislativeAreas?: string[];
  @ApiPropertyOptional() @IsOptional() @IsObject() keywords?: Record<string, string[]>;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(100) professions?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) region?: string;
}

export interface RegistrationSummary extends DirectoryData {
  id: string;
  kind: 'competent-authority' | 'delegated-coordinator';
  status: RegistrationStatus;
  registeredBy: string;
  validatedBy: string | null;
}

/** One registration with what the hub made of its last change and every change so far. */
export interface RegistrationView extends RegistrationSummary {
  /** The last change sent to the hub, and whether the hub took it (its receipt) or refused it (its signed rejection). */
  publication: { messageId: string; acceptedByHubAt: string | null; refusedByHub: { code: string; reason: string } | null } | null;
  history: { action: string; status: RegistrationStatus; byAuthority: string; at: string }[];
}
