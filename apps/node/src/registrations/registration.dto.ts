import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { DirectoryData, RegistrationStatus } from '@imi/domain';
import { PageQuery } from '../lists/page-query.dto';

const NAMES = { type: 'object', additionalProperties: { type: 'string' }, description: 'By ISO 639-1 language code' } as const;
const KEYWORDS = { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, description: 'By ISO 639-1 language code' } as const;

class RegistrationAddress {
  @ApiProperty({ nullable: true, type: String }) street!: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode!: string | null;
  @ApiProperty() city!: string;
  @ApiProperty({ example: 'DE' }) country!: string;
}

/** Shapes only; the registration rules (libs/domain/src/registration.ts) check the content. */
export class RegisterAuthorityDto {
  @ApiProperty({ example: 'DE-BY-HWK-MUC', description: 'CC-…: the member state first, then capitals, digits and hyphens' }) @IsString() @Length(4, 65) id!: string;
  @ApiProperty({ enum: ['competent-authority', 'delegated-coordinator'] }) @IsIn(['competent-authority', 'delegated-coordinator']) kind!: 'competent-authority' | 'delegated-coordinator';
  @ApiProperty({ ...NAMES, example: { de: 'Handwerkskammer für München und Oberbayern', en: 'Chamber of Skilled Crafts for Munich and Upper Bavaria' } }) @IsObject() names!: Record<string, string>;
  @ApiPropertyOptional({ type: RegistrationAddress, example: { street: 'Max-Joseph-Straße 4', postalCode: '80333', city: 'München', country: 'DE' } }) @IsOptional() @IsObject() address?: Record<string, unknown>;
  @ApiProperty({ example: ['professional-qualifications'] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) legislativeAreas!: string[];
  @ApiPropertyOptional({ ...KEYWORDS, example: { de: ['Meisterprüfung', 'Handwerksrolle'] } }) @IsOptional() @IsObject() keywords?: Record<string, string[]>;
  @ApiPropertyOptional({ example: ['master craftsman', 'electrician'] }) @IsOptional() @IsArray() @ArrayMaxSize(100) professions?: string[];
  @ApiPropertyOptional({ example: 'Bayern' }) @IsOptional() @IsString() @Length(1, 100) region?: string;
}

/** The directory data to change; what is left out stays as it is. */
export class UpdateRegistrationDto {
  @ApiPropertyOptional(NAMES) @IsOptional() @IsObject() names?: Record<string, string>;
  @ApiPropertyOptional({ type: RegistrationAddress }) @IsOptional() @IsObject() address?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) legislativeAreas?: string[];
  @ApiPropertyOptional(KEYWORDS) @IsOptional() @IsObject() keywords?: Record<string, string[]>;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(100) professions?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) region?: string;
}

export const REGISTRATION_STATUSES = ['registered', 'active', 'suspended', 'removed'] as const;
export const REGISTRATION_KINDS = ['competent-authority', 'delegated-coordinator'] as const;

/** A page of the member state's registrations in the order of their ids, filtered by status, kind and area. */
export class ListRegistrationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES }) @IsOptional() @IsIn(REGISTRATION_STATUSES) status?: RegistrationStatus;
  @ApiPropertyOptional({ enum: REGISTRATION_KINDS }) @IsOptional() @IsIn(REGISTRATION_KINDS) kind?: (typeof REGISTRATION_KINDS)[number];
  @ApiPropertyOptional({ example: 'professional-qualifications' }) @IsOptional() @IsString() @MaxLength(100) legislativeArea?: string;
}

export class RegistrationSummary implements DirectoryData {
  @ApiProperty({ example: 'DE-BY-HWK-MUC' }) id!: string;
  @ApiProperty({ enum: REGISTRATION_KINDS }) kind!: 'competent-authority' | 'delegated-coordinator';
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiProperty(NAMES) names!: Record<string, string>;
  @ApiProperty({ type: RegistrationAddress, nullable: true }) address!: DirectoryData['address'];
  @ApiProperty({ type: [String] }) legislativeAreas!: string[];
  @ApiProperty(KEYWORDS) keywords!: Record<string, string[]>;
  @ApiProperty({ type: [String] }) professions!: string[];
  @ApiProperty({ nullable: true, type: String }) region!: string | null;
  @ApiProperty({ description: 'The coordinator that registered it' }) registeredBy!: string;
  @ApiProperty({ nullable: true, type: String }) validatedBy!: string | null;
}

export class RegistrationPage {
  @ApiProperty({ type: [RegistrationSummary] }) items!: RegistrationSummary[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

class HubRefusal {
  @ApiProperty() code!: string;
  @ApiProperty() reason!: string;
}

class PublicationView {
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acceptedByHubAt!: string | null;
  @ApiProperty({ nullable: true, type: HubRefusal }) refusedByHub!: HubRefusal | null;
}

class RegistrationHistoryLine {
  @ApiProperty({ example: 'validate' }) action!: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiProperty() byAuthority!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** One registration with what the hub made of its last change and every change so far. */
export class RegistrationView extends RegistrationSummary {
  /** The last change sent to the hub, and whether the hub took it (its receipt) or refused it (its signed rejection). */
  @ApiProperty({ type: PublicationView, nullable: true }) publication!: PublicationView | null;
  @ApiProperty({ type: [RegistrationHistoryLine] }) history!: RegistrationHistoryLine[];
}
