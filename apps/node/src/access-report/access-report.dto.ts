import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PersonQuery } from '@imi/domain';

/** The person, by the fields exchanges identify people with: a register number, or both names (and a date of birth). */
export class AccessReportRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) familyName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) givenNames?: string;
  @ApiPropertyOptional({ example: '1980-01-31' }) @IsOptional() @IsString() @Length(10, 10) dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) registerNumber?: string;
}

export interface AccessReportExchange {
  exchangeId: string;
  type: string;
  legislativeArea: string;
  role: string;
  authorities: Record<string, string>;
  state: string;
  sentAt: string;
  closedAt: string | null;
  /** available, or blocked (held only as proof of the exchange; still reported to the person). */
  personalData: 'available' | 'blocked';
  data: Record<string, unknown>;
}

export interface AccessReport {
  kind: 'access-report';
  node: string;
  generatedAt: string;
  generatedFor: string;
  person: PersonQuery;
  exchanges: AccessReportExchange[];
}
