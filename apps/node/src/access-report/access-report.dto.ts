import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PersonQuery } from '@imi/domain';
import { REPORT_LANGUAGES, ReportLanguage } from './report-language';

/** The person, by the fields exchanges identify people with: a register number, or both names (and a date of birth). */
export class AccessReportRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) familyName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) givenNames?: string;
  @ApiPropertyOptional({ example: '1980-01-31' }) @IsOptional() @IsString() @Length(10, 10) dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) registerNumber?: string;

  @ApiPropertyOptional({ enum: REPORT_LANGUAGES, default: 'en', description: 'The language the person reads the report in: its texts, the questions and the answers' })
  @IsOptional() @IsIn(REPORT_LANGUAGES) language?: ReportLanguage;
}

/** An authority taking part in an exchange: organisation data, never a person. */
export class ReportAuthority {
  @ApiProperty() authorityId!: string;
  @ApiProperty() name!: string;
  /** The member state (ISO code; EC for the European Commission). */
  @ApiProperty({ description: 'The member state (ISO code; EC for the European Commission)' }) memberState!: string;
}

export class ReportReceipt extends ReportAuthority {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it applied the data (its signed receipt); null: not yet confirmed' }) receivedAt!: string | null;
}

export class ReportRetention {
  @ApiProperty() blockAfterMonths!: number;
  @ApiProperty() deleteAfterMonths!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while the exchange is open' }) blockedFrom!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while the exchange is open' }) deletedFrom!: string | null;
}

export class ReportAnswer {
  @ApiProperty({ description: 'In the report\'s language where the catalogue has it' }) text!: string;
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
}

export class ReportQuestion {
  @ApiProperty() questionId!: string;
  @ApiProperty({ description: 'The catalogue\'s text in the report\'s language (English where it has none)' }) text!: string;
  @ApiProperty({ type: String, nullable: true }) freeText!: string | null;
  @ApiProperty({ type: [ReportAnswer] }) answers!: ReportAnswer[];
}

export class AccessReportExchange {
  @ApiProperty({ format: 'uuid' }) exchangeId!: string;
  @ApiProperty({ description: 'information-request, or the alert\'s kind' }) type!: string;
  /** The legislative area: the purpose the data may be used for (IMI Regulation Art. 13). */
  @ApiProperty({ description: 'The legislative area: the purpose the data may be used for (IMI Regulation Art. 13)' }) legislativeArea!: string;
  /** The Union act of the area, as the hub's trust list names it. */
  @ApiProperty({ type: String, nullable: true }) legislativeAreaAct!: string | null;
  @ApiProperty() role!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) authorities!: Record<string, string>;
  /** Every authority taking part, with its name and member state. */
  @ApiProperty({ type: [ReportAuthority] }) parties!: ReportAuthority[];
  /** Where this node received the person's data from, when it did not collect it itself. */
  @ApiProperty({ type: ReportReceipt, nullable: true }) receivedFrom!: ReportReceipt | null;
  /** The authorities this node passed the person's data to, and when each one applied it (null: not yet confirmed). */
  @ApiProperty({ type: [ReportReceipt] }) disclosedTo!: ReportReceipt[];
  @ApiProperty() state!: string;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  /** available, or blocked (held only as proof of the exchange; still reported to the person). */
  @ApiProperty({ enum: ['available', 'blocked'] }) personalData!: 'available' | 'blocked';
  /** The area's periods, counted from formal closure, and the dates they give (null while the exchange is open). */
  @ApiProperty({ type: ReportRetention }) retention!: ReportRetention;
  /** The questions asked about the person and their answers, in the report's language where the catalogue has it. */
  @ApiProperty({ type: [ReportQuestion] }) questions!: ReportQuestion[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Every personal value held, as stored' }) data!: Record<string, unknown>;
}

export class ReportPerson {
  @ApiProperty({ type: String, nullable: true }) familyName!: string | null;
  @ApiProperty({ type: String, nullable: true }) givenNames!: string | null;
  @ApiProperty({ type: String, nullable: true }) dateOfBirth!: string | null;
  @ApiProperty({ type: String, nullable: true }) registerNumber!: string | null;
}

export class SupervisoryAuthorityView {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Postal address and website, lines separated by |' }) address!: string;
}

export class AccessReport {
  @ApiProperty({ enum: ['access-report'] }) kind!: 'access-report';
  @ApiProperty() node!: string;
  /** The language of the report's texts and of the questions and answers in it. */
  @ApiProperty({ enum: REPORT_LANGUAGES }) language!: ReportLanguage;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty() generatedFor!: string;
  /** The authority that produced the report for the person: the controller answering the request. */
  @ApiProperty({ type: ReportAuthority }) controller!: ReportAuthority;
  /** Where the person may lodge a complaint (GDPR Art. 77). */
  @ApiProperty({ type: SupervisoryAuthorityView }) supervisoryAuthority!: SupervisoryAuthorityView;
  @ApiProperty({ type: ReportPerson }) person!: PersonQuery;
  @ApiProperty({ type: [AccessReportExchange] }) exchanges!: AccessReportExchange[];
}

export class SignedAccessReport {
  @ApiProperty({ type: AccessReport }) report!: AccessReport;
  @ApiProperty({ description: 'Compact JWS (EdDSA) whose payload is `report`, by the node\'s signing key' }) jws!: string;
  @ApiProperty() verification!: string;
}
