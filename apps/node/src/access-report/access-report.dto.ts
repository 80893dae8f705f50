import { ApiPropertyOptional } from '@nestjs/swagger';
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
export interface ReportAuthority {
  authorityId: string;
  name: string;
  /** The member state (ISO code; EC for the European Commission). */
  memberState: string;
}

export interface AccessReportExchange {
  exchangeId: string;
  type: string;
  /** The legislative area: the purpose the data may be used for (IMI Regulation Art. 13). */
  legislativeArea: string;
  /** The Union act of the area, as the hub's trust list names it. */
  legislativeAreaAct: string | null;
  role: string;
  authorities: Record<string, string>;
  /** Every authority taking part, with its name and member state. */
  parties: ReportAuthority[];
  /** Where this node received the person's data from, when it did not collect it itself. */
  receivedFrom: (ReportAuthority & { receivedAt: string | null }) | null;
  /** The authorities this node passed the person's data to, and when each one applied it (null: not yet confirmed). */
  disclosedTo: (ReportAuthority & { receivedAt: string | null })[];
  state: string;
  sentAt: string;
  closedAt: string | null;
  /** available, or blocked (held only as proof of the exchange; still reported to the person). */
  personalData: 'available' | 'blocked';
  /** The area's periods, counted from formal closure, and the dates they give (null while the exchange is open). */
  retention: { blockAfterMonths: number; deleteAfterMonths: number; blockedFrom: string | null; deletedFrom: string | null };
  /** The questions asked about the person and their answers, in the report's language where the catalogue has it. */
  questions: { questionId: string; text: string; freeText: string | null; answers: { text: string; answeredAt: string }[] }[];
  data: Record<string, unknown>;
}

export interface AccessReport {
  kind: 'access-report';
  node: string;
  /** The language of the report's texts and of the questions and answers in it. */
  language: ReportLanguage;
  generatedAt: string;
  generatedFor: string;
  /** The authority that produced the report for the person: the controller answering the request. */
  controller: ReportAuthority;
  /** Where the person may lodge a complaint (GDPR Art. 77). */
  supervisoryAuthority: { name: string; address: string };
  person: PersonQuery;
  exchanges: AccessReportExchange[];
}
