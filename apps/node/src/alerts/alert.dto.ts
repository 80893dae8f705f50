import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ONE_TO_MANY_KINDS, OneToManyKind } from '@imi/domain';

export class RecipientChoiceDto {
  @ApiPropertyOptional({ type: [String], description: 'Competent authorities of other member states' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) authorityIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Whole member states, delivered to their coordinator for the area', example: ['FR', 'ES'] })
  @IsOptional() @IsArray() @ArrayMaxSize(40) @Matches(/^[A-Z]{2}$/, { each: true }) memberStates?: string[];

  @ApiPropertyOptional({ description: 'Every other member state with a coordinator for the area' })
  @IsOptional() @IsBoolean() allMemberStates?: boolean;

  @ApiPropertyOptional({ description: 'The Commission, where the area\'s Union act makes it a party' })
  @IsOptional() @IsBoolean() commission?: boolean;
}

export class SendAlertDto {
  @ApiProperty({ enum: ONE_TO_MANY_KINDS }) @IsIn(ONE_TO_MANY_KINDS) kind!: OneToManyKind;

  @ApiPropertyOptional({ description: 'Required for a notification; an alert\'s kind fixes its area' })
  @IsOptional() @IsString() @Length(1, 100) legislativeArea?: string;

  @ApiProperty({ type: RecipientChoiceDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => RecipientChoiceDto) recipients!: RecipientChoiceDto;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The fields of the kind (see libs/domain/src/alert.ts); unknown fields are dropped' })
  @IsDefined() @IsObject() content!: Record<string, unknown>;
}

export class RectifyAlertDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The whole new content, as when sending' }) @IsDefined() @IsObject() content!: Record<string, unknown>;
}

export class WithdrawAlertDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

export class LaterDecisionDto {
  @ApiProperty({ example: '2026-12-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) decisionDate!: string;
}

export class DistributeAlertDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) authorityIds!: string[];
}

export { AlertView } from './alert.view';
